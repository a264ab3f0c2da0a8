/**
 * Search that combines how a photo looks (CLIP cosine with the query text's embedding) with what its caption says.
 *
 * The rule: final = imageScore + CAPTION_WEIGHT * captionScore, with CAPTION_WEIGHT = 0.1.
 * CLIP text-image cosines live in a narrow band (ViT-B/32: about 0.15 for unrelated, 0.25-0.35 for good matches),
 * so a full caption match (+0.1) lifts a photo over others that look about as relevant ("birthday cake" rises for
 * "cake") but cannot lift an unrelated photo over a clearly better visual match. Captions only ever add.
 *
 * Names count too: the words of a photo's folders and file name ("Paris 2019/IMG_2041.jpg": paris, 2019, img, 2041)
 * are matched like a caption, with NAME_WEIGHT. Both reach the ranker as one bonus on the caption scale,
 * `textBonus` = captionScore + (NAME_WEIGHT / CAPTION_WEIGHT) * nameScore, so final = imageScore +
 * CAPTION_WEIGHT * captionScore + NAME_WEIGHT * nameScore.
 */

import { blocksCosineAt, rankBlocks } from './rank';
import type { EmbeddingBlock } from './quantize';
import { compareRanked, type RankedItem } from './topk';
import { textTokenize, tokenStemPlural } from './tokenize';
import { SEARCH_TUNABLES } from './tunables';

/** Weight of a full caption match, on CLIP's cosine scale (see the file comment). */
export const CAPTION_WEIGHT = SEARCH_TUNABLES.captionWeight;
/**
 * Weight of a full name match. As much as a caption's: a name is a caption someone chose ("Paris 2019"), and a
 * number in it ("2041") is what people type to find one file; like captions it cannot lift an unrelated photo over a
 * clearly better visual match.
 */
export const NAME_WEIGHT = SEARCH_TUNABLES.nameWeight;
/** Words that say nothing about a photo's content, ignored on both sides when matching captions. */
export const CAPTION_STOP_WORDS: ReadonlySet<string> = new Set(
  'a an the of on in at by with and or to for from is are was this that these there it its some image photo picture shows'.split(
    ' ',
  ),
);

/** How much each signal counts in `combineScores`. */
export interface ScoreWeights {
  caption: number;
}
export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = { caption: CAPTION_WEIGHT };

/** The content words of a caption or query: tokenized, plural-stemmed, stop words dropped, as a set. */
export function captionTerms(text: string): Set<string> {
  const terms = new Set<string>();
  for (const token of textTokenize(text)) if (!CAPTION_STOP_WORDS.has(token)) terms.add(tokenStemPlural(token));
  return terms;
}

/** The words of a photo's relative path, folders included and the file's extension left out, as `captionTerms`. */
export function nameTerms(path: string): Set<string> {
  return captionTerms(path.replace(/\.[^./]*$/u, ''));
}

/** One photo's bonus on the caption scale (the ranker multiplies it by CAPTION_WEIGHT); see the file comment. */
export function textBonus(captionScore: number, nameScore: number): number {
  return nameScore === 0 ? captionScore : captionScore + (NAME_WEIGHT / CAPTION_WEIGHT) * nameScore;
}

/**
 * The fraction of the query's content words that the caption contains, in [0, 1]:
 * "birthday cakes" vs "a cake on the table" is 1/2. 0 when the query has no content words.
 */
export function captionMatchScore(query: string, caption: string): number {
  return captionTermsMatchScore(captionTerms(query), captionTerms(caption));
}

/** `captionMatchScore` on precomputed `captionTerms`, for scoring many captions per keystroke. */
export function captionTermsMatchScore(queryTerms: ReadonlySet<string>, captionTermSet: ReadonlySet<string>): number {
  if (queryTerms.size === 0) return 0;
  let found = 0;
  for (const term of queryTerms) if (captionTermSet.has(term)) found++;
  return found / queryTerms.size;
}

/** final = imageScore + weights.caption * captionScore (the rule and its reasons are in the file comment). */
export function combineScores(
  imageScore: number,
  captionScore: number,
  weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS,
): number {
  return imageScore + weights.caption * captionScore;
}

/** One search result: the photo's global index, its final score, and the two parts. */
export interface SearchHit {
  index: number;
  score: number;
  imageScore: number;
  captionScore: number;
}

/**
 * The best `k` photos for a query by `combineScores`. `captions[i]` holds photo i's `captionTerms` (or undefined).
 * Exact, not a heuristic: a photo outside the image top-k with no caption match cannot beat the k photos that are in
 * it, so the image top-k plus every caption match holds the combined top-k.
 */
export function searchPhotos(
  queryEmbedding: ArrayLike<number>,
  queryText: string,
  blocks: readonly EmbeddingBlock[],
  captions: readonly (ReadonlySet<string> | undefined)[],
  options: { k: number; minScore?: number; weights?: ScoreWeights },
): SearchHit[] {
  const captionScores = captionMatchScores(queryText, captions);
  const imageTop = rankBlocks(queryEmbedding, blocks, { k: options.k });
  return searchCombine(imageTop, captionScores, (indices) => blocksCosineAt(queryEmbedding, blocks, indices), options);
}

/** `captionMatchScore` of each photo's `captionTerms` (undefined: no caption), only those above 0, by index. */
export function captionMatchScores(
  queryText: string,
  captions: readonly (ReadonlySet<string> | undefined)[],
): Map<number, number> {
  const queryTerms = captionTerms(queryText);
  const scores = new Map<number, number>();
  captions.forEach((terms, index) => {
    const score = terms === undefined ? 0 : captionTermsMatchScore(queryTerms, terms);
    if (score > 0) scores.set(index, score);
  });
  return scores;
}

/**
 * The combining half of `searchPhotos`, for any index that ranks the same way: `imageTop` is the image-only top k
 * (no minScore), `captionScores` the photos (by index) whose caption matches (score > 0), `cosineAt` the image
 * scores of chosen photos on the same scale as `imageTop`. Returns the best k by `combineScores`.
 */
export function searchCombine(
  imageTop: readonly RankedItem[],
  captionScores: ReadonlyMap<number, number>,
  cosineAt: (indices: number[]) => ArrayLike<number>,
  options: { k: number; minScore?: number; weights?: ScoreWeights },
): SearchHit[] {
  const imageScores = new Map<number, number>();
  for (const { index, score } of imageTop) imageScores.set(index, score);
  const captionOnly = [...captionScores.keys()].filter((index) => !imageScores.has(index));
  const captionOnlyScores = cosineAt(captionOnly);
  captionOnly.forEach((index, i) => imageScores.set(index, captionOnlyScores[i]!));

  const hits: SearchHit[] = [];
  for (const [index, imageScore] of imageScores) {
    const captionScore = captionScores.get(index) ?? 0;
    const score = combineScores(imageScore, captionScore, options.weights);
    if (score >= (options.minScore ?? -Infinity)) hits.push({ index, score, imageScore, captionScore });
  }
  return hits.sort(compareRanked).slice(0, options.k);
}
