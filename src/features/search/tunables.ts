/** Every number that tunes the search worker, in one place (immich's tunables.ts is the model). */
export const SEARCH_TUNABLES = {
  /** Most threads one scan uses, this worker included (the rest are scan helpers over the same memory). */
  maxScanThreads: 4,
  /** Below this many rows one thread scans alone: a helper's round trip (~0.1 ms) costs more than it saves. */
  parallelScanMinRows: 50_000,
  /** Most labels (or queries) the kernel scores in one pass over the rows; bigger label sets take several. */
  kernelMaxQueries: 64,
  /** Bytes of kernel output per thread and call: scores (8 B a row) or label dot products, kept in L2. */
  kernelOutputBytes: 128 * 1024,
  /** The index memory's ceiling: 2 GiB, about 4M rows of 512 dims. Reserved address space, not memory used. */
  maxIndexBytes: 2 * 1024 ** 3,
  /** Growing the index adds at least this fraction of its size, so appends one batch at a time stay linear. */
  minGrowthFraction: 0.125,
} as const;
