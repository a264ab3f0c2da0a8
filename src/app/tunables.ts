/** Every number that tunes the app's feel, in one place (immich's tunables.ts is the model). */
export const TUNABLES = {
  /** Photos embedded per model call: big enough to amortize a call, small enough to show steady progress. */
  indexBatchSize: 8,
  /** Search runs this long after the last keystroke. */
  searchDebounceMs: 120,
  /** How many results a search keeps at most: every one is reranked exactly, so this bounds the cost of a query. */
  searchLimit: 500,
  /** Tile edge in the gallery grid, CSS pixels. */
  tileSize: 168,
  /** The grid re-reads the library at most this often while an import commits batches. */
  refreshWhileIndexingMs: 1500,
  /** Rate and time-left estimates use the last this-many seconds. */
  rateWindowMs: 10_000,
} as const;
