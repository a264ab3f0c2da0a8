import type { CaptionerSpec } from './types';

/**
 * Microsoft Florence-2 base (fine-tuned): better captions, detailed ones on request, and the text in photos (`<OCR>`).
 * dtypes as the onnx-community model card recommends: q4 encoder/decoder on WebGPU, fp16 vision and embeddings
 * where `shader-f16` exists. Its WASM speed is not measured here: the real weights can't be fetched offline.
 */
export const florence2BaseFt: CaptionerSpec = {
  id: 'florence-2-base-ft',
  repo: 'onnx-community/Florence-2-base-ft',
  source: 'hub',
  task: 'caption',
  architecture: 'florence2',
  name: 'Florence-2 base',
  description:
    'Quality captioner that also reads the text in photos; detailed captions on request; ~270 MB quantized. Slow on WASM (speed not measured): use WebGPU.',
  approxSizeMB: 270,
  maxNewTokens: 64,
  taskPrompt: '<CAPTION>',
  dtype: {
    wasm: { embed_tokens: 'fp32', vision_encoder: 'fp32', encoder_model: 'q8', decoder_model_merged: 'q8' },
    webgpu: { embed_tokens: 'fp16', vision_encoder: 'fp16', encoder_model: 'q4', decoder_model_merged: 'q4' },
    webgpuNoF16: { embed_tokens: 'fp32', vision_encoder: 'fp32', encoder_model: 'q4', decoder_model_merged: 'q4' },
  },
};
