import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureColorClip } from './fixture-color-clip';
import { fixtureColorSiglip } from './fixture-color-siglip';
import { hubFileUrl, requiredFiles } from './files';
import { findModel } from './index';
import {
  ModelFolderError,
  describeImportedModel,
  folderSlug,
  isImportedModelUrl,
  isModelFile,
  registerImportedModels,
} from './imported';

const FOLDER = 'public/models/fixtures/color-clip';

function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path, root) : [relative(root, path)];
  });
}

const paths = listFiles(FOLDER);
const config = JSON.parse(readFileSync(join(FOLDER, 'config.json'), 'utf8')) as Record<string, unknown>;

describe('describeImportedModel', () => {
  it('describes the fixture CLIP folder as an embedder that reuses the catalog twin prompts and cutoff', () => {
    const spec = describeImportedModel('color-clip', paths, config, fixtureColorClip);
    expect(spec).toMatchObject({
      id: 'imported-color-clip',
      repo: 'shoebox-import/color-clip',
      source: 'imported',
      task: 'embed',
      dims: 32,
      defaultMinScore: fixtureColorClip.defaultMinScore,
      promptTemplates: fixtureColorClip.promptTemplates,
      dtype: { wasm: 'q8', webgpu: 'fp16', webgpuNoF16: 'fp32' },
    });
    expect(requiredFiles(spec, spec.dtype.wasm)).toContain('onnx/vision_model_quantized.onnx');
    for (const file of requiredFiles(spec, spec.dtype.wasm)) expect(paths).toContain(file);
  });

  it('describes a SigLIP folder (the multilingual fixture) as a SigLIP embedder scoring with a sigmoid', () => {
    const folder = 'public/models/fixtures/color-siglip';
    const siglipPaths = listFiles(folder);
    const siglipConfig = JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8')) as Record<string, unknown>;
    const twin = describeImportedModel('color-siglip', siglipPaths, siglipConfig, fixtureColorSiglip);
    expect(twin).toMatchObject({
      task: 'embed',
      family: 'siglip',
      dims: 32,
      maxTextTokens: 64,
      padTextToMax: true,
      lowercaseText: true,
      scoring: fixtureColorSiglip.scoring,
    });
    // With no catalog twin: SigLIP's shape from its config, a sigmoid, and never a CLIP twin's settings.
    const alone = describeImportedModel('my-siglip', siglipPaths, siglipConfig, fixtureColorClip);
    expect(alone).toMatchObject({ family: 'siglip', dims: 32, maxTextTokens: 64, padTextToMax: true });
    expect(alone.task === 'embed' && alone.scoring.kind).toBe('sigmoid');
  });

  it('falls back to the dtypes present when only some exist', () => {
    const fp32Only = paths.filter((p) => !/_(quantized|fp16)\.onnx$/.test(p));
    const spec = describeImportedModel('my-clip', fp32Only, config);
    expect(spec.dtype).toEqual({ wasm: 'fp32', webgpu: 'fp32', webgpuNoF16: 'fp32' });
    expect(spec.task === 'embed' && spec.defaultMinScore).toBe(0.2);
  });

  it('refuses folders without configs, with unusable models, or without a complete ONNX set', () => {
    expect(() => describeImportedModel('x', ['config.json'], config)).toThrow(ModelFolderError);
    expect(() => describeImportedModel('x', paths, { model_type: 'bert' })).toThrow(/"bert" model/);
    const noVision = paths.filter((p) => !p.startsWith('onnx/vision_model'));
    expect(() => describeImportedModel('x', noVision, config)).toThrow(/no complete set of ONNX files/);
  });

  it('recognizes captioners by model type', () => {
    const files = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'preprocessor_config.json'];
    const onnx = ['onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'];
    const spec = describeImportedModel('vit-gpt2', [...files, ...onnx], { model_type: 'vision-encoder-decoder' });
    expect(spec).toMatchObject({ task: 'caption', architecture: 'vision-encoder-decoder', dtype: { wasm: 'q8' } });
  });
});

describe('imported model files and registry', () => {
  it('keeps configs, tokenizers and ONNX graphs only', () => {
    expect(isModelFile('config.json')).toBe(true);
    expect(isModelFile('merges.txt')).toBe(true);
    expect(isModelFile('onnx/model_quantized.onnx')).toBe(true);
    expect(isModelFile('onnx/model.onnx_data')).toBe(true);
    expect(isModelFile('pytorch_model.bin')).toBe(false);
    expect(isModelFile('.git/config.json')).toBe(false);
    expect(isModelFile('runs/x.json')).toBe(false);
  });

  it('makes hub-style ids and keys that only imported models use', () => {
    expect(folderSlug('My  CLIP--v2!')).toBe('my-clip-v2');
    expect(isImportedModelUrl(hubFileUrl('shoebox-import/a', 'config.json'))).toBe(true);
    expect(isImportedModelUrl(hubFileUrl('Xenova/clip-vit-base-patch32', 'config.json'))).toBe(false);
  });

  it('finds registered imported models by id', () => {
    const spec = describeImportedModel('color-clip', paths, config, fixtureColorClip);
    expect(findModel(spec.id)).toBeUndefined();
    registerImportedModels([spec]);
    expect(findModel(spec.id)).toEqual(spec);
  });
});
