import { CLIP_SCORING } from '../../search/zeroShot';
import type { EmbedderSpec } from './types';

/** Tiny generated CLIP whose embeddings mean colours ("red" finds red photos); served from the app's origin. */
export const fixtureColorClip: EmbedderSpec = {
  id: 'fixture-color-clip',
  repo: 'fixtures/color-clip',
  source: 'demo',
  task: 'embed',
  family: 'clip',
  name: 'Demo colour CLIP',
  description: 'A tiny offline model that understands colours only. For trying Shoebox and for tests.',
  approxSizeMB: 0.1,
  dims: 32,
  dtype: { wasm: 'q8', webgpu: 'fp16', webgpuNoF16: 'fp32' },
  promptTemplates: ['a photo of a {}.', 'a {} picture.'],
  defaultMinScore: 0.05,
  scoring: CLIP_SCORING,
  maxTextTokens: 77,
  padTextToMax: false,
};
