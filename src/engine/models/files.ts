import type { DType, DTypeChoice, ModelSpec } from './types';

/** Where transformers.js looks for hub files; its Cache API entries are keyed by these URLs. */
export const HUB_HOST = 'https://huggingface.co/';

/** transformers.js keeps downloaded model files (and its copy of the ORT WASM) in this Cache API cache. */
export const MODEL_CACHE = 'transformers-cache';

/** The ONNX file suffix transformers.js adds for each dtype (`onnx/model_quantized.onnx` for q8). */
export const DTYPE_SUFFIX: Record<DType, string> = {
  fp32: '',
  fp16: '_fp16',
  q8: '_quantized',
  q4: '_q4',
  q4f16: '_q4f16',
};

/** The cache key (and download URL) of one file of a hub-style repo. */
export function hubFileUrl(repo: string, file: string): string {
  return `${HUB_HOST}${repo}/resolve/main/${file}`;
}

/** The prefix every cache key of a repo starts with. */
export function hubRepoPrefix(repo: string): string {
  return `${HUB_HOST}${repo}/resolve/main/`;
}

/** The ONNX sessions each kind of model loads, by file base name. */
export function onnxBaseNames(spec: Pick<ModelSpec, 'task'> & { architecture?: string }): string[] {
  if (spec.task === 'embed') return ['text_model', 'vision_model'];
  if (spec.architecture === 'idefics3') return ['embed_tokens', 'vision_encoder', 'decoder_model_merged'];
  if (spec.architecture === 'florence2')
    return ['embed_tokens', 'vision_encoder', 'encoder_model', 'decoder_model_merged'];
  return ['encoder_model', 'decoder_model_merged'];
}

/** JSON files every model needs besides its ONNX graphs (captioners also read a generation config when present). */
export const REQUIRED_JSON = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'preprocessor_config.json'];

/** What a VLM reads besides those: its processor's `image_seq_len`. */
const ASKER_JSON = ['processor_config.json'];

/** The files a model loads with one dtype choice: what must be cached for it to run with no network. */
export function requiredFiles(spec: ModelSpec, dtype: DTypeChoice): string[] {
  const onnx = onnxBaseNames(spec).map((base) => {
    const d = typeof dtype === 'string' ? dtype : (dtype[base] ?? 'fp32');
    return `onnx/${base}${DTYPE_SUFFIX[d]}.onnx`;
  });
  return [...REQUIRED_JSON, ...(spec.task === 'ask' ? ASKER_JSON : []), ...onnx];
}
