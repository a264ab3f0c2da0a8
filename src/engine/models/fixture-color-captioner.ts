import type { CaptionerSpec } from './types';

/** Tiny generated ViT-GPT2-shaped captioner that says "a red picture" for a red photo. */
export const fixtureColorCaptioner: CaptionerSpec = {
  id: 'fixture-color-captioner',
  repo: 'fixtures/color-captioner',
  source: 'demo',
  task: 'caption',
  architecture: 'vision-encoder-decoder',
  name: 'Demo colour captioner',
  description: 'A tiny offline captioner that names the main colour. For trying Shoebox and for tests.',
  approxSizeMB: 0.1,
  maxNewTokens: 8,
  dtype: { wasm: 'q8', webgpu: 'fp16', webgpuNoF16: 'fp32' },
};
