/**
 * Every number that tunes how the features feel, in one place (immich's tunables.ts is the model). The lower
 * layers keep their own: src/ingest/tunables.ts (decoding), src/search/query.ts and zeroShot.ts (scoring).
 */
export const TUNABLES = {
  /** Photos embedded per model call: big enough to amortize a call, small enough to show steady progress. */
  indexBatchSize: 8,
  /** Decoded photos (and decodes in flight) kept ready for the engine, in batches: the pipeline's slack. */
  indexReadyBatches: 2,
  /** Rate and time-left estimates use the last this-many seconds. */
  rateWindowMs: 10_000,

  /** Search runs this long after the last keystroke. */
  searchDebounceMs: 120,
  /** How many results a search keeps at most: every one is reranked exactly, so this bounds the cost of a query. */
  searchLimit: 500,
  /** Photos whose name words are indexed per main-thread task (~10 ms on a 2-core machine) before yielding. */
  nameIndexSlice: 2000,
  /** Query terms whose text embeddings a search keeps, so ranking again (names, captions, filters) embeds nothing. */
  queryVectorsKept: 64,
  /** "Show weaker matches" lowers the relevance cutoff to this (below any CLIP cosine of a real match). */
  weakestMinScore: -0.2,
  /** Most threads one scan uses, the search worker included (the rest are scan helpers over the same memory). */
  maxScanThreads: 4,
  /** Below this many rows one thread scans alone: a helper's round trip (~0.1 ms) costs more than it saves. */
  parallelScanMinRows: 50_000,
  /** A filtered scan scans across gaps of up to this many left-out rows: one kernel call costs about that much. */
  maskBridgeRows: 16,
  /** "Photos taken near here": the radius of the place filter it sets, km. */
  nearPhotoKm: 1,
  /** The place map: margin around the photos' places (fraction of their spread), and the narrowest view, degrees. */
  placeMapPad: 0.1,
  placeMapMinSpanDeg: 0.02,
  /** A drag on the place map shorter than this both ways (map units, 360 across) is a click, not a box. */
  placeMapMinDrag: 3,
  /** "Area of the selected photos": degrees added around them each way (~1 km), so one photo gives an area. */
  placeSelectedPadDeg: 0.01,
  /** Most labels (or queries) the kernel scores in one pass over the rows; bigger label sets take several. */
  kernelMaxQueries: 64,
  /** Bytes of kernel output per thread and call: scores (8 B a row) or label dot products, kept in L2. */
  kernelOutputBytes: 128 * 1024,
  /** The index memory's ceiling: 2 GiB, about 4M rows of 512 dims. Reserved address space, not memory used. */
  maxIndexBytes: 2 * 1024 ** 3,
  /** Growing the index adds at least this fraction of its size, so appends one batch at a time stay linear. */
  minGrowthFraction: 0.125,
  /** Square tiles: the smallest tile edge in the gallery grid, CSS pixels (columns grow to fill the width). */
  tileSize: 168,
  /** Justified rows: the height rows aim for, CSS pixels; phones (narrower than `phoneWidth`) aim lower. */
  rowHeight: 200,
  phoneRowHeight: 120,
  phoneWidth: 600,
  /** Space between tiles and between rows, CSS pixels. */
  tileGap: 4,
  /**
   * Rows rendered beyond each edge of the gallery's view: enough for a 12,000 px/s fling (a row a frame) to find its
   * next rows ready, few enough that a scrubber jump mounts one screen of tiles, not three (the bench's timeline).
   */
  galleryOverscanRows: 3,
  /** Time per task spent making thumbnails' object URLs (each a synchronous call to the browser process). */
  thumbnailUrlsTaskMs: 8,
  /** Thumbnails' object URLs kept for tiles scrolled out of view (their photos come back without a new one). */
  thumbnailUrlsKept: 600,
  /**
   * Scrolling faster than this (px/s) is a fling or a jump: tiles that come into view show placeholders until it
   * ends, so the ones that flash by cost no thumbnail load, URL or image decode (reading speed is ~1-2,000 px/s).
   */
  flingPxPerSecond: 4000,
  /** A fling ends after this long without a scroll event (its tiles' thumbnails then load), ms. */
  flingQuietMs: 120,
  /** Height of a day's header in the timeline, CSS pixels. */
  dayHeaderHeight: 48,
  /** A destructive action (deleting a label set) can be undone for this long. */
  undoMs: 8000,
  /** Tap-and-hold this long on a tile selects it. */
  selectHoldMs: 500,

  /** The viewer: how long the slideshow shows each photo, ms. */
  slideshowIntervalMs: 4000,
  /** The most the viewer zooms the original (× its fitted size), and what a double-click or +/- step does. */
  viewerMaxZoom: 8,
  viewerDoubleClickZoom: 2.5,
  viewerZoomStep: 1.5,
  /** A swipe on the photo: at least this far sideways (CSS px), within this long (ms). */
  swipeMinDistance: 50,
  swipeMaxMs: 700,

  /** While a folder is indexed the library refreshes several times a second; labels are recomputed at most this often. */
  relabelWhileIndexingMs: 2000,
  /** Multi-label starting cutoff: CLIP ViT-B/32 puts matching text and photos at about 0.25-0.35 cosine. */
  defaultMultiLabelThreshold: 0.25,

  /** Photos sent to the model per call while evaluating. */
  evalBatchSize: 8,
  /** Neighbours that vote in the leave-one-out k-NN accuracy. */
  evalKnnK: 5,
  /** Share of each class held out for validation by the linear probe and retrieval (TTI-Eval's split). */
  evalValidationShare: 0.3,
  /** The split's seed until the user sets one: the same photos always split the same way. */
  evalSplitSeed: 42,
  /** The embedding map (UMAP): neighbours a point is joined to, and how tightly a class may pack. */
  evalMapNeighbors: 15,
  evalMapMinDist: 0.1,
  /** The most photos a map is drawn from (a seeded sample beyond): UMAP's time grows with the photos. */
  evalMapMaxPhotos: 5000,
  /** How long the morph from one model's map to the other's takes, in ms. */
  evalMapMorphMs: 1600,

  /** Longest side of the original handed to the OCR model: Florence-2's input size (its processor resizes to it). */
  ocrInputSide: 768,
  /** Ask a photo: SmolVLM cuts a picture into 512 px tiles plus a global view; 1024 px is 4 tiles (320 image tokens). */
  askInputSide: 1024,
  /** A background text-reading run tells search and other tabs after this many photos. */
  ocrAnnounceEvery: 8,
  /** A text-reading run starts with this many photos most like documents and screenshots (zero-shot), best first. */
  ocrLikelyFirst: 500,

  /** Bursts: photos of one folder taken at most this far apart (ms, from the stored dates) are one burst. */
  burstMaxGapMs: 3000,
  /**
   * Near-duplicates by vectors are copies only when the difference hashes (64 bits) of their thumbnails differ in at
   * most this many bits: a colour-only model puts different pictures of one palette as close as true copies.
   */
  duplicateHashMaxBits: 10,
  /** How long "Undo" stays offered after hiding photos (ms); showing them again is always possible after. */
  hideUndoMs: 8000,
  /** Photos a taught label lists as the ones it is least sure of (to mark as examples or counter-examples). */
  teachLeastSure: 12,
} as const;
