import type { EmbedderSpec } from './types';

/**
 * Tiny generated SigLIP 2 look-alike (Gemma tokenizer, sigmoid scoring) whose embeddings mean colours, with colour
 * words in English, Hindi, Chinese and Ukrainian ("червоний" finds red photos); served from the app's origin.
 */
export const fixtureColorSiglip: EmbedderSpec = {
  id: 'fixture-color-siglip',
  repo: 'fixtures/color-siglip',
  source: 'demo',
  task: 'embed',
  family: 'siglip',
  name: 'Demo multilingual SigLIP',
  description:
    'A tiny offline model that knows colours in English, Hindi, Chinese and Ukrainian. For trying and tests.',
  approxSizeMB: 0.1,
  dims: 32,
  dtype: { wasm: 'q8', webgpu: 'fp16', webgpuNoF16: 'fp32' },
  promptTemplates: ['this is a photo of {}.'],
  defaultMinScore: 0.05,
  // The generator's logit scale and bias (scripts/fixture-models/color_siglip.py), as its onnx/model computes them.
  scoring: { kind: 'sigmoid', logitScale: 10, logitBias: -5 },
  maxTextTokens: 64,
  lowercaseText: true,
  padTextToMax: true,
};
