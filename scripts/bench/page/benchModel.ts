import { CLIP_SCORING } from '../../../src/search/zeroShot';
import type { EmbedderSpec } from '../../../src/engine/models/types';

/**
 * CLIP ViT-B/32 at its real size with random weights, for `npm run bench` only: generated into bench-models/ by
 * scripts/bench/generate_bench_models.py and served at /models/bench/ by the bench server. Not in the app's catalog:
 * the bench page registers it, the way the app registers a model imported from a folder.
 */
export const benchClipVitB32: EmbedderSpec = {
  id: 'bench-clip-vit-b32',
  repo: 'bench/clip-vit-b32',
  source: 'demo',
  task: 'embed',
  family: 'clip',
  name: 'Benchmark CLIP ViT-B/32 (random weights)',
  description: 'Same architecture and size as CLIP ViT-B/32, meaningless weights: measures speed, not search.',
  approxSizeMB: 160,
  dims: 512,
  dtype: { wasm: 'q8', webgpu: 'fp32', webgpuNoF16: 'fp32' }, // the generator writes fp32 and q8 only
  promptTemplates: ['a photo of a {}.', 'a photo of the {}.', 'a close-up photo of a {}.', 'a bright photo of a {}.'],
  defaultMinScore: 0.2,
  scoring: CLIP_SCORING,
  maxTextTokens: 77,
  padTextToMax: false,
};
