import { describe, expect, it } from 'vitest';
import { blockReadRow, blocksFromEmbeddings, blocksLocate, type EmbeddingBlock } from './quantize';
import { blocksCosineAt, rankBlocks, rankExactFloat } from './rank';
import { prngGaussian, prngMulberry32, syntheticClusteredEmbeddings, syntheticNear } from './synthetic';
import type { RankedItem } from './topk';

const S = Math.SQRT1_2;
// Directions that int8 stores exactly (one component is the max, the rest 0 or equal to it).
const SMALL = [
  [1, 0, 0],
  [0, 1, 0],
  [S, S, 0],
  [-1, 0, 0],
  [0, 0, 1],
];

function ranked(items: RankedItem[], digits = 6) {
  return items.map(({ index, score }) => ({ index, score: expect.closeTo(score, digits) }));
}

/** Fraction of `expected` top-k indices that `actual` also returns. */
function overlap(actual: RankedItem[], expected: RankedItem[]): number {
  const wanted = new Set(expected.map((item) => item.index));
  return actual.filter((item) => wanted.has(item.index)).length / expected.length;
}

describe('rankBlocks on a hand-checked example', () => {
  const blocks = blocksFromEmbeddings(SMALL, 2); // three blocks: 2 + 2 + 1 rows

  it('returns the best k by cosine, best first, across block boundaries', () => {
    // query [1,0,0]: cosines 1, 0, 0.7071, -1, 0; the tie between 1 and 4 goes to the lower index
    expect(rankBlocks([1, 0, 0], blocks, { k: 3 })).toEqual(
      ranked([
        { index: 0, score: 1 },
        { index: 2, score: S },
        { index: 1, score: 0 },
      ]),
    );
  });

  it('scores with cosine, so the query length does not matter', () => {
    expect(rankBlocks([0, 5, 0], blocks, { k: 1 })).toEqual(ranked([{ index: 1, score: 1 }]));
  });

  it('drops results under minScore, and k larger than N returns all', () => {
    expect(rankBlocks([1, 0, 0], blocks, { k: 5, minScore: 0.5 }).map((item) => item.index)).toEqual([0, 2]);
    expect(rankBlocks([1, 0, 0], blocks, { k: 99 }).map((item) => item.index)).toEqual([0, 2, 1, 4, 3]);
    expect(rankBlocks([1, 0, 0], blocks, { k: Infinity })).toHaveLength(5);
  });

  it('returns nothing for k = 0, a zero query or no blocks, and rejects bad input', () => {
    expect(rankBlocks([1, 0, 0], blocks, { k: 0 })).toEqual([]);
    expect(rankBlocks([0, 0, 0], blocks, { k: 3 })).toEqual([]);
    expect(rankBlocks([1, 0, 0], [], { k: 3 })).toEqual([]);
    expect(() => rankBlocks([1, 0], blocks, { k: 1 })).toThrow(RangeError);
    expect(() => rankBlocks([1, 0, 0], blocks, { k: -1 })).toThrow(RangeError);
  });

  it('agrees with rankExactFloat, the plain reference', () => {
    expect(rankExactFloat([1, 0, 0], SMALL, { k: 3 })).toEqual(rankBlocks([1, 0, 0], blocks, { k: 3 }));
    expect(rankExactFloat([1, 0, 0], SMALL, { k: 5, minScore: 0.5 })).toHaveLength(2);
  });

  it('blocksCosineAt scores chosen rows on the same scale', () => {
    expect(Array.from(blocksCosineAt([1, 0, 0], blocks, [3, 2]))).toEqual([-1, expect.closeTo(S, 6)]);
    expect(() => blocksCosineAt([1, 0, 0], blocks, [5])).toThrow(RangeError);
  });
});

describe('rankBlocks on 20,000 x 512 clustered embeddings (50 clusters, seeded)', () => {
  const { embeddings, centers } = syntheticClusteredEmbeddings({
    seed: 7,
    count: 20_000,
    dims: 512,
    clusters: 50,
    spread: 1, // a member's cosine to its center is about 0.71, to another member about 0.5
  });
  const blocks = blocksFromEmbeddings(embeddings);
  const gaussian = prngGaussian(prngMulberry32(11));
  // Photo-like queries (near a cluster) and text-like ones (cosine about 0.3 to their cluster, as CLIP text is).
  const queries = [
    ...centers.map((center) => syntheticNear(gaussian, center, 1)),
    ...centers.map((center) => syntheticNear(gaussian, center, 3)),
  ];
  const k = 50;
  const exact = queries.map((query) => rankExactFloat(query, embeddings, { k }));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it('loses nothing in candidate selection: equals an exact ranking of the stored (dequantized) rows', () => {
    const dequantized = embeddings.map((_, index) => readRow(blocks, index));
    queries.slice(0, 20).forEach((query) => {
      expect(rankBlocks(query, blocks, { k }).map((item) => item.index)).toEqual(
        rankExactFloat(query, dequantized, { k }).map((item) => item.index),
      );
    });
  });

  it('loses nothing in candidate selection at the 500 results a search keeps (k + RERANK_MARGIN candidates)', () => {
    const dequantized = embeddings.map((_, index) => readRow(blocks, index));
    queries.slice(45, 55).forEach((query) => {
      expect(rankBlocks(query, blocks, { k: 500 }).map((item) => item.index)).toEqual(
        rankExactFloat(query, dequantized, { k: 500 }).map((item) => item.index),
      );
    });
  });

  it('agrees with exact float32 ranking on >= 99% of the top 50 (only int8 storage rounding differs)', () => {
    const agreement = mean(queries.map((query, q) => overlap(rankBlocks(query, blocks, { k }), exact[q]!)));
    console.info(`top-${k} agreement with float32, dequantized rerank: ${agreement.toFixed(4)}`);
    expect(agreement).toBeGreaterThanOrEqual(0.99);
  });

  it('misses only near-ties: every float32 top-50 item it drops is within 0.002 of the 50th score', () => {
    queries.forEach((query, q) => {
      const found = new Set(rankBlocks(query, blocks, { k }).map((item) => item.index));
      const cutoff = exact[q]![k - 1]!.score;
      for (const item of exact[q]!) if (!found.has(item.index)) expect(item.score - cutoff).toBeLessThan(0.002);
    });
  });

  it('agrees on 100% of the top 50 when candidates are reranked against float rows', () => {
    const exactRow = (index: number) => embeddings[index]!;
    const agreement = mean(queries.map((query, q) => overlap(rankBlocks(query, blocks, { k, exactRow }), exact[q]!)));
    console.info(`top-${k} agreement with float32, float rerank: ${agreement.toFixed(4)}`);
    expect(agreement).toBe(1);
  });
});

function readRow(blocks: readonly EmbeddingBlock[], index: number): Float32Array {
  const { block, row } = blocksLocate(blocks, index);
  return blockReadRow(block, row);
}
