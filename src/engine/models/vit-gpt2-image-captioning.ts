import type { CaptionerSpec } from './types';

/** ViT encoder + GPT-2 decoder: light, short captions. */
export const vitGpt2ImageCaptioning: CaptionerSpec = {
  id: 'vit-gpt2-image-captioning',
  repo: 'Xenova/vit-gpt2-image-captioning',
  source: 'hub',
  task: 'caption',
  architecture: 'vision-encoder-decoder',
  name: 'ViT-GPT2 captions',
  description: 'Light captioner: one short sentence per photo; ~250 MB quantized.',
  approxSizeMB: 250,
  maxNewTokens: 24,
  dtype: { wasm: 'q8', webgpu: 'fp32', webgpuNoF16: 'fp32' },
};
