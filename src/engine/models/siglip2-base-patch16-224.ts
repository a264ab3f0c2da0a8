import type { EmbedderSpec } from './types';

/**
 * Google SigLIP 2 ViT-B/16 at 224 px as exported by onnx-community: multilingual (WebLI in 109 languages, Gemma's
 * 256k-token vocabulary) and stronger than CLIP ViT-B/32 in English too, at about 2.5x the download (the vocabulary
 * alone is 197M of the text tower's 283M parameters). Loaded as `siglip` (the fixed-resolution SigLIP 2 models keep
 * SigLIP's architecture); texts are lowercased and padded to 64 tokens, as it was trained.
 */
export const siglip2BasePatch16_224: EmbedderSpec = {
  id: 'siglip2-base-patch16-224',
  repo: 'onnx-community/siglip2-base-patch16-224-ONNX',
  source: 'hub',
  task: 'embed',
  family: 'siglip',
  name: 'SigLIP 2 base (multilingual)',
  description: 'Searches in many languages (Hindi, Chinese, Ukrainian, ...) and finds more in English; ~380 MB.',
  approxSizeMB: 380,
  dims: 768,
  // int8 on WASM: ~95 MB vision + ~285 MB text (the vocabulary table is most of it); fp32 would be ~1.5 GB.
  dtype: { wasm: 'q8', webgpu: 'fp16', webgpuNoF16: 'fp32' },
  // SigLIP 2's own zero-shot template is "this is a photo of {}.".
  promptTemplates: ['this is a photo of {}.', 'a photo of {}.'],
  // SigLIP cosines run lower than CLIP's: sigmoid(112.67 * 0.12 - 16.772) is already a 4% match probability.
  defaultMinScore: 0.1,
  // The checkpoint's learned exp(logit_scale) and logit_bias, as read from google/siglip2-base-patch16-224's
  // model.safetensors by jo-tud/nanoimg (src/models.rs @ 49f0bf8); not re-read here (README, "Models").
  scoring: { kind: 'sigmoid', logitScale: 112.67, logitBias: -16.772 },
  maxTextTokens: 64,
  lowercaseText: true,
  padTextToMax: true,
};
