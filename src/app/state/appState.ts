import type { LoadProgress } from '../../engine/core/progress';
import type { Photo, Problem } from '../../library/schema';

export type LibraryPhase = 'empty' | 'loading-models' | 'indexing' | 'ready' | 'error';

/** A ranked photo while a search or "more like this" is active. */
export interface Match {
  readonly id: string;
  readonly score: number;
  /** How much the caption text contributed (0 when it did not match). */
  readonly captionScore?: number;
}

export interface IndexingProgress {
  readonly done: number;
  readonly total: number;
  readonly failed: number;
  /** Photos per second over the last few seconds. */
  readonly rate: number;
  readonly paused: boolean;
  readonly rootName: string;
}

/** An import a closed tab left unfinished. */
export interface InterruptedImport {
  readonly rootId: string;
  readonly name: string;
  readonly left: number;
  /** Whether a stored folder handle lets Shoebox read the files again (else the user drops the folder again). */
  readonly canResume: boolean;
}

export type SortOrder = 'relevance' | 'date';

/** A zero-shot label on a photo: single-label mode scores by softmax probability, multi-label mode by cosine. */
export interface PhotoLabel {
  readonly label: string;
  readonly score: number;
}

export interface AppState {
  readonly phase: LibraryPhase;
  readonly message: string | null;
  readonly embedderId: string;
  readonly captionerId: string;
  readonly modelSource: 'hub' | 'demo';
  readonly device: 'webgpu' | 'wasm' | null;
  readonly modelProgress: LoadProgress;
  /** Every photo in the library, newest first. */
  readonly photos: readonly Photo[];
  /** Ids with a vector for the current embedder. */
  readonly indexedCount: number;
  readonly problems: readonly Problem[];
  readonly indexing: IndexingProgress | null;
  readonly query: string;
  /** The photo "more like this" started from, when that is the active search. */
  readonly similarTo: string | null;
  readonly matches: readonly Match[] | null;
  /** The query (or `similar:<id>`) the matches were ranked for; they can lag behind `query` while typing. */
  readonly matchesFor: string | null;
  readonly minScore: number;
  readonly sort: SortOrder;
  readonly selectedId: string | null;
  /** Which view is shown: 'photos' or a feature view's id (see src/app/views.tsx). */
  readonly view: string;
  readonly interrupted: readonly InterruptedImport[];
  /** The active label set's labels per photo id, best first (see state/labels.ts); null when no set is active. */
  readonly photoLabels: ReadonlyMap<string, readonly PhotoLabel[]> | null;
  /** Show only photos with this label (NO_LABEL: "none of these"); null shows every photo. */
  readonly labelFilter: string | null;
}
