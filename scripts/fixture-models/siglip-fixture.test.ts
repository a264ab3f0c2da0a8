/**
 * What the multilingual SigLIP-layout fixture means, loaded as transformers.js loads SigLIP 2 (`SiglipTextModel`,
 * `SiglipVisionModel`, `SiglipModel`, the zero-shot pipeline), for every dtype file; and that the catalog's scoring is
 * the model's own: its logits are `logitScale * cosine + logitBias` and the pipeline's sigmoid gives our probabilities.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RawImage, Tensor } from '@huggingface/transformers';
import { loadTransformers, NODE_DEVICE } from '../../src/test-support/node-transformers';
import { fixtureColorSiglip } from '../../src/engine/models/fixture-color-siglip';
import { scoringProbabilities } from '../../src/search/zeroShot';

const SIGLIP = 'fixtures/color-siglip';
const DTYPES = ['fp32', 'q8', 'fp16'] as const;
const PHOTOS = { red: [220, 30, 35], green: [40, 150, 50], blue: [30, 40, 210], white: [245, 245, 240] } as const;
type PhotoName = keyof typeof PHOTOS;
const NAMES = Object.keys(PHOTOS) as PhotoName[];

async function solidImage(rgb: readonly number[]): Promise<RawImage> {
  const { RawImage } = await loadTransformers();
  const size = 48;
  const data = new Uint8ClampedArray(size * size * 3);
  for (let i = 0; i < data.length; i++) data[i] = rgb[i % 3] ?? 0;
  return new RawImage(data, size, size, 3);
}

function unitRows(tensor: Tensor): number[][] {
  return (tensor.tolist() as number[][]).map((row) => {
    const norm = Math.hypot(...row);
    return row.map((x) => x / norm);
  });
}

const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

describe.each(DTYPES)('color-siglip (%s)', (dtype) => {
  let texts: (t: string[]) => Promise<number[][]>;
  let images: number[][];
  beforeAll(async () => {
    const t = await loadTransformers();
    const options = { ...NODE_DEVICE, dtype };
    const tokenizer = await t.AutoTokenizer.from_pretrained(SIGLIP);
    const textModel = await t.SiglipTextModel.from_pretrained(SIGLIP, options);
    const visionModel = await t.SiglipVisionModel.from_pretrained(SIGLIP, options);
    const processor = await t.AutoProcessor.from_pretrained(SIGLIP);
    texts = async (list) => {
      const inputs = tokenizer(list, { padding: 'max_length', max_length: 64, truncation: true });
      return unitRows((await textModel(inputs)).pooler_output as Tensor);
    };
    const { pixel_values } = await processor(await Promise.all(NAMES.map((n) => solidImage(PHOTOS[n]))));
    expect(pixel_values.dims).toEqual([NAMES.length, 3, 224, 224]);
    images = unitRows((await visionModel({ pixel_values })).pooler_output as Tensor);
  });

  it.each([
    ['лаЛ', 'red'], // an unknown word falls back to bytes and still embeds
    ['червоний', 'red'],
    ['हरा', 'green'],
    ['蓝色的天空', 'blue'],
    ['this is a photo of білий.', 'white'],
  ] as const)('"%s": the best photo is %s', async (query, best) => {
    const [q] = await texts([query]);
    const ranked = NAMES.map((n, i) => ({ n, s: dot(q!, images[i]!) })).sort((a, b) => b.s - a.s);
    if (query === 'лаЛ') expect(Number.isFinite(ranked[0]!.s)).toBe(true);
    else expect(ranked[0]!.n).toBe(best);
  });
});

describe("color-siglip's scoring is the model's own", () => {
  it('SiglipModel logits are logitScale * cosine + logitBias, and the pipeline sigmoid gives our probabilities', async () => {
    const t = await loadTransformers();
    const scoring = fixtureColorSiglip.scoring;
    if (scoring.kind !== 'sigmoid') throw new Error('expected a sigmoid model');
    const tokenizer = await t.AutoTokenizer.from_pretrained(SIGLIP);
    const processor = await t.AutoProcessor.from_pretrained(SIGLIP);
    const model = await t.SiglipModel.from_pretrained(SIGLIP, { ...NODE_DEVICE, dtype: 'fp32' });
    const labels = ['червоний', 'зелений', 'синій'];
    const image = await solidImage(PHOTOS.red);
    const out = await model({
      ...tokenizer(labels, { padding: 'max_length', max_length: 64, truncation: true }),
      ...(await processor(image)),
    });
    const cosines = unitRows(out.text_embeds as Tensor).map((text) =>
      dot(text, unitRows(out.image_embeds as Tensor)[0]!),
    );
    const logits = (out.logits_per_image as Tensor).tolist() as number[][];
    logits[0]!.forEach((logit, i) =>
      expect(logit).toBeCloseTo(scoring.logitScale * cosines[i]! + scoring.logitBias, 4),
    );

    const classify = await t.pipeline('zero-shot-image-classification', SIGLIP, { ...NODE_DEVICE, dtype: 'fp32' });
    const scored = (await classify(image, labels, { hypothesis_template: '{}' })) as { label: string; score: number }[];
    const ours = scoringProbabilities(cosines, scoring);
    for (const { label, score } of scored) expect(score).toBeCloseTo(ours[labels.indexOf(label)]!, 4);
    expect(scored[0]!.label).toBe('червоний');
  });
});
