import { CLIP_SCORING } from '../../search/zeroShot';
import type { EmbedderSpec } from './types';

/**
 * Apple MobileCLIP-S0 as exported by Xenova: a third of CLIP ViT-B/32's parameters (11.4M + 42.4M) and better
 * zero-shot accuracy (ImageNet 67.8% vs 63.2%); the default search model (README, "Models").
 */
export const mobileclipS0: EmbedderSpec = {
  id: 'mobileclip-s0',
  repo: 'Xenova/mobileclip_s0',
  source: 'hub',
  task: 'embed',
  family: 'clip',
  name: 'MobileCLIP S0',
  description: 'Fast and accurate on phones and laptops (English); ~90 MB.',
  approxSizeMB: 90,
  dims: 512,
  // Its vision tower is "sensitive to quantization" (Xenova's model card): fp32 on WASM (45.5 MB), int8 text (42.8 MB).
  dtype: { wasm: { text_model: 'q8', vision_model: 'fp32' }, webgpu: 'fp16', webgpuNoF16: 'fp32' },
  promptTemplates: ['a photo of a {}.', 'a photo of the {}.'],
  defaultMinScore: 0.2,
  scoring: CLIP_SCORING,
  maxTextTokens: 77,
  padTextToMax: true,
};
