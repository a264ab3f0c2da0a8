/**
 * Text in photos through the engine's own loading path (createEngine -> loadCaptioner -> Florence-2), on the
 * Florence-2 fixture with real transformers.js + onnxruntime-web WASM in Node.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTransformers } from '../../test-support/node-transformers';
import { tidyOcrText } from './captioner';
import type { DeviceCapabilities } from './device';
import { createEngine, type Engine } from './engine';

const caps: DeviceCapabilities = { webgpu: false, shaderF16: false, threads: 2, crossOriginIsolated: false };
const FLORENCE = 'fixture-color-florence';

/** An upright RGBA picture; with `checker`, every other pixel is `checker` (detail only a full-size picture has). */
function picture(rgb: readonly number[], side: number, checker?: readonly number[]) {
  const rgba = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++) rgba.set([...(checker && (x + y) % 2 ? checker : rgb), 255], (y * side + x) * 4);
  return { rgba, width: side, height: side };
}

describe('OCR and detailed captions on the Florence-2 fixture, through the engine', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = createEngine(await loadTransformers(), caps, () => 'auto');
    await engine.load(FLORENCE, 'auto');
  });

  it('reads the text of a picture with task "ocr", and captions it otherwise', async () => {
    expect(await engine.caption(FLORENCE, picture([220, 30, 35], 48), { task: 'ocr' })).toBe('STOP');
    expect(await engine.caption(FLORENCE, picture([30, 40, 210], 48), { task: 'ocr' })).toBe('CAFÉ');
    expect(await engine.caption(FLORENCE, picture([220, 30, 35], 48))).toBe('A red picture.');
    expect(await engine.caption(FLORENCE, picture([220, 30, 35], 48), { detailed: true })).toBe(
      'The image shows a red picture.',
    );
  });

  it('gives a longer caption that depends on detail only the 768 px picture has', async () => {
    const original = picture([255, 40, 40], 768, [190, 0, 0]);
    expect(await engine.caption(FLORENCE, original, { task: 'more-detailed' })).toBe(
      'The image shows a red picture with fine stripes.',
    );
    expect(await engine.caption(FLORENCE, picture([225, 20, 20], 320), { task: 'more-detailed' })).toBe(
      'The image shows a red picture with no stripes.',
    );
  });

  it('refuses OCR on a captioner that cannot read text', async () => {
    await expect(
      engine.caption('fixture-color-captioner', picture([220, 30, 35], 48), { task: 'ocr' }),
    ).rejects.toThrow(/can't do "ocr"/);
  });
});

describe('tidyOcrText', () => {
  it('drops special and location tokens, keeps lines, single-spaces each', () => {
    expect(tidyOcrText('</s><s>STOP</s>')).toBe('STOP');
    expect(tidyOcrText('<s>OPEN  7\tDAYS<loc_12><loc_40>\n\n  Café   Bleu </s>')).toBe('OPEN 7 DAYS\nCafé Bleu');
    expect(tidyOcrText('<pad><pad>')).toBe('');
  });
});
