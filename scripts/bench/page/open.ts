import { buildSearchIndex } from './plainIndex';
import { openLibrary } from '../../../src/library/db';
import { loadEmbeddingBlocks } from '../../../src/library/embeddings';
import { listPhotos } from '../../../src/library/photos';
import { quantizeRowInto } from '../../../src/library/quantize';
import { DB_NAME, EMBEDDING_BLOCK_ROWS, STORES, type EmbeddingBlock } from '../../../src/library/schema';
import { transact } from '../../../src/library/db';
import { fakeId, fakePhoto } from '../../../src/library/testing';
import { prngGaussian, prngMulberry32, syntheticDirection } from '../../../src/search/synthetic';
import * as Comlink from 'comlink';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../../../src/app/App';
import { EngineClient } from '../../../src/engine/client';
import { newAppCore } from './indexing';
import type { OrtCeilingApi } from './ort-ceiling.worker';
import { BENCH_MODEL, modelUrl, now } from './shared';

const DIMS = 512;

/**
 * Writes a fresh library of n photos in the stored format (photo records, int8 embedding blocks, row refs) straight
 * into IndexedDB. Run where the model was loaded before, so it is in the browser's cache, as for a returning user.
 */
export async function populateLibrary(n: number): Promise<{ ms: number }> {
  const t0 = now();
  await new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = resolve;
    request.onerror = () => reject(request.error);
  });
  const lib = await openLibrary();
  const gaussian = prngGaussian(prngMulberry32(99));
  for (let start = 0, blockNo = 0; start < n; start += EMBEDDING_BLOCK_ROWS, blockNo++) {
    const count = Math.min(EMBEDDING_BLOCK_ROWS, n - start);
    const block: EmbeddingBlock = {
      modelId: BENCH_MODEL.id,
      blockNo,
      dims: DIMS,
      count,
      ids: Array.from({ length: count }, (_, r) => fakeId(start + r)),
      codes: new Int8Array(count * DIMS),
      scales: new Float32Array(count),
    };
    for (let r = 0; r < count; r++) {
      block.scales[r] = quantizeRowInto(syntheticDirection(gaussian, DIMS), block.codes.subarray(r * DIMS), 0);
    }
    await transact(lib, [STORES.photos, STORES.embeddingRows, STORES.embeddingBlocks], 'readwrite', (tx) => {
      const photos = tx.objectStore(STORES.photos);
      const rows = tx.objectStore(STORES.embeddingRows);
      block.ids.forEach((photoId, r) => {
        photos.put(fakePhoto(start + r));
        rows.put({ modelId: BENCH_MODEL.id, photoId, blockNo });
      });
      tx.objectStore(STORES.embeddingBlocks).put(block);
    });
  }
  lib.close();
  return { ms: now() - t0 };
}

/**
 * Opens the page's library the way the app does (core.start, then a text search) and times each step from
 * the navigation start: library read and index built, model ready, first results. Then the reads alone.
 */
export async function openBench(query: string) {
  const scriptStartMs = now();
  const c = await newAppCore();
  let indexedMs = 0;
  let photosListedMs = 0;
  let textTowerMs = 0;
  let searchableMs = 0;
  // The user types as soon as the page shows the library's count (the vectors are in): the first query is answered
  // when the text tower is ready, whatever else the app is still reading.
  const results = new Promise<number>((resolve) => {
    const stop = c.search.store.subscribe(() => {
      const { indexedCount, query: typed, matches, matchesFor } = c.search.store.get();
      if (!indexedMs && indexedCount > 0) {
        indexedMs = now();
        if (!typed) queueMicrotask(() => c.search.setQuery(query));
      }
      if (matches && matchesFor === query) {
        searchableMs = now();
        stop();
        resolve(matches.length);
      }
    });
  });
  const unsubscribeApp = c.store.subscribe(() => {
    const { photos, device } = c.store.get();
    if (!photosListedMs && photos.length > 0) photosListedMs = now();
    if (!textTowerMs && device) textTowerMs = now();
  });
  await c.start();
  const modelReadyMs = now();
  const matches = await results;
  unsubscribeApp();
  const { bytes: embeddingBytes, count: idsCount } = await c.search.stats();
  c.engine.dispose();
  c.search.dispose();

  // The same reads alone, to see where the time goes.
  const lib = await openLibrary();
  let t = now();
  const photos = await listPhotos(lib);
  const listPhotosMs = now() - t;
  t = now();
  const stored = await loadEmbeddingBlocks(lib, BENCH_MODEL.id);
  const loadBlocksMs = now() - t;
  t = now();
  buildSearchIndex(stored);
  const buildIndexMs = now() - t;
  lib.close();
  const alone = await textTowerAlone();
  return {
    ...alone,
    photos: photos.length,
    matches,
    scriptStartMs,
    indexedMs,
    photosListedMs,
    textTowerMs,
    modelReadyMs,
    searchableMs,
    embeddingBytes,
    idsCount,
    listPhotosMs,
    loadBlocksMs,
    buildIndexMs,
  };
}

/**
 * The floor of the open stage's model half, with nothing else running: a fresh engine loading the text tower from
 * the browser's cache and answering one query, and a bare ORT session opened on the same file.
 */
async function textTowerAlone(): Promise<{ engineTextTowerMs: number; bareTextSessionMs: number }> {
  const engine = new EngineClient();
  await engine.registerModels([BENCH_MODEL]);
  const t = now();
  await engine.load(BENCH_MODEL.id, 'wasm', undefined, 'text');
  await engine.embedTexts(BENCH_MODEL.id, ['a dog on the beach']);
  const engineTextTowerMs = now() - t;
  engine.dispose();
  const worker = new Worker(new URL('./ort-ceiling.worker.ts', import.meta.url), { type: 'module' });
  try {
    const bare = Comlink.wrap<OrtCeilingApi>(worker);
    const { loadMs } = await bare.text(modelUrl('text_model_quantized.onnx'), navigator.hardwareConcurrency, 8, 1);
    return { engineTextTowerMs, bareTextSessionMs: loadMs };
  } finally {
    worker.terminate();
  }
}

/**
 * A returning user adds photos to a 100k-photo library: the whole app (its React tree) opens it and imports `files`.
 * The main thread's long tasks are recorded over the import (the figure) and over the opening before it.
 */
export async function indexIntoLibrary(files: File[]) {
  const longTasks: [number, number][] = [];
  const observer = new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => longTasks.push([e.startTime, e.duration])),
  );
  observer.observe({ type: 'longtask' });
  const c = await newAppCore();
  const t0 = now();
  // The whole app on screen, as a user has it: the gallery of 100k photos re-renders as the batches come in.
  await import('../../../src/app/app.css');
  const box = document.createElement('div');
  box.id = 'root';
  document.body.append(box);
  const root = createRoot(box);
  root.render(createElement(App, { core: c })); // App starts the core
  while (c.store.get().phase !== 'ready' || !c.store.get().device || !box.querySelector('[data-testid="photo"]')) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const t1 = now();
  await c.importer.import({
    rootId: 'added',
    name: 'added',
    files: files.map((file) => ({ file, path: `added/${file.name}` })),
  });
  const t2 = now();
  await new Promise((resolve) => setTimeout(resolve, 100)); // the observer delivers the last entries
  observer.disconnect();
  const indexed = c.search.store.get().indexedCount;
  root.unmount();
  box.remove();
  c.engine.dispose();
  c.search.dispose();
  const during = (from: number, to: number) => longTasks.filter(([start]) => start >= from && start < to);
  const importing = during(t1, t2);
  const opening = during(t0, t1);
  return {
    libraryPhotos: indexed - files.length,
    photos: files.length,
    importMs: t2 - t1,
    longestTaskMs: Math.max(0, ...importing.map(([, d]) => d)),
    longTasks: importing.length,
    longTasksMs: importing.map(([start, d]) => [Math.round(start - t1), Math.round(d)]),
    openLongestTaskMs: Math.max(0, ...opening.map(([, d]) => d)),
    openLongTasks: opening.length,
  };
}
