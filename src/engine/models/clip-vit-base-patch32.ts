import { CLIP_SCORING } from '../../search/zeroShot';
import type { EmbedderSpec } from './types';

/** OpenAI CLIP ViT-B/32 as exported by Xenova: the reference CLIP, 512-dim. */
export const clipVitBasePatch32: EmbedderSpec = {
  id: 'clip-vit-base-patch32',
  repo: 'Xenova/clip-vit-base-patch32',
  source: 'hub',
  task: 'embed',
  family: 'clip',
  name: 'CLIP ViT-B/32',
  description: 'The reference CLIP model. Good all-round search; ~90 MB quantized.',
  approxSizeMB: 90,
  dims: 512,
  dtype: { wasm: 'q8', webgpu: 'fp16', webgpuNoF16: 'fp32' },
  promptTemplates: ['a photo of a {}.', 'a photo of the {}.', 'a close-up photo of a {}.', 'a bright photo of a {}.'],
  defaultMinScore: 0.2,
  scoring: CLIP_SCORING,
  maxTextTokens: 77,
  padTextToMax: false,
};
