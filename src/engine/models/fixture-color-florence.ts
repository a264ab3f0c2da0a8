import type { CaptionerSpec } from './types';

/**
 * Tiny generated model in Florence-2's layout (scripts/fixture-models/color_florence.py): `<OCR>` reads a sign word
 * by the picture's colour (red: STOP), `<MORE_DETAILED_CAPTION>` says whether the 768 px input has fine detail.
 */
export const fixtureColorFlorence: CaptionerSpec = {
  id: 'fixture-color-florence',
  repo: 'fixtures/color-florence',
  source: 'demo',
  task: 'caption',
  architecture: 'florence2',
  name: 'Demo Florence-2',
  description: 'A tiny offline model in Florence-2’s layout that reads a word from the colour. For tests.',
  approxSizeMB: 0.3,
  maxNewTokens: 24,
  taskPrompt: '<CAPTION>',
  dtype: {
    wasm: { embed_tokens: 'fp32', vision_encoder: 'fp32', encoder_model: 'q8', decoder_model_merged: 'q8' },
    webgpu: { embed_tokens: 'fp16', vision_encoder: 'fp16', encoder_model: 'fp16', decoder_model_merged: 'fp16' },
    webgpuNoF16: 'fp32',
  },
};
