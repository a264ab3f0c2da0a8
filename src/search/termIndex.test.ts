import { describe, expect, it } from 'vitest';
import { captionTermsMatchScore } from './query';
import { prngMulberry32 } from './synthetic';
import { termIndexCreate, termIndexDelete, termIndexFrom, termIndexMatchScores, termIndexSet } from './termIndex';

const WORDS = ['dog', 'beach', 'red', 'car', 'img', '2041', 'paris', 'snow', 'cake', 'city'];

/** n photos, each with 0-4 random words. */
function randomTerms(n: number, seed: number): Map<string, Set<string>> {
  const random = prngMulberry32(seed);
  const pick = () => WORDS[Math.floor(random() * WORDS.length)]!;
  return new Map(
    Array.from({ length: n }, (_, i) => [`p${i}`, new Set(Array.from({ length: Math.floor(random() * 5) }, pick))]),
  );
}

/** The obvious twin: every photo scored by its own set, zeros left out. */
function scanScores(termsById: ReadonlyMap<string, ReadonlySet<string>>, query: ReadonlySet<string>) {
  const out = new Map<string, number>();
  for (const [id, terms] of termsById) {
    const score = captionTermsMatchScore(query, terms);
    if (score > 0) out.set(id, score);
  }
  return out;
}

describe('termIndex', () => {
  it('scores exactly as scanning every photo with captionTermsMatchScore', () => {
    const termsById = randomTerms(2000, 7);
    const index = termIndexFrom(termsById);
    for (const query of [['dog'], ['dog', 'beach'], ['red', 'car', 'nowhere'], ['nowhere'], []]) {
      const q = new Set(query);
      const got = termIndexMatchScores(index, q);
      expect(new Map([...got].sort())).toEqual(new Map([...scanScores(termsById, q)].sort()));
    }
  });

  it('replaces a photo’s terms and forgets a deleted photo', () => {
    const index = termIndexCreate();
    termIndexSet(index, 'a', 'holiday/img_1.jpg', new Set(['holiday', 'img', '1']));
    termIndexSet(index, 'b', 'paris/img_2.jpg', new Set(['paris', 'img', '2']));
    termIndexSet(index, 'a', 'snow/x.jpg', new Set(['snow', 'x']));
    expect(termIndexMatchScores(index, new Set(['holiday']))).toEqual(new Map());
    expect(termIndexMatchScores(index, new Set(['snow', 'img']))).toEqual(
      new Map([
        ['a', 0.5],
        ['b', 0.5],
      ]),
    );
    expect(index.entries.get('a')?.key).toBe('snow/x.jpg');
    termIndexDelete(index, 'b');
    termIndexDelete(index, 'missing');
    expect(termIndexMatchScores(index, new Set(['img']))).toEqual(new Map());
    expect([...index.postings.keys()].sort()).toEqual(['snow', 'x']);
  });
});
