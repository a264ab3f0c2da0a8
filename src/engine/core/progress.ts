/** Progress of loading one model, folded from transformers.js events plus Shoebox's own warm-up and ready steps. */
export interface LoadProgress {
  readonly phase: 'idle' | 'loading' | 'warming-up' | 'ready' | 'error';
  /** Bytes per file, keyed by file name within the model repo. */
  readonly files: Readonly<Record<string, { readonly loaded: number; readonly total: number; readonly done: boolean }>>;
  readonly loaded: number;
  readonly total: number;
  readonly error?: string;
}

/** The events the reducer understands: transformers.js `ProgressInfo` shapes and Shoebox's own steps. */
export type ProgressEvent =
  | { status: 'initiate' | 'download'; file: string }
  | { status: 'progress'; file: string; loaded: number; total: number }
  | { status: 'done'; file: string }
  | { status: 'ready' }
  | { status: 'warmup' }
  | { status: 'loaded' }
  | { status: 'failed'; error: string };

/** A progress event of one model, as the engine reports it to the page. */
export type ModelProgressEvent = ProgressEvent & { readonly modelId: string };

/**
 * The one place transformers.js' loosely typed `ProgressInfo` objects become `ProgressEvent`s; anything it sends
 * that the reducer has no use for (`progress_total`, unknown statuses, malformed fields) is dropped here.
 */
export function progressFromTransformers(info: unknown): ProgressEvent | null {
  if (typeof info !== 'object' || info === null) return null;
  const { status, file, loaded, total } = info as Record<string, unknown>;
  switch (status) {
    case 'initiate':
    case 'download':
    case 'done':
      return typeof file === 'string' ? { status, file } : null;
    case 'progress':
      return typeof file === 'string' && typeof loaded === 'number' && typeof total === 'number'
        ? { status, file, loaded, total }
        : null;
    case 'ready':
      return { status };
    default:
      return null;
  }
}

export const initialLoadProgress: LoadProgress = { phase: 'idle', files: {}, loaded: 0, total: 0 };

/** Pure reducer: unknown events leave the state as it was. */
export function reduceLoadProgress(state: LoadProgress, event: ProgressEvent): LoadProgress {
  switch (event.status) {
    case 'initiate':
    case 'download': {
      const prev = state.files[event.file];
      const files = { ...state.files, [event.file]: prev ?? { loaded: 0, total: 0, done: false } };
      return totals({ ...state, phase: 'loading', files });
    }
    case 'progress': {
      const files = { ...state.files, [event.file]: { loaded: event.loaded, total: event.total, done: false } };
      return totals({ ...state, phase: 'loading', files });
    }
    case 'done': {
      const prev = state.files[event.file] ?? { loaded: 0, total: 0, done: false };
      const size = Math.max(prev.loaded, prev.total);
      const files = { ...state.files, [event.file]: { loaded: size, total: size, done: true } };
      return totals({ ...state, files });
    }
    case 'warmup':
      return { ...state, phase: 'warming-up' };
    case 'loaded':
      return { ...state, phase: 'ready' };
    case 'failed':
      return { ...state, phase: 'error', error: event.error };
    default:
      return state;
  }
}

/** Fraction done in [0, 1], or null while sizes are unknown. */
export function loadFraction(state: LoadProgress): number | null {
  if (state.phase === 'ready') return 1;
  return state.total > 0 ? Math.min(1, state.loaded / state.total) : null;
}

function totals(state: LoadProgress): LoadProgress {
  let loaded = 0;
  let total = 0;
  for (const f of Object.values(state.files)) {
    loaded += f.loaded;
    total += f.total;
  }
  return { ...state, loaded, total };
}
