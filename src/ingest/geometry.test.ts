import { describe, expect, it } from 'vitest';
import { centerSquareCrop, fitLongSide, orientedSize, withinPixelBudget } from './geometry';

describe('centerSquareCrop', () => {
  it('keeps the middle of a landscape picture', () => {
    expect(centerSquareCrop({ width: 1800, height: 1200 })).toEqual({ sx: 300, sy: 0, sw: 1200, sh: 1200 });
  });
  it('keeps the middle of a portrait picture', () => {
    expect(centerSquareCrop({ width: 1200, height: 1801 })).toEqual({ sx: 0, sy: 300, sw: 1200, sh: 1200 });
  });
  it('keeps a square picture whole, even a tiny one (upscaled later, never bordered)', () => {
    expect(centerSquareCrop({ width: 10, height: 10 })).toEqual({ sx: 0, sy: 0, sw: 10, sh: 10 });
  });
  it('matches "shortest edge to 224, then center crop 224" on a 4:3 photo', () => {
    const { sx, sw } = centerSquareCrop({ width: 4032, height: 3024 });
    const scale = 224 / 3024; // shortest edge -> 224 makes the photo 298.67 wide; the crop starts at 37.33
    expect(sx * scale).toBeCloseTo((4032 * scale - 224) / 2, 1);
    expect(sw * scale).toBeCloseTo(224, 6);
  });
  it('stays inside the picture for extreme panoramas', () => {
    const r = centerSquareCrop({ width: 20000, height: 3 });
    expect(r.sx + r.sw).toBeLessThanOrEqual(20000);
    expect(r.sh).toBe(3);
  });
});

describe('fitLongSide', () => {
  it('scales the long side down to the limit', () => {
    expect(fitLongSide({ width: 4000, height: 3000 }, 320)).toEqual({ width: 320, height: 240 });
    expect(fitLongSide({ width: 1512, height: 2688 }, 320)).toEqual({ width: 180, height: 320 });
  });
  it('never enlarges and never reaches zero', () => {
    expect(fitLongSide({ width: 128, height: 128 }, 320)).toEqual({ width: 128, height: 128 });
    expect(fitLongSide({ width: 10000, height: 2 }, 320)).toEqual({ width: 320, height: 1 });
  });
});

describe('orientedSize', () => {
  it('swaps for orientations 5..8 only', () => {
    const stored = { width: 600, height: 450 };
    for (const o of [0, 1, 2, 3, 4]) expect(orientedSize(stored, o)).toEqual(stored);
    for (const o of [5, 6, 7, 8]) expect(orientedSize(stored, o)).toEqual({ width: 450, height: 600 });
  });
});

describe('withinPixelBudget', () => {
  it('compares the pixel count with the budget', () => {
    expect(withinPixelBudget({ width: 10000, height: 10000 }, 100_000_000)).toBe(true);
    expect(withinPixelBudget({ width: 65535, height: 65535 }, 100_000_000)).toBe(false);
  });
});
