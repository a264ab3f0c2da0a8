import { describe, expect, it } from 'vitest';
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
