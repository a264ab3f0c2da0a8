/**
 * Asking a photo through the engine's own loading path (createEngine -> loadAsker -> Idefics3), on the SmolVLM
 * fixture with real transformers.js + onnxruntime-web WASM in Node.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTransformers } from '../../test-support/node-transformers';
import type { DeviceCapabilities } from './device';
import { createEngine, type Engine } from './engine';

const caps: DeviceCapabilities = { webgpu: false, shaderF16: false, threads: 2, crossOriginIsolated: false };
const VLM = 'fixture-color-smolvlm';
const CAPTIONER = 'fixture-color-captioner';
const FULL_RED = 'It is red. The whole photo is red, from edge to edge: red, red and red again.';

function picture(rgb: readonly number[], width: number, height = width) {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([...rgb, 255], i * 4);
  return { rgba, width, height };
}

describe('asking a photo on the SmolVLM fixture, through the engine', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = createEngine(await loadTransformers(), caps, () => 'auto');
    await engine.load(VLM, 'auto');
  }, 60_000);

  it('names the colour of the photo it is asked about', async () => {
    const red = await engine.ask(VLM, picture([220, 30, 35], 48), 'What colour is this?');
    expect(red).toEqual({ text: FULL_RED, pieces: expect.any(Number), cancelled: false });
    const blue = await engine.ask(VLM, picture([30, 40, 210], 80, 40), 'What color is it?');
    expect(blue.text).toBe(FULL_RED.replaceAll('red', 'blue'));
    expect((await engine.ask(VLM, picture([220, 30, 35], 48), 'How many dogs?')).text).toBe('I only see shades.');
  });

  it('streams the answer piece by piece, each piece delivered before the next is made', async () => {
    const pieces: { piece: string; at: number }[] = [];
    const answer = await engine.ask(VLM, picture([0, 128, 0], 48), 'What colour is this?', (piece) =>
      pieces.push({ piece, at: performance.now() }),
    );
    expect(pieces.length).toBeGreaterThan(10);
    expect(pieces.length).toBe(answer.pieces);
    expect(
      pieces
        .map((p) => p.piece)
        .join('')
        .trim(),
    ).toBe(answer.text);
    expect(answer.text).toContain('green');
    // Pieces arrive over time, not in one burst at the end.
    expect(pieces.at(-1)!.at - pieces[0]!.at).toBeGreaterThan(0);
  });

  it('stops at once when cancelled after the first piece', async () => {
    const pieces: string[] = [];
    const answer = await engine.ask(VLM, picture([220, 30, 35], 48), 'What colour is this?', (piece) => {
      pieces.push(piece);
      if (pieces.length === 1) void engine.cancelAsk();
    });
    expect(answer.cancelled).toBe(true);
    expect(pieces).toEqual(['It ']);
    expect(answer.text).toBe('It');
  });

  it('keeps one generative model resident: the VLM unloads the captioner and back', async () => {
    expect(engine.resident().map((m) => m.modelId)).toEqual([VLM]);
    expect(engine.resident()[0]!.bytes).toBeGreaterThan(0);
    expect(await engine.caption(CAPTIONER, picture([220, 30, 35], 48))).toContain('red');
    expect(engine.resident().map((m) => m.modelId)).toEqual([CAPTIONER]);
    expect((await engine.ask(VLM, picture([220, 30, 35], 48), 'What colour is this?')).text).toBe(FULL_RED);
    expect(engine.resident().map((m) => m.modelId)).toEqual([VLM]);
  });
});
