import { beforeAll, describe, expect, it, vi } from 'vitest';
import { loadTransformers } from '../../test-support/node-transformers';
import { createEngine, type Engine } from './engine';
import type { DeviceCapabilities } from './device';
import { vectorCosine } from '../../search/vector';

const caps: DeviceCapabilities = { webgpu: false, shaderF16: false, threads: 2, crossOriginIsolated: false };
const CLIP = 'fixture-color-clip';
const CAPTIONER = 'fixture-color-captioner';

/** A uniformly coloured square crop, as the decoder hands the engine. */
function crop(rgb: [number, number, number], side = 224): Uint8ClampedArray {
  const out = new Uint8ClampedArray(side * side * 4);
  for (let i = 0; i < side * side; i++) out.set([...rgb, 255], i * 4);
  return out;
}

const RED: [number, number, number] = [215, 35, 30];
const GREEN: [number, number, number] = [35, 150, 45];
const BLUE: [number, number, number] = [30, 45, 205];

describe('engine on the fixture models (real transformers.js + onnxruntime-web WASM)', () => {
  let engine: Engine;
  beforeAll(async () => {
    const tf = await loadTransformers();
    engine = createEngine(tf, caps, () => 'auto');
  });

  it('loads the demo CLIP on WASM and reports its dimension', async () => {
    const loaded = await engine.load(CLIP, 'auto');
    expect(loaded).toEqual({ modelId: CLIP, device: 'wasm', dims: 32 });
    expect(await engine.inputSize(CLIP)).toBe(224);
  });

  it('ranks photos by a colour word', async () => {
    const images = await engine.embedImages(CLIP, [crop(RED), crop(GREEN), crop(BLUE)]);
    const [red, blue] = await engine.embedTexts(CLIP, ['red', 'blue']);
    const scores = (q: Float32Array) => images.map((img) => vectorCosine(q, img));
    const redScores = scores(red!);
    expect(redScores.indexOf(Math.max(...redScores))).toBe(0);
    const blueScores = scores(blue!);
    expect(blueScores.indexOf(Math.max(...blueScores))).toBe(2);
  });

  it('returns unit vectors and counts its work', async () => {
    const before = engine.stats();
    const [v] = await engine.embedImages(CLIP, [crop(GREEN)]);
    expect(Math.hypot(...v!)).toBeCloseTo(1, 5);
    const after = engine.stats();
    expect(after.imagesEmbedded - before.imagesEmbedded).toBe(1);
  });

  it('embeds a query at its real length, the same as when padded', async () => {
    const [alone] = await engine.embedTexts(CLIP, ['red']);
    const [, padded] = await engine.embedTexts(CLIP, ['a much longer text about a thing', 'red']);
    expect(vectorCosine(alone!, padded!)).toBeCloseTo(1, 5);
  });

  it('loads only the text tower for search; the vision tower on the first image, then never again', async () => {
    const fresh = createEngine(await loadTransformers(), caps, () => 'auto');
    const read: string[] = [];
    const tf = await loadTransformers();
    const original = tf.CLIPVisionModelWithProjection.from_pretrained.bind(tf.CLIPVisionModelWithProjection);
    const spy = vi.spyOn(tf.CLIPVisionModelWithProjection, 'from_pretrained').mockImplementation((...args) => {
      read.push(String(args[0]));
      return original(...args);
    });
    try {
      await fresh.load(CLIP, 'auto', undefined, 'text');
      const [red] = await fresh.embedTexts(CLIP, ['red']);
      expect(fresh.stats().modelLoads).toBe(1);
      expect(read).toEqual([]);
      const [image] = await fresh.embedImages(CLIP, [crop(RED)]);
      expect(vectorCosine(red!, image!)).toBeGreaterThan(0.5);
      await fresh.embedImages(CLIP, [crop(BLUE)]);
      await fresh.load(CLIP, 'auto');
      expect(read).toHaveLength(1);
      expect(fresh.stats().modelLoads).toBe(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('loads each model once per key', async () => {
    const loads = engine.stats().modelLoads;
    await engine.load(CLIP, 'auto');
    await engine.load(CLIP, 'wasm');
    expect(engine.stats().modelLoads).toBe(loads);
  });

  it('captions a photo with its colour', async () => {
    await engine.load(CAPTIONER, 'auto');
    const side = 64;
    const image = { rgba: crop(GREEN, side), width: side, height: side };
    expect(await engine.caption(CAPTIONER, image)).toBe('a green picture');
    expect(await engine.caption(CAPTIONER, { ...image, rgba: crop(RED, side) })).toBe('a red picture');
  });

  it('rejects an unknown model with a clear message', async () => {
    await expect(engine.load('no-such-model', 'auto')).rejects.toThrow(/unknown model "no-such-model"/);
  });
});
