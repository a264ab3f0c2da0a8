/**
 * The search worker's logic: it owns the index (rows in one memory, rowStore.ts) and answers rankings and zero-shot
 * labels with the kernel, splitting big scans across scan helpers. Runs unchanged in Node under Vitest; worker.ts
 * only exposes it. Results equal src/search's (`rankBlocks`, `searchPhotos`, `labelAll`) on the same rows.
 */

import { filtersEmpty, filtersFormat, type PhotoFacets, type PhotoFilters } from '../../../search/filters';
import {
  DEFAULT_LSH,
  duplicateGroupsLsh,
  lshKeys,
  lshPlanes,
  lshWords,
  type GroupProgress,
  type LshOptions,
} from '../../../search/duplicates';
import { kernelCreate, layoutDotsRows, type ScanKernel } from '../../../search/kernel/kernel';
export type { TeachRequest, TeachResult } from '../../../search/teach';
import { quantizeVector } from '../../../search/kernels';
import { probeLabelRows } from '../../../search/linearProbe';
import { searchCombine, type ScoreWeights } from '../../../search/query';
import { rankCandidateCount, rankRerank, type RankOptions } from '../../../search/rank';
import {
  teachCombine,
  teachCrossValidate,
  teachLeastSure,
  teachNegativeSampleSize,
  teachSampleNegatives,
  teachTextTerm,
  teachTrain,
  type TeachRequest,
  type TeachResult,
} from '../../../search/teach';
import { topKPush, topKSorted, type RankedItem } from '../../../search/topk';
import { vectorNorm } from '../../../search/vector';
import { labelDecide, labelQuantize, type LabelAllOptions, type LabelAllResult } from '../../../search/zeroShot';
import { TUNABLES } from '../../tunables';
import { storeAppend, storeByteLength, storeCreate, storeRemove, storeVector, type RowStore } from './rowStore';
import { facetsCompact, facetsCreate, facetsMask, facetsPlace, facetsSet, type FacetTable } from './facets';
import { labelRangeCosines, rangesSplit, rangesSplitMasked, scanRangeCandidates, type ScannerPort } from './scanRange';

export interface SearchCoreOptions {
  /** Threads a big scan may use, this one included; 1 scans alone. */
  threads: number;
  /** Starts a scan helper (scan.worker.ts); null: no helpers. */
  spawnScanner: (() => ScannerPort) | null;
  /** Keep rows in shared memory (needs cross-origin isolation); helpers need it. */
  shared: boolean;
}

export interface SearchRankOptions {
  k: number;
  minScore?: number;
  /** Caption-word scores (src/search/query.ts) by photo id; final score = image + weight * caption, as searchPhotos. */
  bonus?: { ids: readonly string[]; values: ArrayLike<number> };
  weights?: ScoreWeights;
  /** Only photos passing these filters are ranked (the scan skips the others before ranking). */
  filters?: PhotoFilters;
}

/** Best first. `captionScores` are the bonus each result got (0 without one). */
export interface SearchRankResult {
  ids: string[];
  scores: Float64Array;
  captionScores: Float64Array;
}

export interface SearchResetOptions {
  /** 'js' forces the plain-JS kernel (browsers without WASM SIMD get it anyway); default 'simd'. */
  kernel?: ScanKernel['kind'];
  /** At most this many threads for this index (default: all the worker was given). */
  maxThreads?: number;
}

export interface DuplicatesOptions {
  /** Cosine distance at or under which two photos group (default DUPLICATE_MAX_DISTANCE, 0.01). */
  maxDistance?: number;
  lsh?: LshOptions;
  /** Group hidden photos too (default: they are left out, as from rankings). */
  includeHidden?: boolean;
}

/** Near-duplicate groups by photo id (each of two or more, in index order); null when cancelled. */
export interface DuplicatesResult {
  groups: string[][];
  candidates: number;
  pairs: number;
  ms: number;
}

export interface SearchStats {
  modelId: string | null;
  dims: number;
  count: number;
  kernel: ScanKernel['kind'] | null;
  shared: boolean;
  /** Threads the next scan of this index uses. */
  threads: number;
  /** Bytes of the index memory (rows, padding, kernel slots, room to grow). */
  bytes: number;
}

interface Index {
  store: RowStore;
  kernel: ScanKernel;
  threads: number;
  facets: FacetTable;
  /** Bumped by every change of rows or facets: a cached mask is for one version. */
  version: number;
  mask: { key: string; version: number; bits: Uint8Array; selected: number } | null;
}

/** The rows a filter lets through: 1 a row in `bits`, `selected` of them. */
interface Mask {
  bits: Uint8Array;
  selected: number;
}

/** The search worker's api; every call runs after the previous one finished (scans never see a half append). */
export function createSearchCore(options: SearchCoreOptions) {
  let index: Index | null = null;
  const helpers: ScannerPort[] = [];
  let helpersFor: { store: RowStore; ready: Promise<unknown> } | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  /** Photos rankings skip (hidden from the gallery); kept by id, so appends and removals keep it right. */
  let hidden = new Set<string>();
  const serial = <T>(fn: () => T | Promise<T>): Promise<T> => {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const ready = (): Index => {
    if (!index) throw new Error('search index used before reset()');
    return index;
  };

  /** The helpers this scan uses: none for small scans, else threads - 1, given the current memory first. */
  async function scanHelpers({ store, kernel, threads }: Index, rows = store.count): Promise<ScannerPort[]> {
    if (threads <= 1 || !options.spawnScanner || rows < TUNABLES.parallelScanMinRows) return [];
    while (helpers.length < threads - 1) helpers.push(options.spawnScanner());
    if (helpersFor?.store !== store) {
      const init = helpers.map((h) => h.init(store.memory, store.layout, kernel.kind));
      helpersFor = { store, ready: Promise.all(init) };
    }
    await helpersFor.ready;
    return helpers.slice(0, threads - 1);
  }

  /** `rankBlocks` over the index: candidates from every range, merged, reranked exactly. */
  async function imageRank(
    current: Index,
    query: ArrayLike<number>,
    rank: RankOptions,
    mask: Mask | null,
  ): Promise<RankedItem[]> {
    const { store, kernel } = current;
    const capacity = rankCandidateCount(query, rank, mask ? mask.selected : store.count);
    if (capacity === 0) return [];
    const queryNorm = vectorNorm(query);
    const cosinesOf = (rows: Int32Array) => kernel.cosines(0, query, queryNorm, rows);
    if (mask && mask.selected <= capacity) {
      // The approximate pass would keep every passing row: only the exact one runs.
      const rows: RankedItem[] = [];
      for (let row = 0; row < store.count; row++) if (mask.bits[row] === 1) rows.push({ index: row, score: 0 });
      return rankRerank(query, rows, rank, cosinesOf);
    }
    const queryCodes = quantizeVector(query).codes;
    const ports = await scanHelpers(current, mask ? mask.selected : store.count);
    const parts = ports.length + 1;
    const ranges = mask ? rangesSplitMasked(mask.bits, 0, store.count, parts) : rangesSplit(0, store.count, parts);
    const [own, ...others] = ranges;
    const pending = others.map(([start, end], i) =>
      ports[i]!.scan({ slot: i + 1, queryCodes, start, end, capacity, mask: mask?.bits.slice(start, end) }),
    );
    const ownMask = mask && { bits: mask.bits, offset: 0 };
    const heap = scanRangeCandidates(kernel, store.layout, 0, queryCodes, own![0], own![1], capacity, ownMask);
    for (const { indices, scores } of await Promise.all(pending)) {
      for (let i = 0; i < indices.length; i++) topKPush(heap, indices[i]!, scores[i]!);
    }
    return rankRerank(query, topKSorted(heap), rank, cosinesOf);
  }

  async function rankVector(current: Index, query: ArrayLike<number>, opts: SearchRankOptions) {
    const { store } = current;
    if (query.length !== store.layout.dims) {
      throw new RangeError(`rank: query has ${query.length} dims, the index ${store.layout.dims}`);
    }
    const mask = rankMask(current, opts.filters);
    if (!opts.bonus) {
      const top = await imageRank(current, query, { k: opts.k, minScore: opts.minScore }, mask);
      return rankResult(store, top, () => 0);
    }
    const captionScores = new Map<number, number>();
    opts.bonus.ids.forEach((id, i) => {
      const row = store.rowOf.get(id);
      const value = opts.bonus!.values[i]!;
      if (row !== undefined && value > 0 && (!mask || mask.bits[row] === 1)) captionScores.set(row, value);
    });
    const top = await imageRank(current, query, { k: opts.k }, mask);
    const queryNorm = vectorNorm(query);
    const cosineAt = (rows: number[]) => Array.from(current.kernel.cosines(0, query, queryNorm, Int32Array.from(rows)));
    const hits = searchCombine(top, captionScores, cosineAt, opts);
    return rankResult(store, hits, (i) => hits[i]!.captionScore);
  }

  /** The filter's row mask, kept while neither the filter nor the rows and facets change. */
  function maskOf(current: Index, filters: PhotoFilters): Mask {
    const key = filtersFormat(filters);
    const cached = current.mask;
    if (cached?.key === key && cached.version === current.version) return cached;
    const { store, facets } = current;
    const { mask: bits, selected } = facetsMask(facets, store.count, filters, (id) =>
      facetsPlace(facets, store.rowOf.get(id)),
    );
    current.mask = { key, version: current.version, bits, selected };
    return current.mask;
  }

  /** Sets the facets of held photos (others are ignored); returns how many were set. */
  function facetsApply(current: Index, records: readonly PhotoFacets[]): number {
    let set = 0;
    for (const record of records) {
      const row = current.store.rowOf.get(record.id);
      if (row === undefined) continue;
      facetsSet(current.facets, row, record);
      set++;
    }
    current.version++;
    return set;
  }

  /** What a ranking may return: the filter's rows (every row without one) less the hidden photos; null for all. */
  function rankMask(current: Index, filters: PhotoFilters | undefined): Mask | null {
    const filtered = filters && !filtersEmpty(filters) ? maskOf(current, filters) : null;
    if (hidden.size === 0) return filtered;
    const { count } = current.store;
    const bits = filtered ? filtered.bits.slice() : new Uint8Array(count).fill(1);
    let selected = filtered ? filtered.selected : count;
    for (const row of hiddenRowsOf(current.store)) {
      if (bits[row] === 1) {
        bits[row] = 0;
        selected--;
      }
    }
    return { bits, selected };
  }

  /** The rows of hidden photos (rankings leave them out through `rankMask`; grouping through `hiddenMask`). */
  function hiddenRowsOf(store: RowStore): Int32Array {
    const rows: number[] = [];
    for (const id of hidden) {
      const row = store.rowOf.get(id);
      if (row !== undefined) rows.push(row);
    }
    return Int32Array.from(rows);
  }
  function hiddenMask(store: RowStore): Uint8Array | null {
    return hidden.size === 0 ? null : rowMask(store.count, hiddenRowsOf(store));
  }

  /** Every row's sign bits on the LSH planes, from the kernel's integer dot products (64 planes a pass). */
  function lshRowSigns(current: Index, lsh: LshOptions): Uint32Array {
    const { store, kernel } = current;
    const planes = lshPlanes(store.layout.dims, lsh.planes, lsh.seed).map((p) => quantizeVector(p).codes);
    const words = lshWords(lsh.planes);
    const signs = new Uint32Array(store.count * words);
    const group = store.layout.maxQueries;
    for (let first = 0; first < planes.length; first += group) {
      const part = planes.slice(first, first + group);
      kernel.setQueries(0, part);
      const step = layoutDotsRows(store.layout, part.length);
      for (let from = 0; from < store.count; from += step) {
        const to = Math.min(store.count, from + step);
        const dots = kernel.dots(0, part.length, from, to);
        for (let r = from, base = 0; r < to; r++, base += part.length + 1) {
          for (let i = 0; i < part.length; i++) {
            const p = first + i;
            if (dots[base + i]! >= 0) signs[r * words + (p >> 5)]! |= 1 << (p & 31);
          }
        }
      }
    }
    return signs;
  }

  async function duplicateGroups(current: Index, opts: DuplicatesOptions, onProgress?: GroupProgress) {
    const started = performance.now();
    const { store, kernel } = current;
    const lsh = opts.lsh ?? DEFAULT_LSH;
    const keys = lshKeys(lshRowSigns(current, lsh), store.count, lsh);
    const cosines = (row: number, rows: Int32Array) => {
      const query = storeVector(store, row);
      return kernel.cosines(0, query, vectorNorm(query), rows);
    };
    const skip = opts.includeHidden ? undefined : (hiddenMask(store) ?? undefined);
    const found = await duplicateGroupsLsh(store.count, keys, cosines, {
      maxDistance: opts.maxDistance,
      onProgress,
      skip,
    });
    if (!found) return null;
    const result: DuplicatesResult = {
      groups: found.groups.map((g) => g.map((row) => store.ids[row]!)),
      candidates: found.candidates,
      pairs: found.pairs,
      ms: performance.now() - started,
    };
    return result;
  }

  async function labelCosines(current: Index, labelEmbeddings: readonly ArrayLike<number>[]): Promise<Float32Array> {
    const { store, kernel } = current;
    const labelCount = labelEmbeddings.length;
    const cosines = new Float32Array(store.count * labelCount);
    if (labelCount === 0 || store.count === 0) return cosines;
    for (const label of labelEmbeddings) {
      if (label.length !== store.layout.dims) {
        throw new RangeError(`labelAll: a label has ${label.length} dims, the index ${store.layout.dims}`);
      }
    }
    const { codes, norms } = labelQuantize(labelEmbeddings);
    const ports = await scanHelpers(current);
    const ranges = rangesSplit(0, store.count, ports.length + 1);
    const group = store.layout.maxQueries;
    for (let first = 0; first < labelCount; first += group) {
      const labelCodes = codes.slice(first, first + group);
      const labelNorms = norms.slice(first, first + group);
      const pending = ranges
        .slice(1)
        .map(([start, end], i) => ports[i]!.labels({ slot: i + 1, labelCodes, labelNorms, start, end }));
      const [ownStart, ownEnd] = ranges[0]!;
      const parts = [labelRangeCosines(kernel, store.layout, 0, labelCodes, labelNorms, ownStart, ownEnd)];
      parts.push(...(await Promise.all(pending)));
      parts.forEach((part, r) => {
        const start = ranges[r]![0];
        if (labelCodes.length === labelCount) return cosines.set(part, start * labelCount);
        for (let i = 0; i < part.length; i++) {
          const row = start + Math.floor(i / labelCodes.length);
          cosines[row * labelCount + first + (i % labelCodes.length)] = part[i]!;
        }
      });
    }
    return cosines;
  }

  async function teachIndex(current: Index, request: TeachRequest): Promise<TeachResult> {
    const { store, kernel } = current;
    const rowsOf = (ids: readonly string[]) => [...new Set(ids.flatMap((id) => store.rowOf.get(id) ?? []))];
    const examples = rowsOf(request.examples);
    const counters = rowsOf(request.counterExamples).filter((row) => !examples.includes(row));
    if (examples.length === 0) throw new RangeError('None of the examples is in the index.');
    const marked = new Set([...examples, ...counters]);
    const sampled = teachSampleNegatives(
      store.count,
      marked,
      teachNegativeSampleSize(examples.length, store.count - marked.size),
    );
    const negatives = [...counters, ...sampled];
    if (negatives.length === 0) throw new RangeError('Teaching needs photos that are not examples.');
    const rows = [...examples, ...negatives];
    const vectors = rows.map((row) => storeVector(store, row));
    const positive = rows.map((_, i) => i < examples.length);
    const cosines = request.text ? await labelCosines(current, [request.text.vector]) : null;
    const textTerm = (row: number) => (cosines ? teachTextTerm(cosines[row]!, request.text!.threshold) : 0);
    const probe = teachTrain(vectors, positive, { kernel: kernel.kind });
    const crossValidation = teachCrossValidate(vectors, positive, cosines ? rows.map(textTerm) : null, {
      kernel: kernel.kind,
    });
    const { predicted, margin } = probeLabelRows(probe, kernel, store.memory, store.layout, 0, store.count);
    const scores = new Float32Array(store.count);
    for (let row = 0; row < store.count; row++) {
      scores[row] = teachCombine(predicted[row] === 1 ? margin[row]! : -margin[row]!, textTerm(row));
    }
    return {
      ids: store.ids.slice(),
      scores,
      trained: { examples: examples.length, counterExamples: counters.length, sampled: sampled.length },
      crossValidation,
      leastSure: teachLeastSure(scores, marked, request.leastSure).map((row) => ({
        id: store.ids[row]!,
        score: scores[row]!,
      })),
    };
  }

  return {
    /** Starts an empty index for a model's vectors of `dims` dimensions (drops the previous one). */
    reset: (modelId: string, dims: number, resetOptions: SearchResetOptions = {}) =>
      serial(() => {
        const threads = Math.max(1, Math.min(options.threads, resetOptions.maxThreads ?? Infinity));
        const store = storeCreate(modelId, dims, threads, options.shared);
        const kernel = kernelCreate(store.memory, store.layout, resetOptions.kernel ?? 'simd');
        const facets = facetsCreate();
        index = { store, kernel, threads: store.shared ? threads : 1, facets, version: 0, mask: null };
      }),
    /**
     * Adds rows as stored (codes: ids.length x dims int8, one scale a row); a held id's row is replaced. `facets`
     * (what filters look at) are set with them, by id.
     */
    append: (ids: readonly string[], codes: Int8Array, scales: Float32Array, facets: readonly PhotoFacets[] = []) =>
      serial(() => {
        const current = ready();
        storeAppend(current.store, ids, codes, scales);
        facetsApply(current, facets);
        return current.store.count;
      }),
    /** Sets what filters look at for held photos (a caption, a label, a photo record changed); returns how many. */
    setFacets: (records: readonly PhotoFacets[]) => serial(() => facetsApply(ready(), records)),
    /** Forgets these photos; returns how many were held. */
    remove: (ids: readonly string[]) =>
      serial(() => {
        const current = ready();
        const { store } = current;
        const gone = new Set(ids.flatMap((id) => store.rowOf.get(id) ?? []));
        const kept: number[] = [];
        for (let row = 0; row < store.count; row++) if (!gone.has(row)) kept.push(row);
        const removed = storeRemove(store, ids);
        if (removed > 0) facetsCompact(current.facets, kept);
        current.version++;
        return removed;
      }),
    /** The held photos passing `filters`, in the order they were appended (browsing with filters, no query). */
    browse: (filters: PhotoFilters) =>
      serial((): string[] => {
        const current = ready();
        if (filtersEmpty(filters)) return current.store.ids.slice();
        const { bits } = maskOf(current, filters);
        return current.store.ids.filter((_, row) => bits[row] === 1);
      }),
    count: () => serial(() => index?.store.count ?? 0),
    /** The photos rankings leave out from now on (hidden from the gallery); replaces the previous list. */
    setHidden: (ids: readonly string[]) =>
      serial(() => {
        hidden = new Set(ids);
        return hidden.size;
      }),
    /**
     * Near-duplicate groups of the held photos (LSH candidates, exact kernel cosines, union-find:
     * src/search/duplicates.ts). `onProgress(done, total)` may return false to cancel (then null).
     */
    duplicates: (opts: DuplicatesOptions = {}, onProgress?: GroupProgress) =>
      serial(() => duplicateGroups(ready(), opts, onProgress)),
    /** The best `k` photos for a query vector, best first (ties to the earlier appended). */
    rank: (query: ArrayLike<number>, opts: SearchRankOptions) => serial(() => rankVector(ready(), query, opts)),
    /** "More like this": ranks by a held photo's own (dequantized) vector; empty for an unknown id. */
    rankById: (id: string, opts: SearchRankOptions) =>
      serial(async () => {
        const current = ready();
        const row = current.store.rowOf.get(id);
        if (row === undefined) return rankResult(current.store, [], () => 0);
        return rankVector(current, storeVector(current.store, row), opts);
      }),
    /** A held photo's dequantized vector, or null. */
    vectorOf: (id: string) =>
      serial(() => {
        const { store } = ready();
        const row = store.rowOf.get(id);
        return row === undefined ? null : storeVector(store, row);
      }),
    /** `labelAll` over every held photo (row n is `ids[n]`), with the kernel. */
    labelAll: (labelEmbeddings: readonly ArrayLike<number>[], labelOptions: LabelAllOptions) =>
      serial(async (): Promise<{ ids: string[]; result: LabelAllResult }> => {
        const current = ready();
        const { store } = current;
        const cosines = await labelCosines(current, labelEmbeddings);
        return {
          ids: store.ids.slice(),
          result: labelDecide(cosines, store.count, labelEmbeddings.length, labelOptions),
        };
      }),
    /** Trains a probe on marked photos and scores every held photo with it (teach by example). */
    teach: (request: TeachRequest) => serial(() => teachIndex(ready(), request)),
    stats: () =>
      serial((): SearchStats => ({
        modelId: index?.store.modelId ?? null,
        dims: index?.store.layout.dims ?? 0,
        count: index?.store.count ?? 0,
        kernel: index?.kernel.kind ?? null,
        shared: index?.store.shared ?? false,
        threads:
          index === null || index.store.count < TUNABLES.parallelScanMinRows || !options.spawnScanner
            ? 1
            : index.threads,
        bytes: index ? storeByteLength(index.store) : 0,
      })),
    /** Stops the scan helpers. */
    dispose: () => {
      for (const h of helpers.splice(0)) h.terminate();
      helpersFor = null;
    },
  };
}

export type SearchWorkerApi = ReturnType<typeof createSearchCore>;

/** A mask of `count` rows with `rows` set. */
export function rowMask(count: number, rows: ArrayLike<number>): Uint8Array {
  const mask = new Uint8Array(count);
  for (let i = 0; i < rows.length; i++) mask[rows[i]!] = 1;
  return mask;
}

function rankResult(
  store: RowStore,
  items: readonly RankedItem[],
  captionScoreAt: (i: number) => number,
): SearchRankResult {
  return {
    ids: items.map((item) => store.ids[item.index]!),
    scores: Float64Array.from(items, (item) => item.score),
    captionScores: Float64Array.from(items, (_, i) => captionScoreAt(i)),
  };
}
