import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { EngineClient } from '../engine/client';
import { DEFAULT_MODELS } from '../engine/models';
import { clipVitBasePatch32 } from '../engine/models/clip-vit-base-patch32';
import { fixtureColorClip } from '../engine/models/fixture-color-clip';
import { mobileclipS0 } from '../engine/models/mobileclip-s0';
import type { DevicePreference, Towers } from '../engine/protocol';
import { openLibrary, type Library } from '../library/db';
import { loadEmbeddingBlocks } from '../library/embeddings';
import { commitPhotos } from '../library/photos';
import { fakeId, fakeThumbnail } from '../library/testing';
import { NO_META } from '../ingest/exif';
import type { FolderAccess } from '../ingest/original';
import type { DecodeResult } from '../ingest/types';
import type { ImportSource } from '../features/import/importSlice';
import type { ModelSource } from '../features/models/models';
import { TEST_COLORS, colorLibrary, colorVector } from '../test-support/colorLibrary';
import { MemoryStorage } from '../test-support/memoryStorage';
import type { LibraryPhase } from '../shared/phase';
import * as Comlink from 'comlink';
import { createSearchClient } from '../features/search/searchClient';
import { createSearchCore } from '../features/search/worker/core';
import { createCore, mergeSorted } from './core';

/** The hub's default embedder, and another hub embedder to switch to. */
const hubDefault = DEFAULT_MODELS.hub.embedder;
const anotherEmbedder = hubDefault.id === clipVitBasePatch32.id ? mobileclipS0 : clipVitBasePatch32;

/**
 * The engine as the core uses it, answering with colour vectors: an image's colour is its model input's first
 * byte (an index into TEST_COLORS), a text's is the colour words in it (see `colorVector`).
 */
function fakeEngine() {
  const log = { loads: [] as string[], towers: [] as Towers[], texts: [] as string[], images: [] as string[] };
  const faults = { load: (_modelId: string): Error | null => null };
  const engine = {
    setProgressListener: () => {},
    load: async (modelId: string, _preference?: DevicePreference, _signal?: AbortSignal, towers: Towers = 'both') => {
      log.loads.push(modelId);
      log.towers.push(towers);
      const error = faults.load(modelId);
      if (error) throw error;
      return { modelId, device: 'wasm' as const };
    },
    inputSize: async () => 1,
    embedImages: async (modelId: string, crops: Uint8ClampedArray[]) => {
      log.images.push(...crops.map(() => modelId));
      return crops.map((crop) => colorVector(TEST_COLORS[crop[0]!]!));
    },
    embedTexts: async (_modelId: string, texts: string[]) => {
      log.texts.push(...texts);
      return texts.map(colorVector);
    },
    registerModels: async () => {},
    capabilities: async () => ({ webgpu: false, shaderF16: false, threads: 2, crossOriginIsolated: true }),
  } satisfies Partial<EngineClient>;
  return { engine: engine as unknown as EngineClient, log, faults };
}

/** Decodes `<colour>-<n>.png` into a one-pixel model input naming its colour. */
const fakeDecoder = {
  async decode(file: File): Promise<DecodeResult> {
    const [, color, n] = /^(\w+)-(\d+)\./.exec(file.name)!;
    return {
      ok: true,
      hash: fakeId(1000 + Number(n)),
      kind: 'png',
      width: 40,
      height: 30,
      thumbnail: fakeThumbnail(Number(n)),
      modelInput: new Uint8ClampedArray([TEST_COLORS.indexOf(color as 'red'), 0, 0, 255]),
      modelInputSide: 1,
      meta: NO_META,
      decoder: 'browser',
    };
  },
};

/** A folder of `count` photos, coloured red, green, blue, red, ... */
function colorFolder(count: number): ImportSource {
  const files = Array.from({ length: count }, (_, n) => {
    const name = `${TEST_COLORS[n % 3]}-${n}.png`;
    return {
      file: new File([new Uint8Array([n])], name, { type: 'image/png', lastModified: n }),
      path: `trip/${name}`,
    };
  });
  return { rootId: 'folder:trip', name: 'trip', files };
}

/** A core over `lib` (a fresh empty library by default) with the fakes above; records every phase it passes. */
async function setup(
  options: { modelSource?: ModelSource; lib?: Library; storage?: Storage; folderAccess?: FolderAccess } = {},
) {
  const lib = options.lib ?? (await openLibrary({ factory: new IDBFactory() }));
  const { engine, log, faults } = fakeEngine();
  // The real search worker core, in this thread through a message port.
  const channel = new MessageChannel();
  Comlink.expose(createSearchCore({ threads: 1, spawnScanner: null, shared: false }), channel.port1);
  const core = createCore({
    engine,
    search: createSearchClient(() => channel.port2),
    openLibrary: async () => lib,
    createDecoder: () => fakeDecoder,
    modelSource: options.modelSource ?? 'hub',
    device: 'wasm',
    storage: options.storage ?? new MemoryStorage(),
    folderAccess: options.folderAccess,
  });
  const phases: LibraryPhase[] = [core.store.get().phase];
  core.store.subscribe(() => {
    const { phase } = core.store.get();
    if (phase !== phases.at(-1)) phases.push(phase);
  });
  /** Types a query and waits for its matches above the cutoff (as the grid shows them): photo names, best first. */
  const search = async (query: string) => {
    core.search.setQuery(query);
    await vi.waitFor(() =>
      expect(core.search.store.get()).toMatchObject({ matchesFor: query, matches: expect.any(Array) }),
    );
    const names = new Map(core.store.get().photos.map((p) => [p.id, p.name]));
    const { matches, minScore } = core.search.store.get();
    return matches!.filter((m) => m.score >= minScore).map((m) => names.get(m.id));
  };
  return { core, lib, log, faults, phases, search };
}

const names = (count: number, color: string) =>
  Array.from({ length: count }, (_, n) => `${TEST_COLORS[n % 3]}-${n}.png`).filter((n) => n.startsWith(color));

beforeEach(() => {
  vi.stubGlobal('navigator', {}); // Node 20 has none; the browser's has no Web Locks in some contexts either
  vi.stubGlobal('BroadcastChannel', undefined); // each test's core is alone, not told about the others' changes
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('starting', () => {
  test('an empty library ends in "empty" after "opening", loading no model (nothing to search yet)', async () => {
    const { core, phases, log } = await setup();
    expect(core.store.get().phase).toBe('opening');
    await core.start();
    expect(phases).toEqual(['opening', 'empty']);
    expect(core.store.get()).toMatchObject({ photos: [], message: null, device: null });
    expect(log.loads).toEqual([]);
  });

  test('a library with photos shows them and loads the embedder, ready to search', async () => {
    const world = await colorLibrary(4, hubDefault.id);
    const { core, phases, log } = await setup({ lib: world.lib });
    const photosListed: number[] = [];
    const load = core.engine.load.bind(core.engine);
    core.engine.load = (...args) => {
      photosListed.push(core.store.get().photos.length);
      return load(...args);
    };
    await core.start();
    expect(phases).toEqual(['opening', 'ready']);
    expect(core.store.get().photos).toHaveLength(4);
    expect(core.search.store.get().indexedCount).toBe(4);
    // Search needs the vectors and the text tower only: it loads while the photo records are still being read.
    expect(log.loads).toEqual([hubDefault.id]);
    expect(log.towers).toEqual(['text']);
    expect(photosListed).toEqual([0]);
  });
});

describe('importing a folder', () => {
  test('ends "ready" with every photo listed and indexed by the current embedder', async () => {
    const { core, lib, phases, log } = await setup();
    await core.start();
    await core.importer.import(colorFolder(10));

    expect(core.store.get().phase).toBe('ready');
    expect(phases.slice(0, 3)).toEqual(['opening', 'empty', 'loading-models']);
    expect(phases.slice(phases.indexOf('indexing'))).toEqual(['indexing', 'ready']); // never "empty" at the end
    expect(log.towers).toEqual(['both']); // an import needs the vision tower too
    expect(
      core.store
        .get()
        .photos.map((p) => p.name)
        .sort(),
    ).toEqual(names(10, '').sort());
    expect(core.search.store.get().indexedCount).toBe(10);
    expect(log.images).toEqual(Array.from({ length: 10 }, () => hubDefault.id));
    expect((await loadEmbeddingBlocks(lib, hubDefault.id)).reduce((n, b) => n + b.count, 0)).toBe(10);
    expect(core.importer.store.get()).toMatchObject({ running: false, indexing: null, interrupted: [] });
    expect(core.store.get().message).toBeNull();
  });

  test('the grid and the index follow the committed batches: the end re-reads no photo record', async () => {
    const { core, lib } = await setup();
    await core.start();
    await core.importer.import(colorFolder(6));
    const reads = vi.spyOn(lib.db, 'transaction');
    // The same files found in a second folder: the same photos, each with a second place.
    const copy = colorFolder(6);
    await core.importer.import({
      rootId: 'folder:copy',
      name: 'copy',
      files: copy.files.map((f) => ({ ...f, path: f.path.replace('trip/', 'copy/') })),
    });
    const photos = core.store.get().photos;
    expect(photos).toHaveLength(6);
    expect(photos.every((p) => p.sources.map((s) => s.rootId).join() === 'folder:trip,folder:copy')).toBe(true);
    expect(photos.every((p) => core.photosById().get(p.id) === p)).toBe(true); // the id map follows the batches
    expect(core.search.store.get().indexedCount).toBe(6);
    const readStores = reads.mock.calls.flatMap(([stores, mode]) => (mode === 'readonly' ? [stores].flat() : []));
    expect(readStores).not.toContain('photos');
    expect(readStores).not.toContain('embeddingBlocks');
  });

  test('a folder dropped while the library is still opening waits for it and is imported, not lost', async () => {
    const { core } = await setup();
    const importing = core.importSources([colorFolder(4)]); // before start(): the library is not open yet
    expect(core.store.get().phase).toBe('opening');
    await core.start();
    await importing;
    expect(core.store.get()).toMatchObject({ phase: 'ready' });
    expect(core.store.get().photos).toHaveLength(4);
  });
});

describe('loading models', () => {
  test('a hub model that fails to load falls back to the demo models, says so, and indexes with them', async () => {
    const storage = new MemoryStorage();
    const { core, lib, log, faults } = await setup({ storage });
    faults.load = (id) => (id === hubDefault.id ? new TypeError('Failed to fetch') : null);
    await core.start();
    await core.importer.import(colorFolder(3));

    expect(log.loads).toEqual([hubDefault.id, fixtureColorClip.id]);
    expect(core.store.get()).toMatchObject({ phase: 'ready', modelSource: 'demo' });
    expect(core.store.get().message).toBe(
      `Couldn't load ${hubDefault.name} from the hub (offline?). Using the offline demo models.`,
    );
    expect(core.models.store.get()).toMatchObject({
      embedderId: DEFAULT_MODELS.demo.embedder.id,
      captionerId: DEFAULT_MODELS.demo.captioner.id,
    });
    expect(log.images).toEqual([fixtureColorClip.id, fixtureColorClip.id, fixtureColorClip.id]);
    expect(core.search.store.get().indexedCount).toBe(3);
    expect(await loadEmbeddingBlocks(lib, hubDefault.id)).toEqual([]);
    expect(storage.getItem('shoebox.models')).toBeNull(); // the fallback is for this visit, not remembered
  });

  test('a demo model that fails to load ends in "error" with a clear message; the next search tries again', async () => {
    const world = await colorLibrary(3, fixtureColorClip.id);
    const { core, log, faults, phases, search } = await setup({ modelSource: 'demo', lib: world.lib });
    faults.load = () => new Error('HTTP 503');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await core.start();
    expect(logged).toHaveBeenCalledWith(new Error('HTTP 503'));

    expect(core.store.get().phase).toBe('error');
    expect(phases).toEqual(['opening', 'error']);
    expect(core.store.get().message).toBe(
      "Couldn't load Demo colour CLIP: HTTP 503. Check the connection and drop the folder again.",
    );
    expect(core.store.get().photos).toHaveLength(3); // what is there is still shown

    faults.load = () => null;
    expect((await search('red'))[0]).toBe('img_1.jpg');
    expect(log.loads).toEqual([fixtureColorClip.id, fixtureColorClip.id]);
    expect(core.store.get()).toMatchObject({ phase: 'ready', message: null });
  });
});

describe('searching', () => {
  test('a text query is embedded by the engine and ranks the photos by their stored vectors', async () => {
    const world = await colorLibrary(6, hubDefault.id); // img_1 red, img_2 green, img_3 blue, img_4 red...
    const { core, log, search } = await setup({ lib: world.lib });
    await core.start();

    expect((await search('red')).sort()).toEqual(['img_1.jpg', 'img_4.jpg']);
    expect(await search('blue')).toHaveLength(2);
    expect(log.texts).toEqual(['red', 'blue']);
    core.search.setMinScore(-0.2); // weak matches too: the red ones still come first
    await vi.waitFor(() => expect(core.search.store.get().matches).toHaveLength(6));
    const ranked = core.search.store.get().matches!.map((m) => world.photos.findIndex((p) => p.id === m.id) % 3);
    expect(ranked.slice(0, 2)).toEqual([2, 2]);
  });

  test('choosing another embedder resets the search and reads that model’s vectors', async () => {
    const world = await colorLibrary(6, hubDefault.id);
    // The other model has vectors for the first two photos only, and sees them both as blue.
    await commitPhotos(
      world.lib,
      world.photos.slice(0, 2).map((photo, n) => ({
        photo,
        thumbnail: fakeThumbnail(n),
        embedding: { modelId: anotherEmbedder.id, vector: colorVector('blue') },
      })),
    );
    const { core, log, search } = await setup({ lib: world.lib });
    await core.start();
    expect((await search('blue')).sort()).toEqual(['img_3.jpg', 'img_6.jpg']);

    await core.models.use(anotherEmbedder);
    expect(core.search.store.get()).toMatchObject({ matches: null, minScore: anotherEmbedder.defaultMinScore });
    expect(core.store.get().device).toBeNull(); // the next search loads the new model
    await vi.waitFor(() => expect(core.search.store.get().indexedCount).toBe(2));

    expect((await search('blue')).sort()).toEqual(['img_1.jpg', 'img_2.jpg']);
    expect(log.loads).toEqual([hubDefault.id, anotherEmbedder.id]);
  });
});

describe('originals', () => {
  /** A folder the browser stops granting after a reload until asked again; its files by path. */
  function folder() {
    const state = { granted: true, asked: 0, files: new Map<string, File>() };
    const access: FolderAccess = {
      read: async (_dir, path) => {
        if (!state.granted) return { problem: 'no-access' };
        const file = state.files.get(path);
        return file ? { file } : { problem: 'gone' };
      },
      request: async () => {
        state.asked++;
        state.granted = true;
        return true;
      },
    };
    return { state, access };
  }
  // A stored handle must be structured-cloneable: a plain object stands in for the browser's.
  const handle = { kind: 'directory', name: 'trip' } as unknown as FileSystemDirectoryHandle;

  test('read back through the folder; after access is lost the viewer is told why, and asking again reads it', async () => {
    const { state, access } = folder();
    const { core } = await setup({ folderAccess: access });
    await core.start();
    const source = colorFolder(2);
    for (const f of source.files) state.files.set(f.path, f.file);
    await core.importer.import({ ...source, handle });
    const [photo] = core.store.get().photos;

    const read = await core.openOriginal(photo!.id);
    expect('file' in read && read.file.name).toBe(photo!.name);
    state.granted = false; // as after a reload
    expect(await core.openOriginal(photo!.id)).toEqual({ problem: 'no-access' });
    expect(await core.loadOriginal(photo!.id)).toBeUndefined();
    expect(await core.allowFolderAccess(photo!.id)).toBe(true);
    expect(state.asked).toBe(1);
    expect('file' in (await core.openOriginal(photo!.id))).toBe(true);

    state.files.clear();
    expect(await core.openOriginal(photo!.id)).toEqual({ problem: 'gone' });
  });

  test('photos imported without a folder handle say so, and there is nothing to ask', async () => {
    const { state, access } = folder();
    const { core } = await setup({ folderAccess: access });
    await core.start();
    await core.importer.import(colorFolder(1));
    const [photo] = core.store.get().photos;
    expect(await core.openOriginal(photo!.id)).toEqual({ problem: 'no-folder' });
    expect(await core.allowFolderAccess(photo!.id)).toBe(false);
    expect(state.asked).toBe(0);
  });
});

describe('mergeSorted', () => {
  test('merges two sorted lists into one sorted list, keeping the first list first on ties', () => {
    const order = (x: [number, string], y: [number, string]) => x[0] - y[0];
    const merged = mergeSorted<[number, string]>(
      [
        [1, 'a'],
        [3, 'a'],
        [3, 'b'],
        [9, 'a'],
      ],
      [
        [0, 'x'],
        [3, 'x'],
        [10, 'x'],
      ],
      order,
    );
    expect(merged.map(([n, s]) => `${n}${s}`)).toEqual(['0x', '1a', '3a', '3b', '3x', '9a', '10x']);
    expect(mergeSorted([], [1, 2], (x, y) => x - y)).toEqual([1, 2]);
    expect(mergeSorted([1, 2], [], (x, y) => x - y)).toEqual([1, 2]);
  });
});
