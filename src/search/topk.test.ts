import { describe, expect, it } from 'vitest';
import { prngMulberry32 } from './synthetic';
import { compareRanked, topKCreate, topKOfScores, topKPush, topKSorted, topKThreshold } from './topk';

describe('topK heap', () => {
  it('keeps the k best of a stream, best first', () => {
    const heap = topKCreate(3);
    [0.1, 0.9, 0.4, 0.7, 0.2, 0.8].forEach((score, index) => topKPush(heap, index, score));
    expect(topKSorted(heap)).toEqual([
      { index: 1, score: 0.9 },
      { index: 5, score: 0.8 },
      { index: 3, score: 0.7 },
    ]);
  });

  it('reports the entry threshold: -Infinity until full, then the worst kept score', () => {
    const heap = topKCreate(2);
    expect(topKThreshold(heap)).toBe(-Infinity);
    topKPush(heap, 0, 5);
    expect(topKThreshold(heap)).toBe(-Infinity);
    topKPush(heap, 1, 3);
    expect(topKThreshold(heap)).toBe(3);
    topKPush(heap, 2, 4);
    expect(topKThreshold(heap)).toBe(4);
  });

  it('breaks ties towards the lower index, whatever the arrival order', () => {
    const heap = topKCreate(2);
    topKPush(heap, 7, 1);
    topKPush(heap, 3, 1);
    topKPush(heap, 5, 1);
    expect(topKSorted(heap).map((item) => item.index)).toEqual([3, 5]);
  });

  it('ignores NaN and handles k = 0', () => {
    const heap = topKCreate(2);
    topKPush(heap, 0, Number.NaN);
    expect(heap.size).toBe(0);
    const none = topKCreate(0);
    topKPush(none, 0, 1);
    expect(topKSorted(none)).toEqual([]);
  });

  it('agrees with a full sort on random data', () => {
    const random = prngMulberry32(42);
    const scores = Array.from({ length: 5000 }, () => Math.round(random() * 1000) / 1000); // many ties
    const expected = scores
      .map((score, index) => ({ index, score }))
      .sort(compareRanked)
      .slice(0, 37);
    expect(topKOfScores(scores, 37)).toEqual(expected);
  });

  it('returns everything when k exceeds the count', () => {
    expect(topKOfScores([2, 1, 3], 10).map((item) => item.index)).toEqual([2, 0, 1]);
  });

  it('rejects a bad capacity', () => {
    expect(() => topKCreate(-1)).toThrow(RangeError);
    expect(() => topKCreate(1.5)).toThrow(RangeError);
  });
});
