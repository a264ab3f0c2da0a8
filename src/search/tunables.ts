/**
 * Every number that tunes the search layer's math, in one place; the modules export them under their own names
 * (CAPTION_WEIGHT in query.ts, ...), and the reasons are written at those names.
 */
export const SEARCH_TUNABLES = {
  /** Weight of a full caption match, on CLIP's cosine scale (query.ts). */
  captionWeight: 0.1,
  /** Weight of a full file/folder-name match, same scale (query.ts). */
  nameWeight: 0.1,
  /** Candidates reranked exactly per requested result (rank.ts). */
  rerankFactor: 4,
  /** Floor on reranked candidates (rank.ts). */
  rerankMin: 200,
  /** Most candidates reranked past k, for large k (rank.ts). */
  rerankMargin: 500,
  /** TTI-Eval's default number of neighbours for image-to-image retrieval (retrieval.ts). */
  retrievalK: 100,
  /** Below this winning probability a single-label photo is "none of these" (zeroShot.ts). */
  minLabelConfidence: 0.5,
  /** Nodes METEOR's exact alignment search visits before it keeps its best so far (captionMetrics/meteor.ts). */
  meteorMaxAlignmentNodes: 200_000,
  /** Bounds on what the query parser reads from a search box (queryLanguage.ts). */
  queryMaxChars: 1000,
  queryMaxTerms: 16,
  queryMaxWeight: 100,
  queryMaxErrors: 8,
  /** Rocchio's weights (rocchio.ts): the query, the mean of "more like these", the mean of "fewer like these". */
  rocchioAlpha: 1,
  rocchioBeta: 0.75,
  rocchioGamma: 0.25,
  /** Near-duplicates: cosine distance at or under which two photos are one (Immich's 0.01) (duplicates.ts). */
  duplicateMaxDistance: 0.01,
  /** LSH candidates for them: hyperplanes, tables, bits a table (8 x 16 disjoint of 128 planes) (duplicates.ts). */
  duplicateLshPlanes: 128,
  duplicateLshTables: 8,
  duplicateLshBits: 16,
  /** Rows verified between two progress reports (duplicates.ts). */
  duplicateProgressRows: 2048,
  /** Teach by example (teach.ts): the probe's L2 strength (scikit-learn's C) on the few photos it learns from. */
  teachC: 1,
  /** Other photos sampled as negatives: this many per example, at least teachMinNegatives (all, in a small library). */
  teachNegativesPerExample: 10,
  teachMinNegatives: 50,
  /** The seed of that sample: the same examples always train the same probe. */
  teachSeed: 15,
  /** Folds of the cross-validation over the training photos (fewer when a side has fewer photos). */
  teachFolds: 5,
  /** Combined logit = probeWeight * probe logit + textWeight * 100 * (cosine - threshold) of the label's prompts. */
  teachProbeWeight: 1,
  teachTextWeight: 0.2,
} as const;
