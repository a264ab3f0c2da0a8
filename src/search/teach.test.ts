import { describe, expect, it } from 'vitest';
import { probeLabelBlocks, probeProbabilities } from './linearProbe';
import { blocksFromEmbeddings } from './quantize';
import { syntheticClusteredEmbeddings } from './synthetic';
import {
  teachCombine,
  teachCrossValidate,
  teachLeastSure,
  teachNegativeSampleSize,
  teachProbability,
  teachProbeLogit,
  teachSampleNegatives,
  teachTextTerm,
  teachTrain,
} from './teach';

/** Four colours of 20 photos each (row i is cluster i % 4), as the colour fixture model embeds them, roughly. */
const { embeddings, clusterOf } = syntheticClusteredEmbeddings({
  seed: 15,
  count: 80,
  dims: 64,
  clusters: 4,
  spread: 0.5,
});
const rowsOf = (cluster: number) => [...clusterOf.keys()].filter((i) => clusterOf[i] === cluster);

describe('teachSampleNegatives', () => {
  it('draws distinct rows outside the excluded ones, the same for the same seed, all when too few', () => {
    const exclude = new Set([0, 1, 2, 3, 4]);
    const sample = teachSampleNegatives(100, exclude, 30, 7);
    expect(new Set(sample).size).toBe(30);
    expect(sample.every((row) => row >= 0 && row < 100 && !exclude.has(row))).toBe(true);
    expect(sample).toEqual([...sample].sort((a, b) => a - b));
    expect(teachSampleNegatives(100, exclude, 30, 7)).toEqual(sample);
    expect(teachSampleNegatives(100, exclude, 30, 8)).not.toEqual(sample);
    expect(teachSampleNegatives(8, exclude, 30, 7)).toEqual([5, 6, 7]);
  });

  it('samples 10 a example, at least 50, never more than there are', () => {
    expect(teachNegativeSampleSize(5, 10_000)).toBe(50);
    expect(teachNegativeSampleSize(20, 10_000)).toBe(200);
    expect(teachNegativeSampleSize(5, 14)).toBe(14);
  });
});

describe('teachTrain', () => {
  const examples = rowsOf(2).slice(0, 5);
  const negatives = teachSampleNegatives(80, new Set(examples), 50);
  const rows = [...examples, ...negatives];
  const probe = teachTrain(
    rows.map((i) => embeddings[i]!),
    rows.map((_, n) => n < examples.length),
  );

  it('learns a cluster from five examples: its other photos score >= 0, every other cluster < 0', () => {
    for (let i = 0; i < 80; i++) expect(teachProbeLogit(probe, embeddings[i]!) >= 0).toBe(clusterOf[i] === 2);
  });

  it("gives the logit of the probe's own probability, and the kernel's margin is that logit", () => {
    const labels = probeLabelBlocks(probe, blocksFromEmbeddings(embeddings, 32), 'simd');
    for (let i = 0; i < 80; i++) {
      const logit = teachProbeLogit(probe, embeddings[i]!);
      expect(teachProbability(logit)).toBeCloseTo(probeProbabilities(probe, embeddings[i]!)[1]!, 10);
      const signed = labels.predicted[i] === 1 ? labels.margin[i]! : -labels.margin[i]!;
      expect(signed).toBeCloseTo(logit, 1); // int8 rows and int16 weights
    }
  });
});

describe('teachCombine', () => {
  it('adds the prompts: above the threshold pushes towards the label, below away, none adds nothing', () => {
    expect(teachTextTerm(undefined, 0.25)).toBe(0);
    expect(teachTextTerm(0.3, 0.25)).toBeCloseTo(0.2 * 100 * 0.05, 10);
    expect(teachCombine(-0.5, teachTextTerm(0.3, 0.25))).toBeGreaterThan(0);
    expect(teachCombine(0.5, teachTextTerm(0.2, 0.25))).toBeLessThan(0);
    expect(teachCombine(0.5)).toBe(0.5);
  });
});

describe('teachCrossValidate', () => {
  const rows = [...rowsOf(1).slice(0, 8), ...rowsOf(0), ...rowsOf(3)];
  const vectors = rows.map((i) => embeddings[i]!);
  const positive = rows.map((i) => clusterOf[i] === 1);

  it('scores each fold with a probe trained on the others: a learnable label is right on every held-out photo', () => {
    expect(teachCrossValidate(vectors, positive, null)).toEqual({
      folds: 5,
      rows: 48,
      correct: 48,
      accuracy: 1,
      examples: 8,
      examplesCorrect: 8,
    });
  });

  it('is no better than the majority on labels that carry no meaning (a probe tested on its training rows is)', () => {
    const shuffled = rows.map((_, n) => n % 6 === 0);
    const cv = teachCrossValidate(vectors, shuffled, null)!;
    expect(cv.accuracy).toBeLessThanOrEqual(40 / 48 + 1e-9);
    const probe = teachTrain(vectors, shuffled, { c: 1e4 });
    const seen = vectors.filter((v, n) => teachProbeLogit(probe, v) >= 0 === shuffled[n]).length;
    expect(seen).toBe(48);
  });

  it('uses fewer folds when there are fewer examples, none with one', () => {
    expect(teachCrossValidate(vectors.slice(6), positive.slice(6), null)?.folds).toBe(2);
    expect(teachCrossValidate(vectors.slice(7), positive.slice(7), null)).toBeNull();
  });

  it('counts the text term: prompts that contradict the examples lower the accuracy', () => {
    const against = positive.map((p) => (p ? -1000 : 1000));
    expect(teachCrossValidate(vectors, positive, against)).toMatchObject({ accuracy: 0, examplesCorrect: 0 });
  });
});

describe('teachLeastSure', () => {
  it('returns the unmarked rows nearest 0, nearest first, as a full sort does', () => {
    const scores = Float32Array.from({ length: 200 }, (_, i) => Math.sin(i * 1.7) * 5);
    const exclude = new Set([3, 50, 51]);
    const sorted = [...scores.keys()]
      .filter((i) => !exclude.has(i))
      .sort((a, b) => Math.abs(scores[a]!) - Math.abs(scores[b]!) || a - b);
    expect(teachLeastSure(scores, exclude, 12)).toEqual(sorted.slice(0, 12));
    expect(teachLeastSure(scores.subarray(0, 4), exclude, 12)).toHaveLength(3);
  });
});
