import { describe, expect, it } from 'vitest';
import { dotFloatInt8, dotInt8, dotPackedPairInt8, packPairs, quantizeVector, sumSquaresInt8 } from './kernels';
import { prngMulberry32 } from './synthetic';

function naiveDot(a: ArrayLike<number>, aOffset: number, b: ArrayLike<number>, bOffset: number, dims: number) {
  let sum = 0;
  for (let j = 0; j < dims; j++) sum += a[aOffset + j]! * b[bOffset + j]!;
  return sum;
}

function randomCodes(random: () => number, length: number): Int8Array {
  return Int8Array.from({ length }, () => Math.round(random() * 254) - 127);
}

describe('int8 kernels', () => {
  it('compute a hand-checked dot product (length not a multiple of 8, with offsets)', () => {
    const a = new Int8Array([9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const b = new Int8Array([0, 0, 1, -1, 1, -1, 1, -1, 1, -1, 2, 99]);
    // a[1..10] . b[2..11] = (1 - 2 + 3 - 4 + 5 - 6 + 7 - 8) + 9*2 + 10*99 = -4 + 18 + 990 = 1004
    expect(dotInt8(a, 1, b, 2, 10)).toBe(1004);
    expect(sumSquaresInt8(new Int8Array([3, 4, -12]), 0, 3)).toBe(169);
  });

  it('agree with a naive loop at every dims remainder', () => {
    const random = prngMulberry32(3);
    for (let dims = 1; dims <= 20; dims++) {
      const a = randomCodes(random, dims + 5);
      const b = randomCodes(random, dims + 9);
      const q = Float32Array.from({ length: dims }, () => random() - 0.5);
      expect(dotInt8(a, 5, b, 9, dims)).toBe(naiveDot(a, 5, b, 9, dims));
      expect(dotFloatInt8(q, b, 9, dims)).toBeCloseTo(naiveDot(q, 0, b, 9, dims), 9);
    }
  });

  it('quantizeVector maps the largest magnitude to +-127', () => {
    const { codes, scale } = quantizeVector([0.5, -1, 0.25, 0]);
    expect(scale).toBeCloseTo(1 / 127, 12);
    expect(Array.from(codes)).toEqual([64, -127, 32, 0]); // 63.5 rounds up, 31.75 -> 32
    expect(quantizeVector([0, 0]).scale).toBe(0);
  });
});

describe('packed pairs', () => {
  it('give two exact int8 dot products per multiply, even at the extremes', () => {
    const dims = 768;
    const lo = new Int8Array(dims).fill(-127);
    const hi = new Int8Array(dims).fill(127);
    const codes = new Int8Array(dims + 3).fill(127);
    const out = new Float64Array(2);
    dotPackedPairInt8(packPairs(lo, hi), codes, 3, dims, out, 0);
    expect(Array.from(out)).toEqual([-127 * 127 * dims, 127 * 127 * dims]);
  });

  it('match separate dot products on random codes, and a missing partner gives 0', () => {
    const random = prngMulberry32(9);
    const dims = 512;
    const lo = randomCodes(random, dims);
    const hi = randomCodes(random, dims);
    const codes = randomCodes(random, dims * 2);
    const out = new Float64Array(4);
    dotPackedPairInt8(packPairs(lo, hi), codes, dims, dims, out, 0);
    dotPackedPairInt8(packPairs(hi, undefined), codes, dims, dims, out, 2);
    expect(Array.from(out)).toEqual([
      dotInt8(lo, 0, codes, dims, dims),
      dotInt8(hi, 0, codes, dims, dims),
      dotInt8(hi, 0, codes, dims, dims),
      0,
    ]);
  });

  it('refuse dimensions too large for exact packing', () => {
    expect(() => packPairs(new Int8Array(2081), undefined)).toThrow(RangeError);
    expect(() => packPairs(new Int8Array(2080), undefined)).not.toThrow();
  });
});
