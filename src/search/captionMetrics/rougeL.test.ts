import { describe, expect, it } from 'vitest';
import { lcsLength, rougeLCorpus, rougeLSentence } from './rougeL';

describe('lcsLength', () => {
  it('finds the longest common subsequence, not substring', () => {
    expect(lcsLength(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd'])).toBe(3);
    expect(lcsLength(['a', 'b'], [])).toBe(0);
    expect(lcsLength('police killed the gunman'.split(' '), 'police kill the gunman'.split(' '))).toBe(3);
  });
});

describe('rougeLSentence', () => {
  it('is 1 for an identical caption and 0 for an unrelated one', () => {
    expect(rougeLSentence('A dog, on the beach.', ['a dog on the beach'])).toBe(1);
    expect(rougeLSentence('red car', ['a dog on grass'])).toBe(0);
  });

  it('equals P = R when lengths match (LCS "the cat on the mat" = 5 of 6)', () => {
    expect(rougeLSentence('the cat sat on the mat', ['the cat is on the mat'])).toBeCloseTo(5 / 6, 12);
  });

  it('weights recall by beta = 1.2', () => {
    // LCS 3: P = 3/3, R = 3/6; F = (1 + 1.44) * 1 * 0.5 / (0.5 + 1.44 * 1) = 1.22 / 1.94
    expect(rougeLSentence('a b c', ['a b c d e f'])).toBeCloseTo(1.22 / 1.94, 12);
    // beta = 1 gives the plain F1 = 2 * 1 * 0.5 / 1.5
    expect(rougeLSentence('a b c', ['a b c d e f'], 1)).toBeCloseTo(2 / 3, 12);
  });

  it('maximises precision and recall separately over references, as the COCO toolkit does', () => {
    // ref 1: LCS 2, P = 2/4, R = 2/2; ref 2: LCS 4, P = 4/4, R = 4/8 -> P = 1, R = 1 -> 1
    expect(rougeLSentence('a b c d', ['a b', 'a b c d e f g h'])).toBe(1);
  });

  it('averages over the corpus', () => {
    const result = rougeLCorpus([
      { candidate: 'a dog', references: ['a dog'] },
      { candidate: 'red car', references: ['a dog'] },
    ]);
    expect(result).toEqual({ score: 0.5, perSample: [1, 0] });
  });
});
