import { CLIP_SCORING } from '../../search/zeroShot';
import type { EmbedderSpec } from './types';

/** Apple MobileCLIP-S0 as exported by Xenova: a smaller, faster CLIP with better zero-shot accuracy than ViT-B/32. */
export const mobileclipS0: EmbedderSpec = {
  id: 'mobileclip-s0',
  repo: 'Xenova/mobileclip_s0',
  source: 'hub',
  task: 'embed',
  family: 'clip',
  name: 'MobileCLIP S0',
  description: 'Fast and accurate on phones and laptops; ~55 MB quantized.',
  approxSizeMB: 55,
  dims: 512,
  dtype: { wasm: 'q8', webgpu: 'fp16', webgpuNoF16: 'fp32' },
  promptTemplates: ['a photo of a {}.', 'a photo of the {}.'],
  defaultMinScore: 0.2,
  scoring: CLIP_SCORING,
  maxTextTokens: 77,
  padTextToMax: true,
};
