import { describe, expect, it } from 'vitest';
import { rocchio } from './rocchio';
import { prngMulberry32 } from './synthetic';
import { vectorCosine, vectorNorm } from './vector';

function randomVector(next: () => number, dims: number, scale = 1): number[] {
  return Array.from({ length: dims }, () => (next() * 2 - 1) * scale);
}

/** The rule written out plainly: each vector normalized, the means taken, the weighted sum normalized. */
function direct(q: number[] | null, more: number[][], fewer: number[][], a: number, b: number, c: number) {
  const unit = (v: number[]) => {
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
  const mean = (vs: number[][]) => vs[0]!.map((_, j) => vs.reduce((s, v) => s + unit(v)[j]!, 0) / vs.length);
  const dims = (q ?? more[0] ?? fewer[0])!.length;
  const out = new Array<number>(dims).fill(0);
  const qu = q && unit(q);
  const mm = more.length > 0 ? mean(more) : null;
  const fm = fewer.length > 0 ? mean(fewer) : null;
  for (let j = 0; j < dims; j++) out[j] = a * (qu?.[j] ?? 0) + b * (mm?.[j] ?? 0) - c * (fm?.[j] ?? 0);
  return unit(out);
}

describe('rocchio', () => {
  const weights = { alpha: 1, beta: 0.75, gamma: 0.25 };

  it('equals the rule computed directly, with any mix of parts and unnormalized input', () => {
    const next = prngMulberry32(7);
    for (let trial = 0; trial < 20; trial++) {
      const dims = 3 + (trial % 5) * 7;
      const q = trial % 4 === 0 ? null : randomVector(next, dims, 3);
      const more = Array.from({ length: trial % 3 }, () => randomVector(next, dims, 0.2));
      const fewer = Array.from({ length: (trial + 1) % 3 }, () => randomVector(next, dims, 5));
      if (!q && more.length === 0 && fewer.length === 0) continue;
      const got = rocchio(q, more, fewer, weights)!;
      const want = direct(q, more, fewer, weights.alpha, weights.beta, weights.gamma);
      expect(got.length).toBe(dims);
      got.forEach((x, j) => expect(x).toBeCloseTo(want[j]!, 6));
      expect(vectorNorm(got)).toBeCloseTo(1, 6);
    }
  });

  it('moves toward "more" and away from "fewer"', () => {
    const q = [1, 0, 0];
    const toward = rocchio(q, [[0, 1, 0]], [], weights)!;
    expect(vectorCosine(toward, [0, 1, 0])).toBeGreaterThan(vectorCosine(q, [0, 1, 0]));
    const away = rocchio(q, [], [[0.6, 0.8, 0]], weights)!;
    expect(vectorCosine(away, [0.6, 0.8, 0])).toBeLessThan(vectorCosine(q, [0.6, 0.8, 0]));
  });

  it('gives null with nothing, or with parts that cancel, and rejects mixed sizes', () => {
    expect(rocchio(null, [], [])).toBeNull();
    expect(rocchio([1, 0], [[1, 0]], [], { alpha: 1, beta: -1, gamma: 0 })).toBeNull();
    expect(rocchio(null, [[0, 0]], [])).toBeNull();
    expect(() => rocchio([1, 0], [[1, 0, 0]], [])).toThrow(RangeError);
  });
});
