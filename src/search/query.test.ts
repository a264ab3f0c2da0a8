import { describe, expect, it } from 'vitest';
import { blocksFromEmbeddings } from './quantize';
import {
  CAPTION_WEIGHT,
  captionMatchScore,
  captionTerms,
  captionTermsMatchScore,
  combineScores,
  NAME_WEIGHT,
  nameTerms,
  textBonus,
  searchPhotos,
} from './query';

describe('captionMatchScore', () => {
  it('finds a caption whatever the Unicode form of its marks, and matches Hindi words whole', () => {
    expect(captionMatchScore('cafe\u0301', 'A small café.')).toBe(1);
    expect(captionMatchScore('कुत्ता', 'समुद्र तट पर कुत्ता')).toBe(1);
    expect(captionMatchScore('कुत्ता', 'समुद्र तट पर कता')).toBe(0); // without the marks: a different word
  });

  it('is the fraction of query content words found in the caption', () => {
    expect(captionMatchScore('birthday cake', 'A birthday cake with candles.')).toBe(1);
    expect(captionMatchScore('birthday cakes', 'a cake on the table')).toBe(0.5);
    expect(captionMatchScore('red car parked', 'a red bicycle')).toBeCloseTo(1 / 3, 12);
    expect(captionMatchScore('cake', 'a dog on the beach')).toBe(0);
  });

  it('ignores case, punctuation, plurals and stop words', () => {
    // "DOGS!" -> "dogs" -> "dog"; "dog's" -> "dogs" -> "dog"; "the" is a stop word
    expect(captionMatchScore('DOGS!', "the dog's ball")).toBe(1);
    expect(captionMatchScore('the Ball', 'BALLS, everywhere')).toBe(1);
  });

  it('matches plurals either way', () => {
    expect(captionMatchScore('puppies', 'a puppy asleep')).toBe(1);
    expect(captionMatchScore('puppy', 'two puppies')).toBe(1);
  });

  it('is 0 for a query of stop words only or an empty caption', () => {
    expect(captionMatchScore('a photo of the', 'a photo of the sea')).toBe(0);
    expect(captionMatchScore('sea', '')).toBe(0);
  });

  it('agrees with the precomputed-terms form', () => {
    expect(captionTermsMatchScore(captionTerms('Beach, sunset'), captionTerms('sunsets at the beach'))).toBe(1);
    expect([...captionTerms('A photo of two cats on the sofa')]).toEqual(['two', 'cat', 'sofa']);
  });
});

describe('combineScores', () => {
  it('adds the caption score weighted on the cosine scale', () => {
    expect(CAPTION_WEIGHT).toBe(0.1);
    expect(combineScores(0.25, 1)).toBeCloseTo(0.35, 12);
    expect(combineScores(0.25, 0.5, { caption: 0.2 })).toBeCloseTo(0.35, 12);
    expect(combineScores(0.25, 0)).toBe(0.25);
  });

  it('lets a caption lift a comparable photo but not an unrelated one', () => {
    const captioned = combineScores(0.27, captionMatchScore('cake', 'a birthday cake'));
    expect(captioned).toBeGreaterThan(combineScores(0.3, 0)); // close visual match, no caption: overtaken
    expect(combineScores(0.15, 1)).toBeLessThan(combineScores(0.3, 0)); // unrelated photo stays below
  });
});

describe('searchPhotos', () => {
  // Photos 0-3 along directions with known cosines to the query [1, 0, 0].
  const photos = [
    [0.3, Math.sqrt(1 - 0.09), 0], // cosine 0.3
    [0.27, 0, Math.sqrt(1 - 0.27 * 0.27)], // cosine 0.27, caption says cake
    [0.05, Math.sqrt(1 - 0.0025), 0], // cosine 0.05, caption says cake, outside the image top-2
    [0.2, 0, Math.sqrt(1 - 0.04)], // cosine 0.2
  ];
  const blocks = blocksFromEmbeddings(photos);
  const captions = [captionTerms('a dog'), captionTerms('a birthday cake'), captionTerms('cakes on a sofa'), undefined];

  it('ranks by image score plus caption bonus, and finds caption matches outside the image top-k', () => {
    const hits = searchPhotos([1, 0, 0], 'cake', blocks, captions, { k: 4 });
    expect(hits.map((hit) => hit.index)).toEqual([1, 0, 3, 2]);
    expect(hits[0]).toEqual({
      index: 1,
      score: expect.closeTo(0.37, 2),
      imageScore: expect.closeTo(0.27, 2),
      captionScore: 1,
    });
    expect(hits[3]).toEqual({
      index: 2,
      score: expect.closeTo(0.15, 2),
      imageScore: expect.closeTo(0.05, 2),
      captionScore: 1,
    });
    // k = 1: the image top-1 is photo 0 (0.3), yet a heavy caption weight puts photo 2 (0.05 + 0.5) first
    const heavy = searchPhotos([1, 0, 0], 'sofa', blocks, captions, { k: 1, weights: { caption: 0.5 } });
    expect(heavy.map((hit) => hit.index)).toEqual([2]);
  });

  it('without caption words ranks by image score alone', () => {
    const hits = searchPhotos([1, 0, 0], 'something', blocks, captions, { k: 2 });
    expect(hits.map((hit) => hit.index)).toEqual([0, 1]);
    expect(hits.every((hit) => hit.captionScore === 0)).toBe(true);
  });

  it('applies minScore to the final score', () => {
    const hits = searchPhotos([1, 0, 0], 'cake', blocks, captions, { k: 4, minScore: 0.25 });
    expect(hits.map((hit) => hit.index)).toEqual([1, 0]);
  });
});

describe('names', () => {
  it('nameTerms: folder and file words, the extension left out, as captionTerms', () => {
    expect(nameTerms('Paris 2019/IMG_2041.JPG')).toEqual(new Set(['paris', '2019', 'img', '2041']));
    expect(nameTerms('holiday/beaches-at_dawn.final.png')).toEqual(new Set(['holiday', 'beach', 'dawn', 'final']));
    expect(nameTerms('.hidden')).toEqual(new Set());
  });

  it('textBonus: the caption score plus the name score at NAME_WEIGHT on the caption scale', () => {
    expect(textBonus(0.5, 0)).toBe(0.5);
    expect(combineScores(0.2, textBonus(0.5, 1))).toBeCloseTo(0.2 + CAPTION_WEIGHT * 0.5 + NAME_WEIGHT, 12);
    expect(combineScores(0.2, textBonus(0, 0.5))).toBeCloseTo(0.2 + NAME_WEIGHT * 0.5, 12);
  });
});
