/**
 * The main-thread plain-JS scan the app used before the search worker: the bench's baseline, side by side with the
 * worker in the same run.
 */
import type { EmbeddingBlock } from '../../../src/library/schema';
import { rankBlocks } from '../../../src/search/rank';

interface Match {
  readonly id: string;
  readonly score: number;
}

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
