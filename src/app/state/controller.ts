import { EngineClient } from '../../engine/client';
import { DEFAULT_MODELS, findModel } from '../../engine/models';
import { initialLoadProgress, reduceLoadProgress, type ProgressEvent } from '../../engine/core/progress';
import { openLibrary, type Library } from '../../library/db';
import { loadEmbeddingBlocks } from '../../library/embeddings';
import { StorageFullError } from '../../library/idb';
import { getThumbnail, listPhotos } from '../../library/photos';
import { addProblem, clearProblems, listProblems } from '../../library/problems';
import { getRoot, listRoots, pendingFiles, putRoot } from '../../library/queue';
import { ensureReadPermission, walkDirectoryHandle } from '../../ingest/walk';
import { readOriginal } from '../../ingest/original';
import { rescanRoot } from './rescan';
import { RateMeter } from './rate';
import type { Photo } from '../../library/schema';
import { INDEXING_LOCK, announceChange, onLibraryChange, withIndexingLock } from '../../library/sync';
import { checkConsistency } from '../../library/maintenance';
import { readSettings } from '../settings';
import { TUNABLES } from '../tunables';
import type { AppState, Match, SortOrder } from './appState';
import { ImportJob, type ImportFile } from './indexer';
import { buildSearchIndex, emptyIndex, rankIndex, vectorOf, type SearchIndex } from './searchIndex';
import { searchPhotos } from '../../search/query';
import { Captions } from './captions';
import { Labels } from './labels';
import { Store } from './store';
import { createDecoder, type Decoder } from './decoder';

/** A named set of files to import: a dropped or picked folder, or loose files. */
export interface ImportSource {
  readonly rootId: string;
  readonly name: string;
  readonly files: readonly ImportFile[];
  readonly handle?: FileSystemDirectoryHandle;
  /** Folders and files the walk could not read (loops, too deep, unreadable), reported like undecodable files. */
  readonly skipped?: readonly { path: string; why: string }[];
}

/**
 * The app's one controller: owns the library, the engine and the search index, and turns user actions into state.
 * Components read `store` and call these methods; nothing here touches the DOM beyond what it is given.
 */
export class Controller {
  readonly store: Store<AppState>;
  readonly engine = new EngineClient();
  /** Captions (on demand and in the background) and zero-shot labels: feature slices with their own stores. */
  readonly captions: Captions;
  readonly labels: Labels;
  private library: Library | null = null;
  private index: SearchIndex = emptyIndex;
  private job: ImportJob | null = null;
  private decoder: Decoder | null = null;
  private queryToken = 0;
  private readonly rateMeter = new RateMeter(TUNABLES.rateWindowMs);
  /** While this tab holds the cross-tab indexing lock (an import waiting for another tab's says so). */
  private holdsIndexingLock = false;
  /** What the user must keep seeing about the models (the hub fallback), shown again when other messages clear. */
  private modelNotice: string | null = null;
  /** Path fragments whose photos crash the model worker (set only by tests through `window.__shoebox`). */
  private poison: string[] = [];

  /** The open library, for feature slices (labels, captions, evaluation, storage). */
  get lib(): Library {
    if (!this.library) throw new Error('the library is not open yet');
    return this.library;
  }

  /** The current embedder's vectors in memory, for features that rank or label without the engine. */
  get searchIndex(): SearchIndex {
    return this.index;
  }

  constructor() {
    const settings = readSettings();
    const models = DEFAULT_MODELS[settings.modelSource];
    this.store = new Store<AppState>({
      phase: 'empty',
      message: null,
      embedderId: models.embedder.id,
      captionerId: models.captioner.id,
      modelSource: settings.modelSource,
      device: null,
      modelProgress: initialLoadProgress,
      photos: [],
      indexedCount: 0,
      problems: [],
      indexing: null,
      query: '',
      similarTo: null,
      matches: null,
      matchesFor: null,
      minScore: models.embedder.defaultMinScore,
      sort: 'relevance',
      selectedId: null,
      view: 'photos',
      interrupted: [],
      photoLabels: null,
      labelFilter: null,
    });
    this.engine.setProgressListener((e) =>
      this.store.set((s) => ({ modelProgress: reduceLoadProgress(s.modelProgress, e as ProgressEvent) })),
    );
    this.captions = new Captions(this, {
      onChange: () => {
        if (this.store.get().query.trim()) void this.runSearch();
      },
    });
    this.labels = new Labels(this);
  }

  /** Opens the library, shows what is there, and loads the model when there is something to search. */
  async start(): Promise<void> {
    try {
      this.library = await openLibrary();
      await this.refresh();
      onLibraryChange(() => void this.refresh());
      await this.findInterrupted();
      if (this.store.get().photos.length > 0) await this.ensureModel();
    } catch (error) {
      this.fail(error);
    }
  }

  loadThumbnail = (id: string): Promise<Blob | undefined> =>
    this.library ? getThumbnail(this.library, id) : Promise.resolve(undefined);

  /** The original file, where its folder's handle still grants access (else the caller shows the thumbnail). */
  loadOriginal = async (id: string): Promise<Blob | undefined> => {
    const photo = this.store.get().photos.find((p) => p.id === id);
    if (!photo || !this.library) return undefined;
    for (const source of photo.sources) {
      const root = await getRoot(this.library, source.rootId);
      const file = root?.handle ? await readOriginal(root.handle, source.path) : null;
      if (file) return file;
    }
    return undefined;
  };

  /** Imports a folder or files; one import runs at a time across tabs (Web Locks). */
  async import(source: ImportSource): Promise<void> {
    const lib = this.library;
    if (!lib) return;
    for (const { path, why } of source.skipped ?? [])
      await addProblem(lib, { rootId: source.rootId, path, reason: why });
    if (source.skipped?.length) await this.refreshProblems();
    if (source.files.length === 0) return;
    void this.sayIfAnotherTabIndexes(source.name);
    await withIndexingLock(async () => {
      this.holdsIndexingLock = true;
      await putRoot(lib, { id: source.rootId, name: source.name, handle: source.handle, lastScan: Date.now() });
      const loaded = await this.ensureModel();
      if (!loaded) return;
      // Read after loading: with the hub unreachable, loading switched to the demo models.
      const modelId = this.store.get().embedderId;
      const inputSide = await this.engine.inputSize(this.store.get().embedderId);
      this.decoder ??= createDecoder();
      const decoder = this.decoder;
      const job = new ImportJob(
        {
          lib,
          modelId: this.store.get().embedderId,
          inputSide,
          decode: (file, side, signal) => decoder.decode(file, side, signal),
          // The abort signal is not passed on: cancelling waits for the batch in flight (about a second) rather
          // than killing the model worker, which the next search would have to start and warm up again.
          embed: (crops, _signal, paths) => {
            const pending = this.engine.embedImages(modelId, crops);
            // Test hook: a "poisoned" file kills the worker mid-call whenever it is in the batch, as a crashing
            // photo would.
            if (paths.some((p) => this.poison.some((needle) => p.includes(needle)))) this.engine.kill();
            return pending;
          },
        },
        {
          onProgress: (done, failed, total) => this.onImportProgress(source.name, done, failed, total),
          onCommitted: () => {
            this.refreshSoon();
            announceChange({ kind: 'photos' });
          },
          onProblem: () => void this.refreshProblems(),
        },
      );
      this.job = job;
      this.store.set({ phase: 'indexing', message: this.modelNotice });
      try {
        await job.run(source.rootId, source.files);
        this.store.set({ message: job.cancelled ? 'Import cancelled. What was indexed stays.' : this.modelNotice });
      } catch (error) {
        if (error instanceof StorageFullError) {
          this.store.set({ message: `${error.message} Indexing stopped; everything already stored is safe.` });
        } else if (job.cancelled || (error as DOMException).name === 'AbortError') {
          this.store.set({ message: 'Import cancelled. What was indexed stays.' });
        } else {
          this.store.set({ message: `Import stopped: ${describeError(error)}` });
        }
      } finally {
        this.job = null;
        await this.findInterrupted();
        this.store.set({ indexing: null });
        await this.refresh();
        announceChange({ kind: 'photos' });
      }
    }).finally(() => (this.holdsIndexingLock = false));
  }

  /** An import waiting for another tab's says so, instead of seeming to do nothing. */
  private async sayIfAnotherTabIndexes(name: string): Promise<void> {
    if (!('locks' in navigator)) return;
    const { held = [] } = await navigator.locks.query();
    if (!this.holdsIndexingLock && held.some((lock) => lock.name === INDEXING_LOCK))
      this.store.set({ message: `Another Shoebox tab is indexing; "${name}" starts when it finishes.` });
  }

  /** Imports left unfinished by a closed tab or a crash, so the user can finish them. */
  private async findInterrupted(): Promise<void> {
    const lib = this.lib;
    const pending = await pendingFiles(lib);
    const roots = await listRoots(lib);
    const interrupted = roots
      .map((root) => ({
        rootId: root.id,
        name: root.name,
        left: pending.filter((p) => p.rootId === root.id).length,
        canResume: !!root.handle,
      }))
      .filter((r) => r.left > 0);
    this.store.set({ interrupted });
  }

  /** Re-scans a folder through its stored handle: indexes new and changed files, forgets deleted ones. */
  rescan = async (rootId: string): Promise<void> => {
    const root = await getRoot(this.lib, rootId);
    if (!root?.handle || !(await ensureReadPermission(root.handle))) {
      this.store.set({ message: `Shoebox can't read "${root?.name ?? rootId}" any more; drop the folder again.` });
      return;
    }
    const { toIndex, forgotten } = await rescanRoot(this.lib, { ...root, handle: root.handle });
    await this.refresh();
    announceChange({ kind: 'photos' });
    await this.import({ rootId, name: root.name, files: toIndex, handle: root.handle });
    this.store.set({
      message: `Re-scanned ${root.name}: ${toIndex.length} new or changed, ${forgotten} removed.`,
    });
  };

  /** Folders the library was filled from, for the Folders view. */
  folders = () => listRoots(this.lib);

  /** Finishes an interrupted import from its stored folder handle (asks for read access again if needed). */
  resumeInterrupted = async (rootId: string): Promise<void> => {
    const root = await getRoot(this.lib, rootId);
    if (!root?.handle || !(await ensureReadPermission(root.handle))) {
      this.store.set({ message: `Drop the folder "${root?.name ?? rootId}" again to finish its import.` });
      return;
    }
    const files = await walkDirectoryHandle(root.handle);
    await this.import({ rootId, name: root.name, files, handle: root.handle });
  };

  pause = () => {
    this.job?.pause();
    this.store.set((s) => ({ indexing: s.indexing && { ...s.indexing, paused: true } }));
  };

  resume = () => {
    this.job?.resume();
    this.store.set((s) => ({ indexing: s.indexing && { ...s.indexing, paused: false } }));
  };

  cancel = () => this.job?.cancel();

  setQuery = (query: string) => {
    this.store.set({ query, similarTo: null });
    void this.runSearch();
  };

  setMinScore = (minScore: number) => {
    this.store.set({ minScore });
    void this.runSearch();
  };

  setSort = (sort: SortOrder) => this.store.set({ sort });

  select = (selectedId: string | null) => this.store.set({ selectedId });

  show = (view: string) => this.store.set({ view });

  moreLikeThis = (id: string) => {
    this.store.set({ similarTo: id, query: '', selectedId: null });
    void this.runSearch();
  };

  clearSimilar = () => {
    this.store.set({ similarTo: null, matches: null });
  };

  clearProblems = async () => {
    if (!this.library) return;
    await clearProblems(this.library);
    await this.refreshProblems();
  };

  /** Test hooks, exposed on `window.__shoebox` (see e2e/CONTRACT.md). */
  testHooks() {
    return {
      engineStats: () => this.engine.stats(),
      killEngine: () => this.engine.kill(),
      /** Makes every batch holding a photo whose path contains `fragment` crash the model worker. */
      crashOn: (fragment: string) => void this.poison.push(fragment),
      consistency: () => (this.library ? checkConsistency(this.library) : null),
      engineRestarts: () => this.engine.restarts,
      /** Upright size of every photo by path. */
      photoSizes: () => Object.fromEntries(this.store.get().photos.map((p) => [p.path, [p.width, p.height] as const])),
    };
  }

  private async runSearch(): Promise<void> {
    const token = ++this.queryToken;
    const { query, similarTo, minScore, embedderId } = this.store.get();
    let matches: Match[] | null = null;
    if (similarTo) {
      const vector = vectorOf(this.index, similarTo);
      matches = vector ? rankIndex(this.index, vector, TUNABLES.searchLimit, minScore) : [];
    } else if (query.trim()) {
      if (!(await this.ensureModel())) return;
      const [vector] = await this.engine.embedTexts(embedderId, [query.trim()]);
      // Image similarity plus caption words; the rule and its weight are documented in src/search/query.ts.
      const captions = this.captions.termsFor(this.index.ids);
      const hits = vector
        ? searchPhotos(vector, query, this.index.blocks, captions, { k: TUNABLES.searchLimit, minScore })
        : [];
      matches = hits.map((h) => ({ id: this.index.ids[h.index]!, score: h.score, captionScore: h.captionScore }));
    }
    const matchesFor = similarTo ? `similar:${similarTo}` : query;
    if (token === this.queryToken) this.store.set({ matches, matchesFor });
  }

  /** Loads the embedder once; with the hub unreachable, falls back to the offline demo models and says so. */
  async ensureModel(): Promise<boolean> {
    const state = this.store.get();
    if (state.device) return true;
    this.store.set({ phase: 'loading-models' });
    try {
      const loaded = await this.engine.load(state.embedderId, readSettings().device);
      this.store.set({ device: loaded.device, ...(state.phase === 'error' ? { message: null } : {}) });
      await this.refresh();
      return true;
    } catch (error) {
      if (state.modelSource === 'hub') {
        const demo = DEFAULT_MODELS.demo;
        this.modelNotice = `Couldn't load ${findModel(state.embedderId)?.name ?? 'the model'} from the hub (offline?). Using the offline demo models.`;
        this.store.set({
          modelSource: 'demo',
          embedderId: demo.embedder.id,
          captionerId: demo.captioner.id,
          minScore: demo.embedder.defaultMinScore,
          message: this.modelNotice,
        });
        return this.ensureModel();
      }
      // The engine keeps no failed load, so the user's next import or search loads the model again.
      const name = findModel(state.embedderId)?.name ?? 'the model';
      this.fail(
        error,
        `Couldn't load ${name}: ${describeError(error)}. Check the connection and drop the folder again.`,
      );
      return false;
    }
  }

  private onImportProgress(rootName: string, done: number, failed: number, total: number) {
    if (!this.store.get().indexing) this.rateMeter.reset(); // a new import
    this.store.set((s) => ({
      indexing: {
        done: done + failed,
        total,
        failed,
        rate: this.rateMeter.sample(done + failed, performance.now()),
        paused: s.indexing?.paused ?? false,
        rootName,
      },
    }));
  }

  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private refreshSoon(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refresh();
    }, TUNABLES.refreshWhileIndexingMs);
  }

  /** Re-reads photos, vectors and the report from the library (after imports, and when another tab changed it). */
  async refresh(): Promise<void> {
    const lib = this.library;
    if (!lib) return;
    const { embedderId } = this.store.get();
    const [photos, blocks, problems] = await Promise.all([
      listPhotos(lib),
      loadEmbeddingBlocks(lib, embedderId),
      listProblems(lib),
    ]);
    this.index = buildSearchIndex(blocks);
    photos.sort(newestFirst);
    this.store.set((s) => ({
      photos,
      problems,
      indexedCount: this.index.ids.length,
      phase:
        s.phase === 'indexing' && this.job
          ? 'indexing'
          : s.phase === 'loading-models'
            ? s.device
              ? readyOrEmpty(photos, problems.length)
              : 'loading-models'
            : s.phase === 'error'
              ? 'error'
              : readyOrEmpty(photos, problems.length),
    }));
    // A failing feature slice must not stop the gallery from showing what is there.
    await Promise.all([this.captions.reload(), this.labels.reload()]).catch((e: unknown) => console.error(e));
    if (this.store.get().matches) await this.runSearch();
  }

  private async refreshProblems(): Promise<void> {
    if (this.library) this.store.set({ problems: await listProblems(this.library) });
  }

  private fail(error: unknown, message = describeError(error)): void {
    console.error(error);
    this.store.set({ phase: 'error', message });
  }
}

function readyOrEmpty(photos: readonly Photo[], problems: number): AppState['phase'] {
  return photos.length > 0 || problems > 0 ? 'ready' : 'empty';
}

function newestFirst(a: Photo, b: Photo): number {
  return (b.takenAt ?? b.lastModified) - (a.takenAt ?? a.lastModified) || a.path.localeCompare(b.path);
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
