/**
 * The multilingual SigLIP-layout fixture through the app's loading path: the engine picks SigLIP's classes from the
 * catalog's `family`, lowercases and pads to 64 tokens, and words for colours in Hindi, Chinese and Ukrainian find
 * the photos of that colour. Real transformers.js + onnxruntime-web WASM, Gemma-style tokenizer files.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTransformers } from '../../test-support/node-transformers';
import { createEngine, type Engine } from './engine';
import type { DeviceCapabilities } from './device';
import { vectorCosine } from '../../search/vector';
import { fixtureColorSiglip } from '../models/fixture-color-siglip';

const caps: DeviceCapabilities = { webgpu: false, shaderF16: false, threads: 2, crossOriginIsolated: false };
const SIGLIP = fixtureColorSiglip.id;

function crop(rgb: readonly number[], side = 224): Uint8ClampedArray {
  const out = new Uint8ClampedArray(side * side * 4);
  for (let i = 0; i < side * side; i++) out.set([rgb[0]!, rgb[1]!, rgb[2]!, 255], i * 4);
  return out;
}

// Photo-like colours, not the palette's exact values.
const PHOTOS = {
  red: [215, 35, 30],
  green: [35, 150, 45],
  blue: [30, 45, 205],
  yellow: [240, 225, 40],
  white: [245, 245, 240],
  black: [15, 10, 20],
} as const;
type Colour = keyof typeof PHOTOS;
const COLOURS = Object.keys(PHOTOS) as Colour[];

/** Queries people type, each with the colour it must find first. */
const QUERIES: [string, Colour][] = [
  ['लाल', 'red'],
  ['नीला', 'blue'],
  ['पीली कार', 'yellow'],
  ['红色', 'red'],
  ['绿色的照片', 'green'],
  ['白', 'white'],
  ['червоний', 'red'],
  ['Синє небо', 'blue'], // capitalized: the model is fed lowercased text
  ['чорна кішка', 'black'],
  ['yellow', 'yellow'],
];

describe('engine on the multilingual SigLIP fixture', () => {
  let engine: Engine;
  let photos: Float32Array[];
  beforeAll(async () => {
    engine = createEngine(await loadTransformers(), caps, () => 'auto');
    await engine.load(SIGLIP, 'auto');
    photos = await engine.embedImages(
      SIGLIP,
      COLOURS.map((c) => crop(PHOTOS[c])),
    );
  });

  it('loads with its dimension and SigLIP 2 input size', async () => {
    expect(await engine.load(SIGLIP, 'auto')).toEqual({ modelId: SIGLIP, device: 'wasm', dims: 32 });
    expect(await engine.inputSize(SIGLIP)).toBe(224);
  });

  it.each(QUERIES)('"%s" ranks the %s photo first', async (query, colour) => {
    const [q] = await engine.embedTexts(SIGLIP, [query]);
    const scores = photos.map((p) => vectorCosine(q!, p));
    const ranked = COLOURS.map((c, i) => ({ c, s: scores[i]! })).sort((a, b) => b.s - a.s);
    expect(ranked[0]!.c).toBe(colour);
    expect(ranked[0]!.s).toBeGreaterThan(ranked[1]!.s + 0.2);
  });

  it('embeds the same word in every language to the same place', async () => {
    const [en, hi, zh, uk] = await engine.embedTexts(SIGLIP, ['red', 'लाल', '红', 'червоний']);
    for (const v of [hi, zh, uk]) expect(vectorCosine(en!, v!)).toBeCloseTo(1, 5);
  });

  it('feeds the text encoder 64 tokens: <eos> after the text, <pad> to the end', async () => {
    const { AutoTokenizer } = await loadTransformers();
    const tokenizer = await AutoTokenizer.from_pretrained(fixtureColorSiglip.repo);
    const { input_ids } = tokenizer(['червоний'], { padding: 'max_length', truncation: true, max_length: 64 });
    const ids = (input_ids.tolist() as bigint[][])[0]!.map(Number);
    expect(ids).toHaveLength(64);
    expect(ids[1]).toBe(1); // <eos>: one word-token, then the end
    expect(ids.slice(2).every((id) => id === 0)).toBe(true); // <pad>
    expect(tokenizer.decode([ids[0]!])).toBe('червоний');
  });
});
