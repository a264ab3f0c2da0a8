import { describe, expect, it } from 'vitest';
import { blocksFromEmbeddings } from './quantize';
import { syntheticClusteredEmbeddings } from './synthetic';
import {
  buildPrompts,
  classifyMulti,
  classifySingle,
  DEFAULT_PROMPT_TEMPLATES,
  labelAll,
  softmaxWithScale,
} from './zeroShot';

const closeTo = (xs: readonly number[], digits = 6) => xs.map((x) => expect.closeTo(x, digits));
/** A unit vector in 3-d whose cosine with [1, 0, 0] is exactly `c`, leaning towards axis `axis`. */
const withCosine = (c: number, axis: 1 | 2) =>
  axis === 1 ? [c, Math.sqrt(1 - c * c), 0] : [c, 0, Math.sqrt(1 - c * c)];

describe('buildPrompts', () => {
  it('fills every "{}" with the label', () => {
    expect(buildPrompts('dog', ['a photo of a {}.', '{} and another {}'])).toEqual([
      'a photo of a dog.',
      'dog and another dog',
    ]);
  });

  it('uses the default templates, each with a placeholder', () => {
    expect(buildPrompts('cat')).toHaveLength(DEFAULT_PROMPT_TEMPLATES.length);
    expect(buildPrompts('cat')[0]).toBe('a photo of a cat.');
  });

  it('rejects a template without a placeholder', () => {
    expect(() => buildPrompts('cat', ['a photo'])).toThrow(RangeError);
  });
});

describe('softmaxWithScale', () => {
  it('matches hand-computed values', () => {
    // logits ln2 and 0: e^ln2 = 2, so [2/3, 1/3]
    expect(Array.from(softmaxWithScale([Math.LN2, 0], 1))).toEqual(closeTo([2 / 3, 1 / 3], 12));
    // CLIP scale: cosines 0.3 and 0.2 are logits 30 and 20, so p0 = 1 / (1 + e^-10)
    expect(Array.from(softmaxWithScale([0.3, 0.2]))).toEqual(
      closeTo([1 / (1 + Math.exp(-10)), 1 / (1 + Math.exp(10))], 12),
    );
    expect(Array.from(softmaxWithScale([0.25, 0.25, 0.25, 0.25]))).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('stays finite where a naive exp would overflow', () => {
    const p = Array.from(softmaxWithScale([10, 9, -10], 1000)); // naive exp(10000) is Infinity
    expect(p).toEqual([1, 0, 0]);
    expect(Array.from(softmaxWithScale([-10, -10], 1000))).toEqual([0.5, 0.5]); // naive exp(-10000) is 0/0
  });
});

describe('classifySingle', () => {
  const image = [1, 0, 0];

  it('picks the label with the highest cosine and reports CLIP probabilities', () => {
    const result = classifySingle(image, [withCosine(0.15, 2), withCosine(0.22, 1)]);
    expect(result.label).toBe(1);
    expect(Array.from(result.cosines)).toEqual(closeTo([0.15, 0.22], 12));
    // logits 15 and 22: p1 = 1 / (1 + e^-7)
    expect(result.probabilities[1]).toBeCloseTo(1 / (1 + Math.exp(-7)), 12);
  });

  it('answers "none of these" when the winner is not confident enough', () => {
    // equal cosines: each of two labels has probability 0.5
    const labels = [withCosine(0.2, 1), withCosine(0.2, 2)];
    expect(classifySingle(image, labels, { minConfidence: 0.6 }).label).toBeNull();
    expect(classifySingle(image, labels, { minConfidence: 0.5 }).label).toBe(0); // ties go to the lower index
  });

  it('answers "none of these" when even the winner is a poor match (minCosine)', () => {
    const labels = [withCosine(0.15, 2), withCosine(0.22, 1)];
    expect(classifySingle(image, labels, { minCosine: 0.25 }).label).toBeNull();
  });

  it('uses the logit scale given: a soft temperature spreads the probabilities', () => {
    const labels = [withCosine(0.15, 2), withCosine(0.22, 1)];
    const soft = classifySingle(image, labels, { logitScale: 10, minConfidence: 0.6 });
    // logits 1.5 and 2.2: p1 = 1 / (1 + e^-0.7) = 0.668
    expect(soft.probabilities[1]).toBeCloseTo(1 / (1 + Math.exp(-0.7)), 12);
    expect(soft.label).toBe(1);
  });
});

describe('classifyMulti', () => {
  const image = [1, 0, 0];
  const labels = [withCosine(0.1, 1), withCosine(0.3, 2), withCosine(0.25, 1)];

  it('assigns every label over a shared threshold, best first', () => {
    expect(classifyMulti(image, labels, 0.2).labels).toEqual([1, 2]);
    expect(classifyMulti(image, labels, 0.5).labels).toEqual([]);
  });

  it('uses per-label thresholds', () => {
    expect(classifyMulti(image, labels, [0.05, 0.35, 0.2]).labels).toEqual([2, 0]);
    expect(() => classifyMulti(image, labels, [0.1])).toThrow(RangeError);
  });
});

describe('labelAll', () => {
  const { embeddings, centers } = syntheticClusteredEmbeddings({
    seed: 21,
    count: 10_000,
    dims: 512,
    clusters: 10,
    spread: 2, // members' cosine to their center is about 0.45, like CLIP image-text matches on a good day
  });
  const blocks = blocksFromEmbeddings(embeddings);

  it('labels a hand-checked example like classifySingle and classifyMulti', () => {
    const small = blocksFromEmbeddings([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    const labels = [
      [1, 0, 0],
      [0, 1, 0],
    ];
    const single = labelAll(small, labels, { mode: 'single', minConfidence: 0.9 });
    expect(single.mode === 'single' && Array.from(single.best)).toEqual([0, 1, -1]); // third: 50/50, so none
    const multi = labelAll(small, labels, { mode: 'multi', thresholds: 0.5 });
    expect(multi.mode === 'multi' && Array.from(multi.assigned)).toEqual([1, 0, 0, 1, 0, 0]);
    expect(Array.from(multi.cosines)).toEqual([1, 0, 0, 1, 0, 0]);
  });

  it('matches the one-photo functions on 10,000 stored photos, within int8 rounding', () => {
    const result = labelAll(blocks, centers, { mode: 'single' });
    if (result.mode !== 'single') throw new Error('expected single mode');
    let disagreements = 0;
    embeddings.forEach((embedding, n) => {
      const one = classifySingle(embedding, centers);
      for (let l = 0; l < centers.length; l++) {
        expect(Math.abs(result.cosines[n * centers.length + l]! - one.cosines[l]!)).toBeLessThan(0.003);
      }
      if ((one.label ?? -1) !== result.best[n]) disagreements++;
    });
    expect(disagreements).toBeLessThan(10); // only photos whose winner's probability sits right at 0.5
    expect(Array.from(result.best.slice(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]); // photo n is in cluster n % 10
  });
});
