import { describe, expect, it } from 'vitest';
import { splitStratified } from './split';
import { prngMulberry32 } from './synthetic';

/** 600 photos over classes of sizes 1, 2, 3, 10, 84 and 500, in a scrambled order. */
function scrambledLabels(): number[] {
  const sizes = [1, 2, 3, 10, 84, 500];
  const labels = sizes.flatMap((size, label) => new Array<number>(size).fill(label));
  const uniform = prngMulberry32(99);
  return labels
    .map((label) => ({ label, key: uniform() }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.label);
}

describe('splitStratified', () => {
  const labels = scrambledLabels();

  it('keeps each class share in both halves, at least one photo each, and reports classes of one photo', () => {
    const split = splitStratified(labels, { validationShare: 0.3, seed: 7 });
    const count = (indices: number[], label: number) => indices.filter((i) => labels[i] === label).length;
    // round(n * 0.3) clamped to [1, n - 1]: 2 -> 1, 3 -> 1, 10 -> 3, 84 -> 25, 500 -> 150
    expect([1, 2, 3, 4, 5].map((label) => count(split.validation, label))).toEqual([1, 1, 3, 25, 150]);
    expect([1, 2, 3, 4, 5].map((label) => count(split.train, label))).toEqual([1, 2, 7, 59, 350]);
    expect(split.tooSmall).toEqual([{ label: 0, indices: [labels.indexOf(0)] }]);
    const all = [...split.train, ...split.validation, ...split.tooSmall.flatMap((c) => c.indices)];
    expect(all.sort((a, b) => a - b)).toEqual(labels.map((_, i) => i));
    expect(split.train).toEqual([...split.train].sort((a, b) => a - b));
  });

  it('gives every class of two or more photos at least one in each half, at any share', () => {
    for (const validationShare of [0.01, 0.5, 0.99]) {
      const split = splitStratified(labels, { validationShare, seed: 1 });
      for (const label of [1, 2, 3, 4, 5]) {
        expect(split.train.some((i) => labels[i] === label)).toBe(true);
        expect(split.validation.some((i) => labels[i] === label)).toBe(true);
      }
    }
  });

  it('is the same for the same seed, different for another, and not just the first photos of each class', () => {
    const a = splitStratified(labels, { validationShare: 0.3, seed: 7 });
    expect(splitStratified(labels, { validationShare: 0.3, seed: 7 })).toEqual(a);
    expect(splitStratified(labels, { validationShare: 0.3, seed: 8 }).validation).not.toEqual(a.validation);
    const firstOfClass5 = labels.flatMap((label, i) => (label === 5 ? [i] : [])).slice(0, 150);
    expect(a.validation.filter((i) => labels[i] === 5)).not.toEqual(firstOfClass5);
  });

  it('refuses a share outside (0, 1) and splits nothing out of nothing', () => {
    expect(() => splitStratified(labels, { validationShare: 0, seed: 1 })).toThrow(RangeError);
    expect(() => splitStratified(labels, { validationShare: 1, seed: 1 })).toThrow(RangeError);
    expect(splitStratified([], { validationShare: 0.2, seed: 1 })).toMatchObject({ train: [], validation: [] });
  });
});
