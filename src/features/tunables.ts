/**
 * Every number that tunes how the features feel, in one place (immich's tunables.ts is the model). The lower
 * layers keep their own: src/ingest/tunables.ts (decoding), src/search/query.ts and zeroShot.ts (scoring).
 */
export const TUNABLES = {
  /** Photos embedded per model call: big enough to amortize a call, small enough to show steady progress. */
  indexBatchSize: 8,
  /** Rate and time-left estimates use the last this-many seconds. */
  rateWindowMs: 10_000,
  /** The grid re-reads the library at most this often while an import commits batches. */
  refreshWhileIndexingMs: 1500,

  /** Search runs this long after the last keystroke. */
  searchDebounceMs: 120,
  /** How many results a search keeps at most: every one is reranked exactly, so this bounds the cost of a query. */
  searchLimit: 500,
  /** "Show weaker matches" lowers the relevance cutoff to this (below any CLIP cosine of a real match). */
  weakestMinScore: -0.2,
  /** Tile edge in the gallery grid, CSS pixels. */
  tileSize: 168,

  /** While a folder is indexed the library refreshes several times a second; labels are recomputed at most this often. */
  relabelWhileIndexingMs: 2000,
  /** Multi-label starting cutoff: CLIP ViT-B/32 puts matching text and photos at about 0.25-0.35 cosine. */
  defaultMultiLabelThreshold: 0.25,

  /** Photos sent to the model per call while evaluating. */
  evalBatchSize: 8,
  /** Neighbours that vote in the leave-one-out k-NN accuracy. */
  evalKnnK: 5,
} as const;
