/**
 * The composition root: builds every feature slice with what it needs, opens the library, loads the model (falling
 * back to the offline demo models when the hub can't be reached) and routes what slices report to the ones that
 * care. Nothing below constructs its own collaborators; tests and the bench hand their own in through `CoreDeps`.
 */
import type { EngineClient } from '../engine/client';
import { initialLoadProgress, reduceLoadProgress, type LoadProgress } from '../engine/core/progress';
import { DEFAULT_MODELS, findModel, isCaptioner, isEmbedder } from '../engine/models';
import { chooseDevice } from '../engine/core/device';
import type { DevicePreference, Towers } from '../engine/protocol';
import type { Library } from '../library/db';
import { hasEmbeddings, loadEmbeddingBlocks } from '../library/embeddings';
import { getThumbnail, listPhotos, mergePhoto } from '../library/photos';
import { clearProblems, listProblems } from '../library/problems';
import { getRoot } from '../library/queue';
import type { Photo, Problem } from '../library/schema';
import { announceChange, onLibraryChange } from '../library/sync';
import { browserFolderAccess, type FolderAccess, type OriginalRead } from '../ingest/original';
import { Captions } from '../features/captions/captions';
import { DuplicatesSlice } from '../features/duplicates/duplicates';
import { PhotoTexts } from '../features/ocr/photoTexts';
import { PhotoAsk } from '../features/ask/photoAsk';
import { TUNABLES } from '../features/tunables';
import { blobToPixels, blobToPixelsAt, blobToPixelsSized } from '../shared/pixels';
import { embeddingMean } from '../search/vector';
import { Evaluation } from '../features/evaluate/evaluate';
import { Selection } from '../features/gallery/selection';
import { evalDeps } from '../features/evaluate/evaluateDeps';
import { ImportSlice, type Decoder, type ImportSource } from '../features/import/importSlice';
import { Labels } from '../features/labels/labels';
import { ModelsSlice, type ModelSource } from '../features/models/models';
import type { SearchClient } from '../features/search/searchClient';
import { SearchSlice } from '../features/search/searchSlice';
import { photoFacets } from '../features/search/photoFacets';
import type { PhotoFacets } from '../search/filters';
import type { PhotoLabel } from '../shared/labels';
import { StorageSlice } from '../features/storage/storage';
import { describeError } from '../shared/errors';
import type { LibraryPhase } from '../shared/phase';
import { Store } from '../shared/store';

/** Everything the app is made of that comes from outside: the browser's, or a test's or the bench's stand-ins. */
export interface CoreDeps {
  readonly engine: EngineClient;
  /** The search worker's client: it holds the index and ranks (src/features/search/searchClient.ts). */
  readonly search: SearchClient;
  openLibrary(): Promise<Library>;
  createDecoder(): Decoder;
  readonly modelSource: ModelSource;
  readonly device: DevicePreference;
  /** Where the models feature remembers the user's choice and imported models (localStorage in the browser). */
  readonly storage: Storage | null;
  /** How originals are read back and folder access asked for again (the File System Access API by default). */
  readonly folderAccess?: FolderAccess;
}

/** The app's own state: the library as a whole and the model session; each feature keeps its own store. */
export interface AppState {
  readonly phase: LibraryPhase;
  /** The last thing the user must be told (errors, fallbacks, cancellations). */
  readonly message: string | null;
  readonly modelSource: ModelSource;
  readonly device: 'webgpu' | 'wasm' | null;
  readonly modelProgress: LoadProgress;
  /** Every photo in the library, newest first. */
  readonly photos: readonly Photo[];
  readonly problems: readonly Problem[];
  /** Which view is shown: 'photos' or a feature view's id (see src/app/views.tsx). */
  readonly view: string;
  readonly selectedId: string | null;
}

export type Core = ReturnType<typeof createCore>;

export function createCore(deps: CoreDeps) {
  const { engine } = deps;
  const store = new Store<AppState>({
    phase: 'opening',
    message: null,
    modelSource: deps.modelSource,
    device: null,
    modelProgress: initialLoadProgress,
    photos: [],
    problems: [],
    view: 'photos',
    selectedId: null,
  });
  let library: Library | null = null;
  let opened!: () => void;
  /** Resolves once the library is open: a folder dropped while it opens waits for it instead of being lost. */
  const libraryOpen = new Promise<void>((resolve) => (opened = resolve));
  let decoder: Decoder | null = null;
  // What the phase is derived from (see `phaseNow`); each is set where its fact is known.
  let opening = true;
  let loadingModel = false;
  /** The embedder's towers loaded so far (with `device` set): 'text' until the first import needs the vision tower. */
  let loadedTowers: Towers = 'text';
  let failed = false;
  /** What the user must keep seeing about the models (the hub fallback), shown again when other messages clear. */
  let modelNotice: string | null = null;

  const lib = (): Library => {
    if (!library) throw new Error('the library is not open yet');
    return library;
  };
  const phase = (): LibraryPhase => store.get().phase;
  /** The photos by id, made once per photo list (a 100k-photo list is not searched per lookup). */
  let byIdOf: { photos: readonly Photo[]; byId: Map<string, Photo> } | null = null;
  const photosById = (): ReadonlyMap<string, Photo> => {
    const { photos } = store.get();
    if (byIdOf?.photos !== photos) byIdOf = { photos, byId: new Map(photos.map((p) => [p.id, p])) };
    return byIdOf.byId;
  };
  const indexing = () => phase() === 'indexing';
  const tell = (message: string | null) => store.set({ message: message ?? modelNotice });

  const models = new ModelsSlice({
    engine,
    storage: deps.storage,
    device: () => deps.device,
    modelSource: () => store.get().modelSource,
    indexing,
  });
  // Imported models and the user's choice apply before anything reads the choice.
  models.restore();
  const search = new SearchSlice(
    {
      embedTexts: async (texts) => {
        if (!(await ensureModel('text'))) return null;
        return engine.embedTexts(models.embedderId, [...texts]);
      },
      captionTerms: () =>
        (wordsById ??= mergeTerms(mergeTerms(captions.termsById(), texts.termsById()), ask.termsById())),
      photoPaths: () => store.get().photos,
      phraseMatches: (phrase) => texts.phraseMatches(phrase),
      facetsOf: (ids): PhotoFacets[] => {
        const captioned = captions.store.get().byId;
        const labelled: ReadonlyMap<string, readonly PhotoLabel[]> | null = labels.store.get().photoLabels;
        const byId = photosById();
        const photos = ids ? ids.flatMap((id) => byId.get(id) ?? []) : store.get().photos;
        return photos.map((p) =>
          photoFacets(
            p,
            captioned.has(p.id),
            (labelled?.get(p.id) ?? []).map((l) => l.label),
          ),
        );
      },
    },
    deps.search,
    minScoreOf(models.embedderId),
  );
  const captions = new Captions(
    {
      lib,
      engine,
      captionerId: () => models.captionerId,
      phase,
      loadThumbnail: (id) => loadThumbnail(id),
    },
    {
      onChange: () => {
        wordsById = null;
        search.captionsChanged();
        search.facetsChanged();
      },
      device: () => deps.device,
    },
  );
  /** Caption and photo-text words by photo, as search matches them; rebuilt when either changes. */
  let wordsById: ReadonlyMap<string, ReadonlySet<string>> | null = null;
  const texts = new PhotoTexts(
    {
      lib,
      engine,
      readerId: () => textReaderId(models.captionerId, store.get().modelSource),
      phase,
      device: () => deps.device,
      loadOriginalPixels: async (id, maxSide) => {
        const blob = await loadOriginal(id);
        return blob ? blobToPixelsAt(blob, maxSide) : undefined;
      },
      textLikelyFirst: async () => {
        if (!(await ensureModel('text'))) return [];
        const prompts = await engine.embedTexts(models.embedderId, [...TEXT_LIKELY_PROMPTS]);
        return (await deps.search.rank(embeddingMean(prompts), { k: TUNABLES.ocrLikelyFirst })).ids;
      },
    },
    {
      onChange: () => {
        wordsById = null;
        search.captionsChanged();
      },
    },
  );
  const ask = new PhotoAsk(
    {
      lib,
      engine,
      askerId: () => DEFAULT_MODELS[store.get().modelSource].asker.id,
      device: () => deps.device,
      loadPixels: async (id, maxSide) => {
        const original = await loadOriginal(id);
        if (original) return blobToPixelsAt(original, maxSide);
        const thumbnail = await loadThumbnail(id);
        return thumbnail ? blobToPixels(thumbnail) : undefined;
      },
      onWasm: async () => chooseDevice(await engine.capabilities(), deps.device) === 'wasm',
    },
    {
      onChange: () => {
        wordsById = null;
        search.captionsChanged();
      },
    },
  );
  const labels = new Labels({
    lib,
    phase,
    embedderId: () => models.embedderId,
    embedTexts: async (texts) => {
      if (!(await ensureModel('text'))) throw new Error('the model is not available');
      return engine.embedTexts(models.embedderId, texts);
    },
    labelAll: (labelVectors, options) => search.labelAll(labelVectors, options),
    teach: (request) => search.teach(request),
  });
  // Filters look at labels: the search worker's facets follow the chips.
  let shownLabels = labels.store.get().photoLabels;
  labels.store.subscribe(() => {
    const next = labels.store.get().photoLabels;
    if (next !== shownLabels) search.facetsChanged();
    shownLabels = next;
  });
  const importer = new ImportSlice(
    {
      lib,
      ensureModel: () => ensureModel('both'),
      embedderId: () => models.embedderId,
      inputSize: (modelId) => engine.inputSize(modelId),
      embed: (modelId, crops) => engine.embedImages(modelId, crops),
      decoder: () => (decoder ??= deps.createDecoder()),
    },
    {
      committed: (batch, modelId) => {
        // The batch joins the grid and the index as it is: no re-read of the library per batch.
        showPhotos(batch.photos);
        if (modelId === models.embedderId) void search.append(modelId, batch.embeddings);
        announceChange({ kind: 'photos' });
      },
      // The batches are in the grid and the index already: the end reads only the report and the slices' records
      // (a re-read of a 100k-photo library blocked the page for seconds after every import).
      finished: async () => {
        await refreshProblems();
        await reloadSlices();
        announceChange({ kind: 'photos' });
      },
      rescanned: async () => {
        await refresh();
        announceChange({ kind: 'photos' });
      },
      problemsChanged: () => void refreshProblems(),
      tell,
    },
  );
  const storage = new StorageSlice(
    { lib, photoCount: () => store.get().photos.length, indexing },
    {
      libraryChanged: () => refresh(),
      libraryEmptied: async () => {
        search.clear();
        store.set({ selectedId: null });
        await refresh();
      },
      modelsDeleted: () => models.forget(),
    },
  );
  const selection = new Selection();
  const duplicates = new DuplicatesSlice(
    {
      lib,
      photos: () => store.get().photos,
      findGroups: async (onProgress) =>
        (await deps.search.duplicates({ includeHidden: true }, onProgress))?.groups ?? null,
      hasCaption: (id) => captions.store.get().byId.has(id),
      thumbnailPixels: async (id, width, height) => {
        const blob = await loadThumbnail(id);
        return blob ? (await blobToPixelsSized(blob, width, height)).rgba : null;
      },
    },
    {
      hiddenChanged: (changed) => {
        const byId = new Map(changed.map((p) => [p.id, p]));
        store.set((s) => ({ photos: s.photos.map((p) => byId.get(p.id) ?? p) }));
        void hiddenToSearch().then(() => search.captionsChanged());
        announceChange({ kind: 'photos' });
      },
      showHiddenChanged: () => void hiddenToSearch().then(() => search.captionsChanged()),
    },
  );
  /** The search worker leaves hidden photos out of rankings, unless the user shows them. */
  function hiddenToSearch(): Promise<number> {
    const hidden = duplicates.store.get().showHidden ? [] : store.get().photos.filter((p) => p.hidden);
    return deps.search.setHidden(hidden.map((p) => p.id));
  }
  // The evaluation decodes at other models' sizes: a pool of its own keeps the import's warm.
  let evalDecoder: Decoder | null = null;
  const evaluation = new Evaluation(
    evalDeps({
      engine,
      lib: () => library,
      device: () => deps.device,
      decode: (file, side, signal) => (evalDecoder ??= deps.createDecoder()).decode(file, side, signal),
      restoreModels: async () => {
        if (store.get().device) await engine.load(models.embedderId, deps.device, undefined, loadedTowers);
      },
    }),
    { embedderId: models.embedderId, captionerId: models.captionerId },
  );

  engine.setProgressListener((e) => store.set((s) => ({ modelProgress: reduceLoadProgress(s.modelProgress, e) })));
  // An import's end shows once `finished` has read what it stored: the photos read before would say "No photos yet".
  importer.store.subscribe(() => importer.store.get().running && updatePhase());
  let chosen = models.store.get();
  models.store.subscribe(() => {
    const next = models.store.get();
    const before = chosen;
    chosen = next;
    if (next.embedderId !== before.embedderId) embedderChanged();
    if (next.captionerId !== before.captionerId && library) {
      void captions.captionerChanged();
      void texts.reload();
    }
  });

  /** Vectors are per model: the next search or import loads the new one, and its vectors are read. */
  function embedderChanged(): void {
    store.set({ device: null, modelProgress: initialLoadProgress });
    loadedTowers = 'text';
    search.reset(minScoreOf(models.embedderId));
    if (library) void refresh();
  }

  function phaseNow(): LibraryPhase {
    const { photos, problems } = store.get();
    if (opening) return 'opening';
    if (importer.store.get().running) return 'indexing';
    if (loadingModel) return 'loading-models';
    if (failed) return 'error';
    return photos.length > 0 || problems.length > 0 ? 'ready' : 'empty';
  }

  function updatePhase(): void {
    const next = phaseNow();
    if (next !== phase()) store.set({ phase: next });
  }

  /**
   * Opens the library and shows what is there. With vectors stored, the text tower loads while the vectors and the
   * photo records are read: search needs only those two; the vision tower waits for an import.
   */
  async function start(): Promise<void> {
    try {
      // The engine's worker starts (transformers.js parsed, the device probed) while the library opens.
      void engine.capabilities().catch(() => undefined);
      library = await deps.openLibrary();
      opened();
      const searchable = (await hasEmbeddings(library, models.embedderId)) ? ensureModel('text') : null;
      await refresh();
      onLibraryChange(() => void refresh());
      await importer.findInterrupted();
      if (searchable) await searchable;
      else if (store.get().photos.length > 0) await ensureModel('text');
    } catch (error) {
      opening = false;
      fail(error);
    }
  }

  /** Loads the embedder once; with the hub unreachable, falls back to the offline demo models and says so. */
  async function ensureModel(towers: Towers): Promise<boolean> {
    if (store.get().device && (towers === 'text' || loadedTowers === 'both')) return true;
    const embedderId = models.embedderId;
    const hadFailed = failed;
    failed = false;
    loadingModel = true;
    updatePhase();
    try {
      const loaded = await engine.load(embedderId, deps.device, undefined, towers);
      loadingModel = false;
      if (towers === 'both') loadedTowers = 'both';
      store.set({ device: loaded.device, ...(hadFailed ? { message: null } : {}) });
      updatePhase();
      return true;
    } catch (error) {
      loadingModel = false;
      const name = findModel(embedderId)?.name ?? 'the model';
      if (store.get().modelSource === 'hub') {
        modelNotice = `Couldn't load ${name} from the hub (offline?). Using the offline demo models.`;
        store.set({ modelSource: 'demo', message: modelNotice });
        models.useDefaults('demo');
        return ensureModel(towers);
      }
      // The engine keeps no failed load, so the user's next import or search loads the model again.
      fail(error, `Couldn't load ${name}: ${describeError(error)}. Check the connection and drop the folder again.`);
      return false;
    }
  }

  /**
   * Shows newly committed photos in the grid: new ones merged in by date, known ones (the same content found in
   * another place) with the new place added, as the library merged them (`mergePhoto`).
   */
  function showPhotos(committed: readonly Photo[]): void {
    const known = photosById();
    const added = committed.filter((p) => !known.has(p.id));
    const merged = new Map<string, Photo>();
    for (const p of committed) {
      const before = known.get(p.id);
      const after = before && mergePhoto(before, p);
      if (after && after !== before) merged.set(p.id, after);
    }
    if (added.length === 0 && merged.size === 0) return;
    // Sort the batch and merge it in: re-sorting a 100k-photo grid per batch would block the page for a while.
    const shown = store.get().photos;
    const photos = mergeSorted(
      merged.size > 0 ? shown.map((p) => merged.get(p.id) ?? p) : shown,
      added.sort(newestFirst),
      newestFirst,
    );
    // The map follows the new list before anyone sees it (the old list is gone): no 100k-photo map per batch.
    const byId = byIdOf!.byId;
    for (const p of [...added, ...merged.values()]) byId.set(p.id, p);
    byIdOf = { photos, byId };
    store.set({ photos });
    search.photosChanged();
    updatePhase();
  }

  /**
   * Re-reads the library: the vectors first (search is ready before any photo record is read), then the photos
   * and the report. After an import, after a change in another tab, and when the embedder changes.
   */
  async function refresh(): Promise<void> {
    if (!library) return;
    const embedderId = models.embedderId;
    const blocks = await loadEmbeddingBlocks(library, embedderId);
    if (embedderId !== models.embedderId) return; // the embedder changed meanwhile: its own refresh follows
    await search.load(embedderId, blocks);
    const [photos, problems] = await Promise.all([listPhotos(library), listProblems(library)]);
    photos.sort(newestFirst);
    opening = false;
    store.set({ photos, problems });
    search.photosChanged();
    search.facetsChanged();
    await hiddenToSearch();
    const ids = new Set(photos.map((p) => p.id));
    selection.keepWithin((id) => ids.has(id));
    updatePhase();
    await reloadSlices();
  }

  /** The feature slices read their records again. A failing one must not stop the gallery showing what is there. */
  async function reloadSlices(): Promise<void> {
    await Promise.all([captions.reload(), labels.reload(), texts.reload(), ask.reload()]).catch((e: unknown) =>
      console.error(e),
    );
  }

  async function refreshProblems(): Promise<void> {
    if (!library) return;
    store.set({ problems: await listProblems(library) });
    updatePhase();
  }

  function fail(error: unknown, message = describeError(error)): void {
    console.error(error);
    failed = true;
    store.set({ message });
    updatePhase();
  }

  function loadThumbnail(id: string): Promise<Blob | undefined> {
    return library ? getThumbnail(library, id) : Promise.resolve(undefined);
  }

  const folderAccess = deps.folderAccess ?? browserFolderAccess;

  /** The original file, where its folder's handle still grants access (else the caller shows the thumbnail). */
  async function loadOriginal(id: string): Promise<Blob | undefined> {
    const read = await openOriginal(id);
    return 'file' in read ? read.file : undefined;
  }

  /** The original file, or why it can't be read: each place the bytes were found is tried, the best reason kept. */
  async function openOriginal(id: string): Promise<OriginalRead> {
    const photo = photosById().get(id);
    let best: OriginalRead = { problem: 'no-folder' };
    if (!photo || !library) return best;
    for (const source of photo.sources) {
      const root = await getRoot(library, source.rootId);
      if (!root?.handle) continue;
      const read = await folderAccess.read(root.handle, source.path);
      if ('file' in read) return read;
      if (read.problem === 'no-access' || best.problem === 'no-folder') best = read;
    }
    return best;
  }

  /** Asks again for read access to the folders a photo came from (needs the user's click); true when one allows. */
  async function allowFolderAccess(id: string): Promise<boolean> {
    const photo = photosById().get(id);
    if (!photo || !library) return false;
    for (const source of photo.sources) {
      const root = await getRoot(library, source.rootId);
      if (root?.handle && (await folderAccess.request(root.handle))) return true;
    }
    return false;
  }

  return {
    store,
    engine,
    models,
    search,
    captions,
    texts,
    ask,
    labels,
    importer,
    storage,
    evaluation,
    selection,
    duplicates,
    start,
    /** Imports folders or files, one after another, once the library is open. */
    importSources: async (sources: readonly ImportSource[]) => {
      await libraryOpen;
      for (const source of sources) await importer.import(source);
    },
    refresh,
    ensureModel,
    /** The photos by id (a map made once per photo list, when first asked for). */
    photosById,
    loadThumbnail,
    loadOriginal,
    openOriginal,
    allowFolderAccess,
    /** The open library, for test hooks and the bench (features get it through their hosts). */
    library: lib,
    show: (view: string) => store.set({ view }),
    select: (selectedId: string | null) => store.set({ selectedId }),
    moreLikeThis: (id: string) => {
      search.moreLikeThis(id);
      store.set({ selectedId: null });
    },
    clearProblems: async () => {
      if (!library) return;
      await clearProblems(library);
      await refreshProblems();
    },
  };
}

/** What a zero-shot check calls a photo likely to hold text; their mean direction ranks the reading order. */
const TEXT_LIKELY_PROMPTS = ['a photo of a document', 'a screenshot', 'a receipt', 'a sign with text'] as const;

/** The model that reads text: the captioner when it is a Florence-2, else the default Florence-2 of the source. */
export function textReaderId(captionerId: string, source: ModelSource): string {
  const spec = findModel(captionerId);
  if (spec && isCaptioner(spec) && spec.architecture === 'florence2') return captionerId;
  return source === 'demo' ? 'fixture-color-florence' : 'florence-2-base-ft';
}

/** Two word maps by photo as one (a photo's caption words and its text's words together). */
function mergeTerms(
  a: ReadonlyMap<string, ReadonlySet<string>>,
  b: ReadonlyMap<string, ReadonlySet<string>>,
): ReadonlyMap<string, ReadonlySet<string>> {
  if (b.size === 0) return a;
  const out = new Map(a);
  for (const [id, terms] of b) {
    const mine = out.get(id);
    out.set(id, mine ? new Set([...mine, ...terms]) : terms);
  }
  return out;
}

function minScoreOf(embedderId: string): number {
  const spec = findModel(embedderId);
  return spec && isEmbedder(spec) ? spec.defaultMinScore : 0;
}

/** Two lists sorted by `order`, merged into one (linear: no re-sort of the long one). */
export function mergeSorted<T>(a: readonly T[], b: readonly T[], order: (x: T, y: T) => number): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(order(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

function newestFirst(a: Photo, b: Photo): number {
  return (b.takenAt ?? b.lastModified) - (a.takenAt ?? a.lastModified) || a.path.localeCompare(b.path);
}
