import { describe, expect, it } from 'vitest';
import { meteorCases } from '../fixtures/evaluationReference';
import { prngMulberry32 } from '../synthetic';
import { meteorAlign, meteorCorpus, meteorSentence, meteorTokens } from './meteor';

const words = (text: string) => text.split(' ');
const REFERENCE = 'the cat sat on the mat';

describe('meteorSentence (the worked examples on the METEOR Wikipedia page)', () => {
  it('identical: Fmean 1, one chunk of 6, penalty 0.5 * (1/6)^3', () => {
    expect(meteorSentence(REFERENCE, [REFERENCE])).toBeCloseTo(1 - 0.5 / 216, 12); // 0.9977
  });

  it('scrambled: the least-crossing alignment leaves 6 chunks of 6, penalty 0.5', () => {
    expect(meteorSentence('on the mat sat the cat', [REFERENCE])).toBeCloseTo(0.5, 12);
  });

  it('one extra word: P = 6/7, R = 1, 2 chunks', () => {
    const fMean = (10 * (6 / 7) * 1) / (1 + 9 * (6 / 7)); // 60/61
    expect(meteorSentence('the cat was sat on the mat', [REFERENCE])).toBeCloseTo(fMean * (1 - 0.5 * (2 / 6) ** 3), 12);
  });
});

describe('meteor details', () => {
  it('matches plural stems in a second stage', () => {
    // the, sat exact; cats ~ cat by stem: 3 matches in 1 chunk, P = R = 1
    expect(meteorTokens(words('the cats sat'), words('the cat sat'))).toBeCloseTo(1 - 0.5 / 27, 12);
    expect(meteorAlign(words('the cats sat'), words('the cat sat'))).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
  });

  it('weights recall nine times precision', () => {
    // 2 matches, candidate 2 words, reference 4: P = 1, R = 0.5, Fmean = 10 * 0.5 / (0.5 + 9) = 5 / 9.5; 1 chunk
    expect(meteorTokens(words('a dog'), words('a dog is here'))).toBeCloseTo((5 / 9.5) * (1 - 0.5 / 8), 12);
    // the reverse: P = 0.5, R = 1, Fmean = 10 * 0.5 / (1 + 4.5) = 5 / 5.5
    expect(meteorTokens(words('a dog is here'), words('a dog'))).toBeCloseTo((5 / 5.5) * (1 - 0.5 / 8), 12);
  });

  it('chooses, among equal-size alignments, the one with fewest crossings', () => {
    // "a" appears twice in the reference; mapping it to position 2 keeps "a dog" one chunk
    expect(meteorAlign(words('a dog'), words('a cat a dog'))).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it('is 0 for unrelated captions and takes the best reference', () => {
    expect(meteorSentence('red car', ['a dog on grass'])).toBe(0);
    expect(meteorSentence(REFERENCE, ['a red car', REFERENCE])).toBeCloseTo(1 - 0.5 / 216, 12);
    expect(
      meteorCorpus([
        { candidate: REFERENCE, references: [REFERENCE] },
        { candidate: 'x', references: ['y'] },
      ]).score,
    ).toBeCloseTo((1 - 0.5 / 216) / 2, 12);
  });
});

/** The definition by brute force: every maximum one-to-one mapping of equal words, the fewest crossings, then chunks. */
function meteorBruteForce(candidate: string[], reference: string[]): number {
  let best = { matches: 0, crossings: Infinity, chunks: Infinity };
  const walk = (c: number, used: boolean[], pairs: [number, number][]) => {
    if (c === candidate.length) {
      let crossings = 0;
      pairs.forEach((a, i) =>
        pairs.slice(i + 1).forEach((b) => (crossings += (a[0] - b[0]) * (a[1] - b[1]) < 0 ? 1 : 0)),
      );
      const chunks = pairs.filter(
        (p, i) => i === 0 || p[0] !== pairs[i - 1]![0] + 1 || p[1] !== pairs[i - 1]![1] + 1,
      ).length;
      const better =
        pairs.length > best.matches ||
        (pairs.length === best.matches &&
          (crossings < best.crossings || (crossings === best.crossings && chunks < best.chunks)));
      if (better) best = { matches: pairs.length, crossings, chunks };
      return;
    }
    walk(c + 1, used, pairs);
    reference.forEach((word, r) => {
      if (used[r] || word !== candidate[c]) return;
      used[r] = true;
      walk(c + 1, used, [...pairs, [c, r]]);
      used[r] = false;
    });
  };
  walk(0, [], []);
  if (best.matches === 0) return 0;
  const precision = best.matches / candidate.length;
  const recall = best.matches / reference.length;
  return ((10 * precision * recall) / (recall + 9 * precision)) * (1 - 0.5 * (best.chunks / best.matches) ** 3);
}

describe('meteor alignment search', () => {
  it('finds the fewest-crossings, fewest-chunks alignment that brute force finds (200 random pairs)', () => {
    const uniform = prngMulberry32(11);
    const sentence = () =>
      Array.from({ length: 3 + Math.floor(uniform() * 5) }, () => ['a', 'b', 'c'][Math.floor(uniform() * 3)]!);
    for (let trial = 0; trial < 200; trial++) {
      const [candidate, reference] = [sentence(), sentence()];
      expect(meteorTokens(candidate, reference), `${candidate.join(' ')} | ${reference.join(' ')}`).toBeCloseTo(
        meteorBruteForce(candidate, reference),
        12,
      );
    }
  });

  it('keeps the fewest-crossings rule on a pair with 73,500 candidate alignments (a greedy choice scored 0.4717)', () => {
    const [hard] = meteorCases;
    const score = meteorSentence(hard!.candidate, [hard!.reference]);
    expect(score).toBeGreaterThanOrEqual(0.5957);
    expect(score).toBeGreaterThan(hard!.nltk); // NLTK aligns greedily: 0.4717 here
  });

  it('agrees with NLTK (no WordNet) where both align the same words', () => {
    for (const { candidate, reference, nltk } of meteorCases.slice(1)) {
      expect(meteorSentence(candidate, [reference])).toBeCloseTo(nltk, 12);
    }
  });
});
