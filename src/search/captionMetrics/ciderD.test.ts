import { describe, expect, it } from 'vitest';
import { ciderDCorpus } from './ciderD';

// Two photos, so IDF is defined: log(2) - log(df). "a" is in both reference sets, so its IDF is 0.
const DOG = 'a dog runs';
const CAT = 'a cat sleeps';

describe('ciderDCorpus (hand-computed with the COCO toolkit formulas)', () => {
  it('identical 3-word captions score 7.5: n = 1..3 give cosine 1, n = 4 has no 4-grams', () => {
    const result = ciderDCorpus([
      { candidate: DOG, references: [DOG] },
      { candidate: CAT, references: [CAT] },
    ]);
    expect(result.perSample).toEqual([expect.closeTo(7.5, 12), expect.closeTo(7.5, 12)]);
    expect(result.score).toBeCloseTo(7.5, 12);
  });

  it('identical captions with distinct 4-grams score 10', () => {
    const result = ciderDCorpus([
      { candidate: 'a dog runs on grass', references: ['a dog runs on grass'] },
      { candidate: 'a cat sleeps on sofa', references: ['a cat sleeps on sofa'] },
    ]);
    expect(result.score).toBeCloseTo(10, 12);
  });

  it('a half-right caption: unigram and bigram cosines 1/2, trigram 0 -> 2.5', () => {
    // "a dog sleeps" vs "a dog runs": unigrams {a: 0, dog: ln2, sleeps: ln2} . {a: 0, dog: ln2, runs: ln2} = ln2^2,
    // norms sqrt2 ln2 each -> 1/2; bigrams {a dog, dog sleeps} vs {a dog, dog runs} -> 1/2; trigrams 0.
    const result = ciderDCorpus([
      { candidate: 'a dog sleeps', references: [DOG] },
      { candidate: CAT, references: [CAT] },
    ]);
    expect(result.perSample[0]).toBeCloseTo(((0.5 + 0.5 + 0 + 0) / 4) * 10, 12);
    expect(result.score).toBeCloseTo((2.5 + 7.5) / 2, 12);
  });

  it('penalizes length with a Gaussian of sigma 6 on the bigram-count difference', () => {
    // "a dog runs fast" vs "a dog runs": unigrams 2/(sqrt3 sqrt2), bigrams 2/(sqrt3 sqrt2), trigrams 1/sqrt2, 4-grams 0;
    // delta = 3 - 2 bigrams -> penalty exp(-1/72)
    const cosines = 2 / Math.sqrt(6) + 2 / Math.sqrt(6) + 1 / Math.SQRT2;
    const result = ciderDCorpus([
      { candidate: 'a dog runs fast', references: [DOG] },
      { candidate: CAT, references: [CAT] },
    ]);
    expect(result.perSample[0]).toBeCloseTo((cosines / 4) * Math.exp(-1 / 72) * 10, 12);
  });

  it('clips repeated candidate n-grams by the reference weight', () => {
    // "dog dog dog": unigram {dog: 3 ln2}; min(3 ln2, ln2) * ln2 / (3 ln2 * sqrt2 ln2) = 1 / (3 sqrt2); rest 0
    const result = ciderDCorpus([
      { candidate: 'dog dog dog', references: [DOG] },
      { candidate: CAT, references: [CAT] },
    ]);
    expect(result.perSample[0]).toBeCloseTo((1 / (3 * Math.SQRT2) / 4) * 10, 12);
  });

  it('averages over references', () => {
    const result = ciderDCorpus([
      { candidate: DOG, references: [DOG, 'birds fly high'] },
      { candidate: CAT, references: [CAT] },
    ]);
    // against "a dog runs": 7.5 (df unchanged for its n-grams); against "birds fly high": 0
    expect(result.perSample[0]).toBeCloseTo(7.5 / 2, 12);
  });

  it('is 0 for unrelated captions, and 0 for a one-photo corpus (IDF log(1) = 0)', () => {
    const result = ciderDCorpus([
      { candidate: 'red car', references: [DOG] },
      { candidate: CAT, references: [CAT] },
    ]);
    expect(result.perSample[0]).toBe(0);
    expect(ciderDCorpus([{ candidate: DOG, references: [DOG] }]).score).toBe(0);
  });
});
