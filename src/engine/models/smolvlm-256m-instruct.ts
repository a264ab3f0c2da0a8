import type { AskerSpec } from './types';

/**
 * SmolVLM-256M-Instruct (Hugging Face TB), the smallest instruction-tuned VLM transformers.js runs: a SigLIP vision
 * encoder (pictures cut into 512 px tiles plus a global view, 64 image tokens each) and a SmolLM2 decoder.
 * dtypes per file as the onnx-community model card's example: fp16 embeddings, q4 vision encoder and q4 decoder
 * on WebGPU; q8 on WASM (no q4 kernels worth having there). Its WASM speed is not measured here: the real weights
 * can't be fetched offline; the fixture's figure is in BENCHMARKS.md.
 */
export const smolvlm256mInstruct: AskerSpec = {
  id: 'smolvlm-256m-instruct',
  repo: 'onnx-community/SmolVLM-256M-Instruct',
  source: 'hub',
  task: 'ask',
  architecture: 'idefics3',
  name: 'SmolVLM 256M Instruct',
  description: 'Answers questions about a photo; ~250 MB quantized. Slow on WASM (speed not measured): use WebGPU.',
  approxSizeMB: 250,
  maxNewTokens: 128,
  dtype: {
    wasm: { embed_tokens: 'fp32', vision_encoder: 'q8', decoder_model_merged: 'q8' },
    webgpu: { embed_tokens: 'fp16', vision_encoder: 'q4', decoder_model_merged: 'q4' },
    webgpuNoF16: { embed_tokens: 'fp32', vision_encoder: 'q4', decoder_model_merged: 'q4' },
  },
};
