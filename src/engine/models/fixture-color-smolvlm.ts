import type { AskerSpec } from './types';

/**
 * Tiny generated model in SmolVLM's layout (scripts/fixture-models/color_smolvlm.py): asked about the colour of a
 * red photo it answers "It is red. The whole photo is red, …" (22 tokens), one token every few milliseconds.
 */
export const fixtureColorSmolvlm: AskerSpec = {
  id: 'fixture-color-smolvlm',
  repo: 'fixtures/color-smolvlm',
  source: 'demo',
  task: 'ask',
  architecture: 'idefics3',
  name: 'Demo SmolVLM',
  description: 'A tiny offline model in SmolVLM’s layout that answers what colour a photo is. For tests.',
  approxSizeMB: 0.1,
  maxNewTokens: 32,
  dtype: {
    wasm: { embed_tokens: 'fp32', vision_encoder: 'fp32', decoder_model_merged: 'q8' },
    webgpu: { embed_tokens: 'fp16', vision_encoder: 'fp16', decoder_model_merged: 'fp16' },
    webgpuNoF16: 'fp32',
  },
};
