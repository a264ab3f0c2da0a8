import { describe, expect, it } from 'vitest';
import { pointsLerp, pointsSquaredDistance, procrustesAlign, procrustesFit, similarityApply } from './procrustes';
import { prngMulberry32 } from './synthetic';

function randomPoints(seed: number, n: number): Float64Array {
  const random = prngMulberry32(seed);
  return Float64Array.from({ length: 2 * n }, () => random() * 10 - 5);
}

/** Rotates by `angle`, optionally flips x, scales and shifts: a similarity Procrustes must undo exactly. */
function transform(points: Float64Array, angle: number, flip: boolean, scale: number, dx: number, dy: number) {
  const out = new Float64Array(points.length);
  for (let i = 0; i < points.length; i += 2) {
    const x = flip ? -points[i]! : points[i]!;
    const y = points[i + 1]!;
    out[i] = scale * (Math.cos(angle) * x - Math.sin(angle) * y) + dx;
    out[i + 1] = scale * (Math.sin(angle) * x + Math.cos(angle) * y) + dy;
  }
  return out;
}

describe('procrustesFit', () => {
  for (const flip of [false, true]) {
    it(`recovers a rotation${flip ? ' with a reflection' : ''}, scale and shift exactly`, () => {
      const target = randomPoints(1, 40);
      const source = transform(target, 2.1, flip, 0.37, 4, -9);
      const fit = procrustesFit(source, target);
      expect(fit.reflection).toBe(flip);
      expect(fit.scale).toBeCloseTo(1 / 0.37, 10);
      expect(pointsSquaredDistance(similarityApply(fit, source), target)).toBeLessThan(1e-18);
    });
  }

  it('leaves noisy points closer to the target than any other similarity tried', () => {
    const target = randomPoints(2, 60);
    const random = prngMulberry32(3);
    const noisy = transform(target, -0.8, true, 3, 1, 2).map((v) => v + (random() - 0.5));
    const best = pointsSquaredDistance(procrustesAlign(noisy, target), target);
    for (let trial = 0; trial < 200; trial++) {
      const other = transform(noisy, random() * 7, random() < 0.5, random() * 2, random() * 4 - 2, random() * 4 - 2);
      expect(best).toBeLessThanOrEqual(pointsSquaredDistance(procrustesAlign(other, target), target) + 1e-9);
      expect(best).toBeLessThanOrEqual(pointsSquaredDistance(other, target));
    }
  });

  it('is the identity on a map aligned with itself, and handles no points and one point', () => {
    const points = randomPoints(4, 10);
    expect(pointsSquaredDistance(procrustesAlign(points, points), points)).toBeLessThan(1e-20);
    expect(procrustesAlign(new Float64Array(0), new Float64Array(0))).toHaveLength(0);
    expect(Array.from(procrustesAlign(Float64Array.of(1, 1), Float64Array.of(5, 6)))).toEqual([5, 6]);
    expect(() => procrustesFit(new Float64Array(4), new Float64Array(6))).toThrow(RangeError);
  });
});

describe('pointsLerp', () => {
  it('goes in straight lines from one map to the other', () => {
    const a = Float64Array.of(0, 0, 2, 2);
    const b = Float64Array.of(4, 0, 2, -2);
    expect(Array.from(pointsLerp(a, b, 0))).toEqual([0, 0, 2, 2]);
    expect(Array.from(pointsLerp(a, b, 0.5))).toEqual([2, 0, 2, 0]);
    expect(Array.from(pointsLerp(a, b, 1))).toEqual([4, 0, 2, -2]);
  });
});
