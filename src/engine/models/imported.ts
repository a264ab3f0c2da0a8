import { CLIP_SCORING, type ZeroShotScoring } from '../../search/zeroShot';
import { siglip2BasePatch16_224 } from './siglip2-base-patch16-224';
import { DTYPE_SUFFIX, REQUIRED_JSON, onnxBaseNames } from './files';
import type { CaptionerSpec, DType, EmbedderSpec, ModelSpec } from './types';

/**
 * Models the user imported from a folder. Their files sit in the browser cache under hub-style URLs with this
 * owner (`https://huggingface.co/shoebox-import/<name>/resolve/main/...`), which no real hub repo uses, so
 * transformers.js finds them there and the runtime answers any other file of theirs with a 404, never the network.
 */
export const IMPORTED_OWNER = 'shoebox-import';

const registry = new Map<string, ModelSpec>();

/**
 * Makes models known in this context beyond the catalog: those imported from folders, and the bench's (the page
 * and the engine worker each keep their own registry).
 */
export function registerImportedModels(specs: readonly ModelSpec[]): void {
  for (const spec of specs) registry.set(spec.id, spec);
}

export function unregisterImportedModel(id: string): void {
  registry.delete(id);
}

export function importedModels(): ModelSpec[] {
  return [...registry.values()];
}

export function isImportedModelUrl(url: string): boolean {
  return url.startsWith(`https://huggingface.co/${IMPORTED_OWNER}/`);
}

/** Only these files of a picked folder are stored: configs, tokenizers and ONNX graphs (not PyTorch weights). */
export function isModelFile(path: string): boolean {
  if (path.split('/').some((part) => part.startsWith('.'))) return false;
  if (!path.includes('/')) return /\.(json|txt|model)$/.test(path);
  return /^onnx\/[^/]+\.onnx(_data(_\d+)?)?$/.test(path);
}

/** What was wrong with a folder, in words a person can act on. */
export class ModelFolderError extends Error {
  override readonly name = 'ModelFolderError';
}

/** A name usable as the last part of a hub-style repo id (letters, digits, `.`, `_`, single `-`). */
export function folderSlug(folderName: string): string {
  const slug = folderName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return slug || 'model';
}

/** A SigLIP folder's scoring when no catalog twin says better: SigLIP 2 base's learned one (others are close; README). */
const SIGLIP_TYPICAL_SCORING: ZeroShotScoring = siglip2BasePatch16_224.scoring;

const WASM_ORDER: DType[] = ['q8', 'fp32', 'fp16', 'q4'];
const GPU_ORDER: DType[] = ['fp16', 'fp32', 'q4f16', 'q4', 'q8'];
const GPU_NO_F16_ORDER: DType[] = ['fp32', 'q4', 'q8'];

/**
 * Checks a picked folder (paths relative to it, and its parsed `config.json`) and describes it as a model spec.
 * `similar` is a catalog model with the same folder name, whose prompts and cutoff are reused when the kind matches.
 */
export function describeImportedModel(
  folderName: string,
  paths: readonly string[],
  config: Record<string, unknown>,
  similar?: ModelSpec,
): ModelSpec {
  const have = new Set(paths);
  const missing = REQUIRED_JSON.filter((f) => !have.has(f));
  if (missing.length > 0) {
    throw new ModelFolderError(`"${folderName}" is not a Hugging Face model folder: ${missing.join(', ')} missing.`);
  }
  const modelType = String(config.model_type ?? '');
  const task = ['clip', 'siglip'].includes(modelType)
    ? 'embed'
    : ['vision-encoder-decoder', 'florence2'].includes(modelType)
      ? 'caption'
      : null;
  if (!task) {
    throw new ModelFolderError(
      `"${folderName}" holds a "${modelType || 'unknown'}" model; Shoebox can use CLIP and SigLIP models (search) ` +
        'and vision-encoder-decoder or Florence-2 models (captions).',
    );
  }
  const architecture = modelType === 'florence2' ? 'florence2' : 'vision-encoder-decoder';
  const bases = onnxBaseNames({ task, architecture });
  const available = (Object.keys(DTYPE_SUFFIX) as DType[]).filter((d) =>
    bases.every((b) => have.has(`onnx/${b}${DTYPE_SUFFIX[d]}.onnx`)),
  );
  if (available.length === 0) {
    const wanted = bases.map((b) => `onnx/${b}.onnx`).join(', ');
    throw new ModelFolderError(`"${folderName}" has no complete set of ONNX files (needs ${wanted}, in one dtype).`);
  }
  const pick = (order: DType[], preferred?: unknown) =>
    typeof preferred === 'string' && available.includes(preferred as DType)
      ? (preferred as DType)
      : (order.find((d) => available.includes(d)) ?? available[0]!);
  const like = similar?.task === task ? similar : undefined;
  const slug = folderSlug(folderName);
  const base = {
    id: `imported-${slug}`,
    repo: `${IMPORTED_OWNER}/${slug}`,
    source: 'imported' as const,
    name: `${like?.name ?? folderName} (imported)`,
    description: `Imported from the folder "${folderName}"; stored in this browser.`,
    approxSizeMB: 0,
    dtype: {
      wasm: pick(WASM_ORDER, like?.dtype.wasm),
      webgpu: pick(GPU_ORDER, like?.dtype.webgpu),
      webgpuNoF16: pick(GPU_NO_F16_ORDER, like?.dtype.webgpuNoF16),
    },
  };
  if (task === 'embed') {
    const family = modelType === 'siglip' ? 'siglip' : 'clip';
    const embedLike = like && like.task === 'embed' && like.family === family ? like : undefined;
    const textConfig = (config.text_config ?? {}) as Record<string, unknown>;
    const siglip = family === 'siglip';
    // SigLIP has no projection: its embedding is the text tower's width (`projection_size` in SigLIP 2).
    const dims = Number(
      siglip
        ? (textConfig.projection_size ?? textConfig.hidden_size ?? 768)
        : (config.projection_dim ?? textConfig.projection_dim ?? 512),
    );
    return {
      ...base,
      task,
      family,
      dims,
      scoring: embedLike?.scoring ?? (siglip ? SIGLIP_TYPICAL_SCORING : CLIP_SCORING),
      maxTextTokens: embedLike?.maxTextTokens ?? Number(textConfig.max_position_embeddings ?? (siglip ? 64 : 77)),
      ...(embedLike?.lowercaseText ? { lowercaseText: true } : {}),
      promptTemplates: embedLike?.promptTemplates ?? [siglip ? 'this is a photo of {}.' : 'a photo of a {}.'],
      defaultMinScore: embedLike?.defaultMinScore ?? (siglip ? 0.1 : 0.2),
      padTextToMax: embedLike?.padTextToMax ?? siglip,
    } satisfies EmbedderSpec;
  }
  const captionLike = like as CaptionerSpec | undefined;
  return {
    ...base,
    task,
    architecture,
    maxNewTokens: captionLike?.maxNewTokens ?? (architecture === 'florence2' ? 64 : 24),
    ...(architecture === 'florence2' ? { taskPrompt: captionLike?.taskPrompt ?? '<CAPTION>' } : {}),
  } satisfies CaptionerSpec;
}
