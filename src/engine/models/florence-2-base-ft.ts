import type { CaptionerSpec } from './types';

/** Microsoft Florence-2 base (fine-tuned): better captions, and detailed ones on request. */
export const florence2BaseFt: CaptionerSpec = {
  id: 'florence-2-base-ft',
  repo: 'onnx-community/Florence-2-base-ft',
  source: 'hub',
  task: 'caption',
  architecture: 'florence2',
  name: 'Florence-2 base',
  description: 'Quality captioner, detailed captions on request; ~270 MB quantized, best on WebGPU.',
  approxSizeMB: 270,
  maxNewTokens: 64,
  taskPrompt: '<CAPTION>',
  dtype: {
    wasm: { embed_tokens: 'fp32', vision_encoder: 'fp32', encoder_model: 'q8', decoder_model_merged: 'q8' },
    webgpu: { embed_tokens: 'fp16', vision_encoder: 'fp16', encoder_model: 'q4', decoder_model_merged: 'q4' },
    webgpuNoF16: { embed_tokens: 'fp32', vision_encoder: 'fp32', encoder_model: 'q4', decoder_model_merged: 'q4' },
  },
};
