import { describe, expect, test } from 'vitest';
import { florence2BaseFt } from '../models/florence-2-base-ft';
import { loadCaptioner } from './captioner';
import { chooseDtype } from './device';
import type { Transformers } from './transformers';

/** A stand-in for transformers.js that records how Florence-2 is loaded and asked, and answers like the real one. */
function fakeTransformers() {
  const calls: { loads: [string, string, Record<string, unknown>][]; tasks: string[]; generate: unknown[] } = {
    loads: [],
    tasks: [],
    generate: [],
  };
  class RawImage {
    constructor(
      readonly data: Uint8ClampedArray,
      readonly width: number,
      readonly height: number,
      readonly channels: number,
    ) {}
    rgb() {
      return this;
    }
    get size() {
      return [this.width, this.height];
    }
  }
  const processor = Object.assign(async (image: unknown, prompts: string[]) => ({ pixel_values: image, prompts }), {
    construct_prompts: (task: string) => {
      calls.tasks.push(task);
      return [`prompt for ${task}`];
    },
    batch_decode: () => ['</s><s>A red  car parked\non a street.</s>'],
    post_process_generation: (text: string, task: string) => ({ [task]: text.replace(/<\/?s>/g, '') }),
  });
  const tf = {
    RawImage,
    Florence2ForConditionalGeneration: {
      from_pretrained: async (repo: string, options: Record<string, unknown>) => {
        calls.loads.push(['model', repo, options]);
        return {
          generate: async (inputs: unknown) => {
            calls.generate.push(inputs);
            return [[0, 1, 2]];
          },
          dispose: async () => {},
        };
      },
    },
    AutoProcessor: {
      from_pretrained: async (repo: string, options: Record<string, unknown>) => {
        calls.loads.push(['processor', repo, options]);
        return processor;
      },
    },
  } as unknown as Transformers;
  return { tf, calls };
}

const caps = { webgpu: true, shaderF16: true, threads: 4, crossOriginIsolated: true };
const picture = { rgba: new Uint8ClampedArray(8 * 8 * 4), width: 8, height: 8 };

describe('Florence-2 captioner loading', () => {
  test('loads the model and processor from its repo with a dtype per ONNX file, and warms up', async () => {
    const { tf, calls } = fakeTransformers();
    const dtype = chooseDtype(florence2BaseFt, 'webgpu', caps);
    const events: string[] = [];
    await loadCaptioner({ tf, device: 'webgpu', onProgress: (e) => events.push(e.status) }, florence2BaseFt, dtype);
    expect(calls.loads.map(([kind, repo]) => [kind, repo])).toEqual([
      ['model', 'onnx-community/Florence-2-base-ft'],
      ['processor', 'onnx-community/Florence-2-base-ft'],
    ]);
    expect(calls.loads[0]![2]).toMatchObject({
      device: 'webgpu',
      dtype: { embed_tokens: 'fp16', vision_encoder: 'fp16', encoder_model: 'q4', decoder_model_merged: 'q4' },
    });
    expect(events).toEqual(['warmup']);
    expect(calls.tasks).toEqual(['<CAPTION>']); // the warm-up caption
  });

  test('WASM and adapters without shader-f16 get their own dtypes', () => {
    expect(chooseDtype(florence2BaseFt, 'wasm', caps)).toMatchObject({ encoder_model: 'q8', vision_encoder: 'fp32' });
    expect(chooseDtype(florence2BaseFt, 'webgpu', { ...caps, shaderF16: false })).toMatchObject({
      embed_tokens: 'fp32',
      decoder_model_merged: 'q4',
    });
  });

  test('captions with the <CAPTION> task, or <DETAILED_CAPTION> on request, tidied to one line', async () => {
    const { tf, calls } = fakeTransformers();
    const captioner = await loadCaptioner({ tf, device: 'wasm' }, florence2BaseFt, florence2BaseFt.dtype.wasm);
    expect(await captioner.caption(picture)).toBe('A red car parked on a street.');
    await captioner.caption(picture, { detailed: true });
    expect(calls.tasks.slice(1)).toEqual(['<CAPTION>', '<DETAILED_CAPTION>']);
    expect(calls.generate.at(-1)).toMatchObject({ max_new_tokens: florence2BaseFt.maxNewTokens });
  });
});
