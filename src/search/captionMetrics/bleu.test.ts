import { describe, expect, it } from 'vitest';
import { bleuCorpus } from './bleu';

const closeTo = (xs: readonly number[], digits = 9) => xs.map((x) => expect.closeTo(x, digits));

describe('bleuCorpus', () => {
  it('is 1 for every n when the candidate equals a reference', () => {
    expect(bleuCorpus([{ candidate: 'A dog runs on the beach.', references: ['a dog runs on the beach'] }])).toEqual([
      1, 1, 1, 1,
    ]);
  });

  it('is 0 for unrelated captions', () => {
    expect(bleuCorpus([{ candidate: 'red car', references: ['a dog on grass'] }])).toEqual([0, 0, 0, 0]);
  });

  it("clips counts by the references (Papineni et al.'s 'the the the' example: p1 = 2/7)", () => {
    const [b1, b2] = bleuCorpus([
      {
        candidate: 'the the the the the the the',
        references: ['The cat is on the mat.', 'There is a cat on the mat.'],
      },
    ]);
    expect(b1).toBeCloseTo(2 / 7, 12); // closest reference length is 7, so no brevity penalty
    expect(b2).toBe(0);
  });

  it('applies the brevity penalty and gives 0 without smoothing when an n-gram order has no matches', () => {
    // c = 2, r = 6: BP = exp(1 - 6/2) = e^-2; p1 = p2 = 1; no trigrams at all
    expect(bleuCorpus([{ candidate: 'the cat', references: ['the cat sat on the mat'] }])).toEqual(
      closeTo([Math.exp(-2), Math.exp(-2), 0, 0]),
    );
  });

  it('takes the closest reference length, the shorter one on a tie', () => {
    // c = 5; references of length 4 and 6 are equally close, 4 wins, so c > r and BP = 1 (6 would give 0.8187)
    expect(bleuCorpus([{ candidate: 'a b c d e', references: ['a b c d', 'a b c d e f'] }], 1)).toEqual([1]);
  });

  it('aggregates counts over the corpus before dividing (not a mean of sentence scores)', () => {
    // sample 1: 4/4 unigrams match; sample 2: 0/2 match. Corpus p1 = 4/6; lengths 6 vs 6, BP = 1.
    const samples = [
      { candidate: 'a b c d', references: ['a b c d'] },
      { candidate: 'x y', references: ['p q'] },
    ];
    expect(bleuCorpus(samples, 1)[0]).toBeCloseTo(4 / 6, 12);
  });

  it('computes a geometric mean of hand-counted precisions', () => {
    // candidate "the cat sat on a mat" vs "the cat sat on the mat": unigrams 5/6, bigrams 3/5 (the cat, cat sat,
    // sat on), trigrams 2/4, 4-grams 1/3; equal lengths, BP = 1.
    const scores = bleuCorpus([{ candidate: 'the cat sat on a mat', references: ['the cat sat on the mat'] }]);
    expect(scores).toEqual(
      closeTo([
        5 / 6,
        Math.sqrt((5 / 6) * (3 / 5)),
        ((5 / 6) * (3 / 5) * (2 / 4)) ** (1 / 3),
        ((5 / 6) * (3 / 5) * (2 / 4) * (1 / 3)) ** (1 / 4),
      ]),
    );
  });

  it("reproduces NLTK's documented sentence_bleu example (0.5046)", () => {
    const hypothesis = 'It is a guide to action which ensures that the military always obeys the commands of the party';
    const references = [
      'It is a guide to action that ensures that the military will forever heed Party commands',
      'It is the guiding principle which guarantees the military forces always being under the command of the Party',
      'It is the practical guide for the army always to heed the directions of the party',
    ];
    expect(bleuCorpus([{ candidate: hypothesis, references }])[3]).toBeCloseTo(0.5045666840058485, 12);
  });

  it('is 0 for an empty corpus or empty candidates', () => {
    expect(bleuCorpus([])).toEqual([0, 0, 0, 0]);
    expect(bleuCorpus([{ candidate: '', references: ['a dog'] }])).toEqual([0, 0, 0, 0]);
  });
});
