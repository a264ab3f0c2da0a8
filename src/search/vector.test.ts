import { describe, expect, it } from 'vitest';
import {
  embeddingFromNormalized,
  embeddingMean,
  embeddingNormalize,
  vectorCosine,
  vectorDot,
  vectorNorm,
} from './vector';

/** Float-tolerant element-wise match (float32 storage keeps about 7 significant digits). */
const closeTo = (xs: readonly number[], digits = 6) => xs.map((x) => expect.closeTo(x, digits));

describe('vectorDot / vectorNorm', () => {
  it('computes by hand-checked values', () => {
    expect(vectorDot([1, 2, 3], [4, -5, 6])).toBe(12); // 4 - 10 + 18
    expect(vectorNorm([3, 4])).toBe(5);
    expect(vectorNorm([0, 0, 0])).toBe(0);
  });

  it('rejects vectors of different lengths', () => {
    expect(() => vectorDot([1, 2], [1, 2, 3])).toThrow(RangeError);
  });
});

describe('vectorCosine', () => {
  it('is 1 for parallel, 0 for orthogonal, -1 for opposite vectors, whatever their length', () => {
    expect(vectorCosine([2, 0], [5, 0])).toBeCloseTo(1, 12);
    expect(vectorCosine([1, 0], [0, 3])).toBe(0);
    expect(vectorCosine([1, 1], [-2, -2])).toBeCloseTo(-1, 12);
  });

  it('matches a hand-computed angle', () => {
    // [1,2,2].[2,1,2] = 8; both have length 3
    expect(vectorCosine([1, 2, 2], [2, 1, 2])).toBeCloseTo(8 / 9, 12);
  });

  it('is 0, not NaN, when a vector is zero', () => {
    expect(vectorCosine([0, 0], [1, 2])).toBe(0);
  });
});

describe('embeddingNormalize', () => {
  it('scales to unit length and keeps direction', () => {
    const e = embeddingNormalize([3, 4]);
    expect(e).toBeInstanceOf(Float32Array);
    expect(Array.from(e)).toEqual(closeTo([0.6, 0.8]));
  });

  it('does not modify its input', () => {
    const input = new Float32Array([3, 4]);
    embeddingNormalize(input);
    expect(Array.from(input)).toEqual([3, 4]);
  });

  it('keeps a zero vector zero', () => {
    expect(Array.from(embeddingNormalize([0, 0, 0]))).toEqual([0, 0, 0]);
  });
});

describe('embeddingFromNormalized', () => {
  it('brands a unit vector without copying', () => {
    const v = new Float32Array([0.6, 0.8]);
    expect(embeddingFromNormalized(v)).toBe(v);
  });

  it('refuses a vector that is not unit length', () => {
    expect(() => embeddingFromNormalized(new Float32Array([3, 4]))).toThrow(RangeError);
  });
});

describe('embeddingMean', () => {
  it('averages directions, not magnitudes', () => {
    // Normalized inputs are [1,0] and [0,1]; their mean [0.5,0.5] renormalizes to [1/sqrt2, 1/sqrt2].
    const mean = embeddingMean([
      [10, 0],
      [0, 1],
    ]);
    expect(Array.from(mean)).toEqual(closeTo([Math.SQRT1_2, Math.SQRT1_2]));
  });

  it('weights each prompt equally: two votes for x beat one for y', () => {
    // mean of [1,0],[1,0],[0,1] = [2/3, 1/3] -> normalized [2, 1] / sqrt5
    const mean = embeddingMean([
      [1, 0],
      [3, 0],
      [0, 7],
    ]);
    expect(Array.from(mean)).toEqual(closeTo([2 / Math.sqrt(5), 1 / Math.sqrt(5)]));
  });

  it('returns a unit vector', () => {
    expect(
      vectorNorm(
        embeddingMean([
          [1, 2, 3],
          [-1, 0, 4],
        ]),
      ),
    ).toBeCloseTo(1, 6);
  });

  it('rejects an empty list and mixed lengths', () => {
    expect(() => embeddingMean([])).toThrow(RangeError);
    expect(() =>
      embeddingMean([
        [1, 0],
        [1, 0, 0],
      ]),
    ).toThrow(RangeError);
  });
});
