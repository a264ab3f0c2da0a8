/** Every number that tunes the app's feel, in one place (immich's tunables.ts is the model). */
export const TUNABLES = {
  /** Photos embedded per model call: big enough to amortize a call, small enough to show steady progress. */
  indexBatchSize: 8,
  /** Search runs this long after the last keystroke. */
  searchDebounceMs: 120,
  /** How many results a search keeps at most. */
  searchLimit: 2000,
  /** Tile edge in the gallery grid, CSS pixels. */
  tileSize: 168,
  /** Rate and time-left estimates use the last this-many seconds. */
  rateWindowMs: 10_000,
} as const;
