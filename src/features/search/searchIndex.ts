import type { EmbeddingBlock } from '../../library/schema';
import { blocksLocate, blockReadRow } from '../../search/quantize';
import { rankBlocks } from '../../search/rank';
import type { Match } from './searchSlice';

/** The current model's vectors in memory, as stored (int8 blocks), with the photo id of every row. */
export interface SearchIndex {
  readonly blocks: readonly EmbeddingBlock[];
  readonly ids: readonly string[];
  readonly rowOf: ReadonlyMap<string, number>;
}

export const emptyIndex: SearchIndex = { blocks: [], ids: [], rowOf: new Map() };

export function buildSearchIndex(blocks: readonly EmbeddingBlock[]): SearchIndex {
  const ids = blocks.flatMap((b) => b.ids.slice(0, b.count));
  return { blocks, ids, rowOf: new Map(ids.map((id, row) => [id, row])) };
}

/** Ranks every stored photo against a query vector, best first. */
export function rankIndex(index: SearchIndex, query: ArrayLike<number>, k: number, minScore?: number): Match[] {
  if (index.ids.length === 0) return [];
  return rankBlocks(query, index.blocks, { k, minScore }).map(({ index: row, score }) => ({
    id: index.ids[row]!,
    score,
  }));
}

/** A stored photo's own vector (dequantized), for "more like this". */
export function vectorOf(index: SearchIndex, id: string): Float32Array | null {
  const row = index.rowOf.get(id);
  if (row === undefined) return null;
  const { block, row: local } = blocksLocate(index.blocks, row);
  return blockReadRow(block, local);
}
