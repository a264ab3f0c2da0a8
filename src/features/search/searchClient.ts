import * as Comlink from 'comlink';
import type { PhotoFacets, PhotoFilters } from '../../search/filters';
import type { LabelAllOptions, LabelAllResult } from '../../search/zeroShot';
import type {
  DuplicatesOptions,
  DuplicatesResult,
  SearchRankOptions,
  SearchRankResult,
  SearchResetOptions,
  SearchStats,
  SearchWorkerApi,
  TeachRequest,
  TeachResult,
} from './worker/core';

export type {
  DuplicatesOptions,
  DuplicatesResult,
  SearchRankOptions,
  SearchRankResult,
  SearchResetOptions,
  SearchStats,
  TeachRequest,
  TeachResult,
} from './worker/core';

/** Whatever carries the messages: a Worker in the app, a MessagePort in tests. */
export type SearchWorkerEndpoint = Comlink.Endpoint & { terminate?: () => void };
export type SearchWorkerFactory = () => SearchWorkerEndpoint;

/** The app's search worker (src/features/search/worker/worker.ts). */
export const defaultSearchWorker: SearchWorkerFactory = () =>
  new Worker(new URL('./worker/worker.ts', import.meta.url), { type: 'module', name: 'search' });

/** The page's side of the search worker: the index lives there; the page sends vectors and gets ids back. */
export interface SearchClient {
  reset(modelId: string, dims: number, options?: SearchResetOptions): Promise<void>;
  /** Appends rows as stored (ids.length x dims int8 codes, one scale a row); returns the new count. */
  append(
    ids: readonly string[],
    codes: Int8Array,
    scales: Float32Array,
    facets?: readonly PhotoFacets[],
  ): Promise<number>;
  /** Sets what filters look at for held photos; returns how many were held. */
  setFacets(records: readonly PhotoFacets[]): Promise<number>;
  /** The held photos passing `filters`, in the order they were appended. */
  browse(filters: PhotoFilters): Promise<string[]>;
  remove(ids: readonly string[]): Promise<number>;
  count(): Promise<number>;
  rank(query: Float32Array, options: SearchRankOptions): Promise<SearchRankResult>;
  rankById(id: string, options: SearchRankOptions): Promise<SearchRankResult>;
  vectorOf(id: string): Promise<Float32Array | null>;
  /** `labelAll` of every held photo; `result` row n is photo `ids[n]`. */
  labelAll(
    labels: readonly Float32Array[],
    options: LabelAllOptions,
  ): Promise<{ ids: string[]; result: LabelAllResult }>;
  /** Trains a probe on marked photos and scores every held photo (teach by example). */
  teach(request: TeachRequest): Promise<TeachResult>;
  stats(): Promise<SearchStats>;
  /** The photos rankings leave out (hidden); replaces the previous list. */
  setHidden(ids: readonly string[]): Promise<number>;
  /** Near-duplicate groups in the worker; `onProgress` returning false cancels (null). */
  duplicates(
    options: DuplicatesOptions,
    onProgress?: (done: number, total: number) => boolean,
  ): Promise<DuplicatesResult | null>;
  dispose(): void;
}

/** Starts the worker (or what `factory` gives: tests and the bench inject their own). */
export function createSearchClient(factory: SearchWorkerFactory = defaultSearchWorker): SearchClient {
  const endpoint = factory();
  const api = Comlink.wrap<SearchWorkerApi>(endpoint);
  return {
    reset: (modelId, dims, options) => api.reset(modelId, dims, options),
    append: (ids, codes, scales, facets) => api.append(ids, codes, scales, facets),
    setFacets: (records) => api.setFacets(records),
    browse: (filters) => api.browse(filters),
    remove: (ids) => api.remove(ids),
    count: () => api.count(),
    rank: (query, options) => api.rank(query, options),
    rankById: (id, options) => api.rankById(id, options),
    vectorOf: (id) => api.vectorOf(id),
    labelAll: (labels, options) => api.labelAll(labels, options),
    teach: (request) => api.teach(request),
    stats: () => api.stats(),
    setHidden: (ids) => api.setHidden(ids),
    duplicates: (options, onProgress) => api.duplicates(options, onProgress ? Comlink.proxy(onProgress) : undefined),
    dispose() {
      void api.dispose().catch(() => undefined);
      api[Comlink.releaseProxy]();
      endpoint.terminate?.();
    },
  };
}
