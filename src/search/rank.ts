/**
 * Ranking photos by cosine similarity to a query embedding.
 * `rankBlocks` scans int8 blocks with integer dot products, keeps the best few hundred in a bounded heap, then
 * reranks those exactly in float against the dequantized rows. `rankExactFloat` is the plain reference:
 * a float cosine per item and a full sort, used by tests and benchmarks.
 */

import { dotFloatInt8, dotInt8, quantizeVector, sumSquaresInt8 } from './kernels';
import { blocksRowCount, type EmbeddingBlock } from './quantize';
import { compareRanked, topKCreate, topKPush, topKSorted, topKThreshold, type RankedItem } from './topk';
import { vectorCosine, vectorNorm } from './vector';
import { SEARCH_TUNABLES } from './tunables';

export type { RankedItem } from './topk';

/** Candidates reranked exactly per requested result: the int8 pass only has to get the true top-k into 4k. */
export const RERANK_FACTOR = SEARCH_TUNABLES.rerankFactor;
/** Floor on reranked candidates, so small k still gets a generous safety margin against int8 rounding. */
export const RERANK_MIN = SEARCH_TUNABLES.rerankMin;
/**
 * Candidates past k for a large k: int8 rounding moves a cosine by a few thousandths, while the scores of a
 * library's 500th and 1000th best photos lie further apart than that, so 4k is more than selection needs there (and
 * reranking 2,000 candidates for the 500 results a search keeps cost as much as the scan of 100k rows).
 */
export const RERANK_MARGIN = SEARCH_TUNABLES.rerankMargin;

/** What to return: the best `k` items, optionally only those with cosine >= `minScore`. */
export interface RankOptions {
  k: number;
  minScore?: number;
  /** Candidates to rerank exactly; default max(RERANK_MIN, min(RERANK_FACTOR * k, k + RERANK_MARGIN)). */
  rerankCount?: number;
  /**
   * The float vector of a candidate, if the caller keeps one (e.g. float16 rows on disk). Reranking against it
   * removes int8 storage rounding from the final order; without it candidates are reranked on dequantized rows.
   */
  exactRow?: (index: number) => ArrayLike<number>;
}

/**
 * The best `k` stored rows for `query`, best first, scored by cosine (in [-1, 1]) between the float query and the
 * dequantized row. Global indices run through the blocks in order. Ties go to the lower index.
 * Cost: one int8 dot product per row, O(N log R) heap work, and R float dot products; nothing allocated per row.
 */
export function rankBlocks(
  query: ArrayLike<number>,
  blocks: readonly EmbeddingBlock[],
  options: RankOptions,
): RankedItem[] {
  const dims = query.length;
  const rerankCount = rankCandidateCount(query, options, blocksRowCount(blocks));
  if (rerankCount === 0) return [];

  // Pass 1: approximate scores. The query's own scale is the same for every row, so it is left out.
  const { codes: queryCodes } = quantizeVector(query);
  const heap = topKCreate(rerankCount);
  const blockStarts: number[] = [];
  let base = 0;
  for (const block of blocks) {
    if (block.dims !== dims) throw new RangeError(`rankBlocks: block has ${block.dims} dims, query has ${dims}`);
    blockStarts.push(base);
    const { codes, scales, count } = block;
    let threshold = topKThreshold(heap);
    for (let row = 0, offset = 0; row < count; row++, offset += dims) {
      const score = dotInt8(queryCodes, 0, codes, offset, dims) * scales[row]!;
      if (score > threshold) {
        topKPush(heap, base + row, score);
        threshold = topKThreshold(heap);
      }
    }
    base += count;
  }

  const queryNorm = vectorNorm(query);
  return rankRerank(query, topKSorted(heap), options, (indices) =>
    Float64Array.from(indices, (index) => {
      const blockIndex = findBlock(blockStarts, index);
      const offset = (index - blockStarts[blockIndex]!) * dims;
      return rowCosine(query, queryNorm, blocks[blockIndex]!.codes, offset, dims);
    }),
  );
}

/**
 * How many candidates pass 1 keeps for `rows` stored rows: max(k, rerankCount ?? max(200, min(4k, k + 500))), at most `rows`;
 * 0 when there is nothing to rank (k = 0, a zero query, no rows). Checks k.
 */
export function rankCandidateCount(query: ArrayLike<number>, options: RankOptions, rows: number): number {
  const k = checkedK(options.k);
  if (k === 0 || vectorNorm(query) === 0) return 0;
  const wanted = Math.max(
    k,
    options.rerankCount ?? Math.max(RERANK_MIN, Math.min(RERANK_FACTOR * k, k + RERANK_MARGIN)),
  );
  return Math.min(wanted, rows);
}

/**
 * Pass 2 of a ranking: the exact cosine of each candidate, against `exactRow` if given, else its dequantized row
 * (`cosinesOf`: the cosines of the rows at these indices, as `rowCosine` computes them; the scale cancels in the
 * cosine); minScore; the best k. Any scan that picks candidates the way pass 1 does (see `rankBlocks`) gets
 * `rankBlocks`' results through this.
 */
export function rankRerank(
  query: ArrayLike<number>,
  candidates: readonly RankedItem[],
  options: RankOptions,
  cosinesOf: (indices: Int32Array) => ArrayLike<number>,
): RankedItem[] {
  const minScore = options.minScore ?? -Infinity;
  const indices = Int32Array.from(candidates, (c) => c.index);
  const exactRow = options.exactRow;
  const scores = exactRow ? Float64Array.from(indices, (i) => vectorCosine(query, exactRow(i))) : cosinesOf(indices);
  const results: RankedItem[] = [];
  for (let i = 0; i < indices.length; i++) {
    if (scores[i]! >= minScore) results.push({ index: indices[i]!, score: scores[i]! });
  }
  return results.sort(compareRanked).slice(0, checkedK(options.k));
}

/**
 * The plain way, for reference: cosine of the query with every float embedding, a full sort, the first `k`.
 * Same ordering rules as `rankBlocks` (score descending, ties to the lower index).
 */
export function rankExactFloat(
  query: ArrayLike<number>,
  embeddings: readonly ArrayLike<number>[],
  options: Pick<RankOptions, 'k' | 'minScore'>,
): RankedItem[] {
  const k = checkedK(options.k);
  const minScore = options.minScore ?? -Infinity;
  const scored = embeddings.map((embedding, index) => ({ index, score: vectorCosine(query, embedding) }));
  return scored
    .filter((item) => item.score >= minScore)
    .sort(compareRanked)
    .slice(0, k);
}

/**
 * Exact cosines (against dequantized rows) of `query` with the rows at the given global indices, in order.
 * Lets callers score a few chosen photos, e.g. ones found by caption, on the same scale as `rankBlocks`.
 */
export function blocksCosineAt(
  query: ArrayLike<number>,
  blocks: readonly EmbeddingBlock[],
  indices: readonly number[],
): Float64Array {
  const out = new Float64Array(indices.length);
  const queryNorm = vectorNorm(query);
  const blockStarts: number[] = [];
  let base = 0;
  for (const block of blocks) {
    blockStarts.push(base);
    base += block.count;
  }
  indices.forEach((index, i) => {
    if (!Number.isInteger(index) || index < 0 || index >= base) throw new RangeError(`blocksCosineAt: no row ${index}`);
    const blockIndex = findBlock(blockStarts, index);
    const block = blocks[blockIndex]!;
    out[i] = rowCosine(query, queryNorm, block.codes, (index - blockStarts[blockIndex]!) * block.dims, block.dims);
  });
  return out;
}

/** The cosine of a float query (of length `queryNorm`) with the int8 row at `offset`; 0 when either is zero. */
export function rowCosine(
  query: ArrayLike<number>,
  queryNorm: number,
  codes: Int8Array,
  offset: number,
  dims: number,
): number {
  const denominator = queryNorm * Math.sqrt(sumSquaresInt8(codes, offset, dims));
  return denominator === 0 ? 0 : dotFloatInt8(query, codes, offset, dims) / denominator;
}

/** The last block whose start is <= index (binary search over ascending starts). */
function findBlock(blockStarts: readonly number[], index: number): number {
  let lo = 0;
  let hi = blockStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (blockStarts[mid]! <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function checkedK(k: number): number {
  if (!(k >= 0) || (!Number.isInteger(k) && k !== Infinity)) throw new RangeError(`rank: bad k ${k}`);
  return k;
}
