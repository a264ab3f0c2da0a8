import { describe, expect, it } from 'vitest';
import { blocksFromEmbeddings } from './quantize';
import { syntheticClusteredEmbeddings } from './synthetic';
import {
  buildPrompts,
  classifyMulti,
  classifySingle,
  DEFAULT_PROMPT_TEMPLATES,
  labelAll,
  scoringProbabilities,
  softmaxWithScale,
  type ZeroShotScoring,
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

describe('each model family scores with its own loss', () => {
  const clip: ZeroShotScoring = { kind: 'softmax', logitScale: 100 };
  const siglip: ZeroShotScoring = { kind: 'sigmoid', logitScale: 10, logitBias: -5 };
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

  it('CLIP: softmax over the labels, summing to 1; SigLIP: sigmoid(scale * cosine + bias) of each label', () => {
    expect(Array.from(scoringProbabilities([0.3, 0.2], clip))).toEqual(
      closeTo([1 / (1 + Math.exp(-10)), 1 / (1 + Math.exp(10))], 12),
    );
    expect(Array.from(scoringProbabilities([0.3, 0.2, 0.9], siglip))).toEqual(
      closeTo([sigmoid(-2), sigmoid(-3), sigmoid(4)], 12),
    );
  });

  it('SigLIP labels are independent: another label changes nobody else, unlike a softmax', () => {
    const [alone] = scoringProbabilities([0.4], siglip);
    const [withOther] = scoringProbabilities([0.4, 0.9], siglip);
    expect(withOther).toBe(alone);
    expect(scoringProbabilities([0.4], clip)[0]).toBe(1);
    expect(scoringProbabilities([0.4, 0.9], clip)[0]).toBeLessThan(1e-20);
  });

  it('SigLIP probabilities stay finite and exact at extreme logits', () => {
    const p = scoringProbabilities([-5, 5, -1000], { kind: 'sigmoid', logitScale: 100, logitBias: -10 });
    expect(p[0]! / Math.exp(-510)).toBeCloseTo(1, 12); // the small tail keeps its relative precision
    expect(p[1]).toBe(1);
    expect(p[2]).toBe(0);
    expect(Array.from(p).every(Number.isFinite)).toBe(true);
  });

  it('a weak best label: a softmax is sure of it, a sigmoid says "none of these"', () => {
    const image = [1, 0, 0];
    const labels = [withCosine(0.1, 1), withCosine(-0.1, 2)];
    const byClip = classifySingle(image, labels, { scoring: clip });
    expect(byClip.label).toBe(0);
    expect(byClip.probabilities[0]).toBeGreaterThan(0.99);
    const bySiglip = classifySingle(image, labels, { scoring: siglip });
    expect(bySiglip.label).toBeNull();
    expect(bySiglip.probabilities[0]).toBeCloseTo(sigmoid(-4), 12);
    // A good match passes on its own, whatever the other labels score.
    expect(classifySingle(image, [withCosine(0.9, 1), withCosine(0.85, 2)], { scoring: siglip }).label).toBe(0);
    expect(classifySingle(image, [withCosine(0.9, 1), withCosine(0.85, 2)], { scoring: clip }).label).toBe(0);
  });

  it('labelAll gives every stored photo the same answer and confidence as classifySingle, for both families', () => {
    const photos = [
      [1, 0, 0],
      [0.8, 0.6, 0],
      [0, 0, 1],
    ];
    const labels = [
      [1, 0, 0],
      [0, 1, 0],
    ];
    for (const scoring of [clip, siglip]) {
      const all = labelAll(blocksFromEmbeddings(photos), labels, { mode: 'single', scoring, minConfidence: 0.6 });
      if (all.mode !== 'single') throw new Error('expected single mode');
      photos.forEach((photo, n) => {
        const one = classifySingle(photo, labels, { scoring, minConfidence: 0.6 });
        expect(all.best[n]).toBe(one.label ?? -1);
        if (one.label !== null) expect(all.confidence[n]).toBeCloseTo(one.probabilities[one.label]!, 2);
      });
      // The third photo matches neither label: a softmax splits it 50/50, a sigmoid gives each ~0.7%.
      expect(all.best[2]).toBe(-1);
    }
  });
});
