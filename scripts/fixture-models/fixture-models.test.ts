/**
 * Proves what the fixture models mean, loading them the way the app does: transformers.js `from_pretrained` and
 * `pipeline` on a local model folder, on onnxruntime-web's WASM backend, for every dtype file we ship.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RawImage, Tensor } from '@huggingface/transformers';
import { loadTransformers, NODE_DEVICE } from '../../src/test-support/node-transformers';

const CLIP = 'fixtures/color-clip';
const CAPTIONER = 'fixtures/color-captioner';
const DTYPES = ['fp32', 'q8', 'fp16'] as const;

// Photo-like colours, deliberately not the palette's exact values.
const PHOTOS = {
  red: [220, 30, 35],
  green: [40, 150, 50],
  blue: [30, 40, 210],
  yellow: [240, 225, 40],
  white: [245, 245, 240],
  black: [15, 10, 20],
} as const;
type PhotoName = keyof typeof PHOTOS;
const PHOTO_NAMES = Object.keys(PHOTOS) as PhotoName[];

async function solidImage(rgb: readonly number[]): Promise<RawImage> {
  const { RawImage } = await loadTransformers();
  const size = 48;
  const data = new Uint8ClampedArray(size * size * 3);
  for (let i = 0; i < data.length; i++) data[i] = rgb[i % 3] ?? 0;
  return new RawImage(data, size, size, 3);
}

/** Rows of a [n, d] tensor as unit vectors. */
function unitRows(tensor: Tensor): number[][] {
  return (tensor.tolist() as number[][]).map((row) => {
    const norm = Math.hypot(...row);
    return row.map((x) => x / norm);
  });
}

function dot(a: number[], b: number[]): number {
  return a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);
}

describe('the Node loader', () => {
  it('runs transformers.js on onnxruntime-web, not onnxruntime-node', async () => {
    const { env } = await loadTransformers();
    expect(env.backends.onnx.versions?.web).toMatch(/^1\.\d+/);
    expect(env.backends.onnx.wasm?.wasmPaths).toMatch(/onnxruntime-web[\\/]dist[\\/]$/);
  });
});

describe.each(DTYPES)('color-clip (%s)', (dtype) => {
  let embedTexts: (texts: string[]) => Promise<number[][]>;
  let photoEmbeddings: number[][];

  beforeAll(async () => {
    const t = await loadTransformers();
    const options = { ...NODE_DEVICE, dtype };
    const tokenizer = await t.AutoTokenizer.from_pretrained(CLIP);
    const textModel = await t.CLIPTextModelWithProjection.from_pretrained(CLIP, options);
    const visionModel = await t.CLIPVisionModelWithProjection.from_pretrained(CLIP, options);
    const processor = await t.AutoProcessor.from_pretrained(CLIP);

    embedTexts = async (texts) => {
      const { text_embeds } = await textModel(tokenizer(texts, { padding: true, truncation: true }));
      return unitRows(text_embeds);
    };
    const photos = await Promise.all(PHOTO_NAMES.map((name) => solidImage(PHOTOS[name])));
    const { pixel_values } = await processor(photos);
    expect(pixel_values.dims).toEqual([PHOTO_NAMES.length, 3, 224, 224]);
    const { image_embeds } = await visionModel({ pixel_values });
    photoEmbeddings = unitRows(image_embeds);
  });

  function rankPhotos(text: number[]): PhotoName[] {
    const scored = PHOTO_NAMES.map((name, i) => ({ name, score: dot(text, photoEmbeddings[i] ?? []) }));
    return scored.sort((a, b) => b.score - a.score).map((s) => s.name);
  }

  it('ranks the matching photo first for each colour word', async () => {
    const texts = await embedTexts(PHOTO_NAMES);
    const firsts = texts.map((text) => rankPhotos(text)[0]);
    expect(firsts).toEqual(PHOTO_NAMES);
  });

  it('ranks by the colour word inside a sentence, whatever the case', async () => {
    const [red, blue] = await embedTexts(['a photo of a red thing', 'A BLUE sky']);
    expect(rankPhotos(red ?? [])[0]).toBe('red');
    expect(rankPhotos(blue ?? [])[0]).toBe('blue');
  });

  it('gives text without a colour word a finite, non-zero embedding', async () => {
    const { AutoTokenizer, CLIPTextModelWithProjection } = await loadTransformers();
    const tokenizer = await AutoTokenizer.from_pretrained(CLIP);
    const model = await CLIPTextModelWithProjection.from_pretrained(CLIP, { ...NODE_DEVICE, dtype });
    for (const text of ['dog', 'zxqv 42 ?!', '']) {
      const { text_embeds } = await model(tokenizer(text));
      const values = Array.from(text_embeds.data as Float32Array);
      expect(values.every(Number.isFinite)).toBe(true);
      expect(Math.hypot(...values)).toBeGreaterThan(0.05);
    }
  });

  it('labels a blue photo "blue" and a red photo "red" in the zero-shot pipeline', async () => {
    const { pipeline } = await loadTransformers();
    const classify = await pipeline('zero-shot-image-classification', CLIP, { ...NODE_DEVICE, dtype });
    const labels = ['red', 'green', 'blue'];
    const [blue, red] = await Promise.all([solidImage(PHOTOS.blue), solidImage(PHOTOS.red)]);
    const [forBlue, forRed] = (await classify([blue, red], labels)) as { label: string; score: number }[][];
    expect(forBlue?.[0]).toMatchObject({ label: 'blue' });
    expect(forBlue?.[0]?.score).toBeGreaterThan(0.9);
    expect(forRed?.[0]).toMatchObject({ label: 'red' });
  });

  it('serves image_embeds through the image-feature-extraction pipeline', async () => {
    const { pipeline } = await loadTransformers();
    const extract = await pipeline('image-feature-extraction', CLIP, { ...NODE_DEVICE, dtype });
    const features = (await extract(await solidImage(PHOTOS.yellow))) as Tensor;
    expect(features.dims).toEqual([1, 32]);
    expect(rankPhotos(unitRows(features)[0] ?? [])[0]).toBe('yellow');
  });
});

describe.each(DTYPES)('color-captioner (%s)', (dtype) => {
  it('captions solid photos "a <colour> picture" through the image-to-text pipeline', async () => {
    const { pipeline } = await loadTransformers();
    const caption = await pipeline('image-to-text', CAPTIONER, { ...NODE_DEVICE, dtype });
    for (const name of ['red', 'green', 'blue', 'white'] as const) {
      const output = (await caption(await solidImage(PHOTOS[name]))) as { generated_text: string }[];
      expect(output).toEqual([{ generated_text: `a ${name} picture` }]);
    }
  });

  it('generates start, three words, then end of text, growing the KV cache step by step', async () => {
    const t = await loadTransformers();
    const model = await t.AutoModelForVision2Seq.from_pretrained(CAPTIONER, { ...NODE_DEVICE, dtype });
    const processor = await t.AutoProcessor.from_pretrained(CAPTIONER);
    const tokenizer = await t.AutoTokenizer.from_pretrained(CAPTIONER);
    const { pixel_values } = await processor(await solidImage(PHOTOS.green));
    const { sequences, past_key_values } = (await model.generate({
      inputs: pixel_values,
      max_new_tokens: 10,
      return_dict_in_generate: true,
    })) as { sequences: Tensor; past_key_values: Record<string, Tensor> };
    // decode() rejects BigInt64Array rows, so hand it numbers.
    const ids = (sequences.tolist() as bigint[][])[0]?.map(Number) ?? [];
    const end = tokenizer.eos_token_id;
    expect(ids).toHaveLength(5);
    expect([ids[0], ids[4]]).toEqual([end, end]);
    // The last step fed the fourth token: the cache holds start, "a", " green", " picture" for each layer.
    expect(past_key_values['past_key_values.1.value']?.dims).toEqual([1, 2, 4, 8]);
    expect(tokenizer.decode(ids, { skip_special_tokens: true })).toBe('a green picture');
  });
});
