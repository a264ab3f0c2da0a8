import * as Comlink from 'comlink';
import { createCore, type Core } from '../../../src/app/core';
import { EngineClient } from '../../../src/engine/client';
import { registerImportedModels } from '../../../src/engine/models/imported';
import { createDecoder } from '../../../src/features/import/decoder';
import { createSearchClient } from '../../../src/features/search/searchClient';
import { openLibrary } from '../../../src/library/db';
import { coreBudget, type CoreBudget } from '../../../src/ingest/coreBudget';
import { DecodeClient } from '../../../src/ingest/decodeClient';
import type { DecodeCeilingApi, DecodeVariant, TimedVariant } from './decode-ceiling.worker';
import type { OrtCeilingApi } from './ort-ceiling.worker';
import type { UsualWayApi } from './usual-way.worker';
import { BENCH_MODEL, bestRoundPerSec, median, modelUrl, now, sum, syntheticCrop, TUNABLES } from './shared';

/** Indexing throughput: the app's whole path, and beside it the ceilings and the usual way. */

type Span = [start: number, end: number];

export interface AppIndexingResult {
  photos: number;
  ms: number;
  perSec: number;
  modelLoadMs: number;
  threads: number;
  crossOriginIsolated: boolean;
  longestTaskMs: number;
  longTasks: number;
  longTaskSpans: Span[];
  decodeSpans: Span[];
  embedSpans: Span[];
  embedSizes: number[];
  budget: CoreBudget;
  indexed: number;
  problems: number;
}

// What the app's decoder and engine spent their time on in the current round: the bench injects timing wrappers
// through the composition root, as tests inject theirs; they observe and change nothing.
const decodeSpans: Span[] = [];
const embedSpans: Span[] = [];
const embedSizes: number[] = [];

class TimedEngine extends EngineClient {
  override async embedImages(modelId: string, crops: Uint8ClampedArray[], signal?: AbortSignal) {
    const t = now();
    embedSizes.push(crops.length);
    try {
      return await super.embedImages(modelId, crops, signal);
    } finally {
      embedSpans.push([t, now()]);
    }
  }
}

let app: Promise<Core> | null = null;

/** The page's one started app core, pointed at the benchmark model. */
export function appCore(): Promise<Core> {
  app ??= (async () => {
    const core = await newAppCore();
    await core.start();
    return core;
  })();
  return app;
}

/** The app's core, pointed at the benchmark model (as `?models=demo` points it at the fixture one). */
export async function newAppCore(): Promise<Core> {
  registerImportedModels([BENCH_MODEL]);
  const engine = new TimedEngine();
  await engine.registerModels([BENCH_MODEL]);
  const core = createCore({
    engine,
    search: createSearchClient(),
    openLibrary: () => openLibrary(),
    createDecoder: () => {
      const decoder = createDecoder();
      return {
        async decode(file, side, signal) {
          const t = now();
          try {
            return await decoder.decode(file, side, signal);
          } finally {
            decodeSpans.push([t, now()]);
          }
        },
      };
    },
    modelSource: 'demo',
    device: 'auto',
    storage: null,
  });
  await core.models.use(BENCH_MODEL);
  return core;
}

/**
 * Imports each round of files through the app's import (read, decode, resize, embed, store), after a warm-up
 * import that loads the model. Rounds hold different photos (the app skips known ones); the fastest round counts.
 */
export async function appIndexing(rounds: File[][], warm: File[]): Promise<AppIndexingResult[]> {
  const c = await appCore();
  const asSource = (rootId: string, list: File[]) => ({
    rootId,
    name: rootId,
    files: list.map((file) => ({ file, path: `${rootId}/${file.name}` })),
  });

  const t0 = now();
  await c.importer.import(asSource('warm-up', warm)); // loads the model (download, sessions, warm-up runs) and the decoders
  const modelLoadMs = now() - t0;

  const caps = await c.engine.capabilities();
  const results: AppIndexingResult[] = [];
  for (const [round, files] of rounds.entries()) {
    decodeSpans.length = 0;
    embedSpans.length = 0;
    embedSizes.length = 0;
    const longTasks: Span[] = [];
    const observer = new PerformanceObserver((list) =>
      list.getEntries().forEach((e) => longTasks.push([e.startTime, e.startTime + e.duration])),
    );
    observer.observe({ type: 'longtask' });
    const t1 = now();
    await c.importer.import(asSource(`bench-${round}`, files));
    const ms = now() - t1;
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the observer deliver the last entries
    observer.disconnect();
    const state = c.store.get();
    results.push({
      photos: files.length,
      ms,
      perSec: (files.length / ms) * 1000,
      modelLoadMs,
      threads: caps.crossOriginIsolated ? caps.threads : 1,
      crossOriginIsolated: caps.crossOriginIsolated,
      longestTaskMs: Math.max(0, ...longTasks.map(([a, b]) => b - a)),
      longTasks: longTasks.length,
      longTaskSpans: longTasks.map(([a, b]) => [a - t1, b - t1]),
      decodeSpans: decodeSpans.map(([a, b]) => [a - t1, b - t1]),
      embedSpans: embedSpans.map(([a, b]) => [a - t1, b - t1]),
      embedSizes: [...embedSizes],
      budget: coreBudget({ cores: navigator.hardwareConcurrency, webgpu: false }),
      indexed: c.search.store.get().indexedCount,
      problems: state.problems.length,
    });
  }
  return results;
}

/** The engine alone (worker, transformers.js, pixel prep) on pre-made crops, batch as the app sends them. */
export async function engineOnly(runs: number): Promise<{ perSec: number; meanPerSec: number; runsMs: number[] }> {
  const c = await appCore();
  const batch = TUNABLES.indexBatchSize;
  const crops = () => Array.from({ length: batch }, (_, i) => syntheticCrop(224, i + 1));
  await c.engine.embedImages(BENCH_MODEL.id, crops());
  const runsMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const input = crops();
    const t = now();
    await c.engine.embedImages(BENCH_MODEL.id, input);
    runsMs.push(now() - t);
  }
  return { perSec: bestRoundPerSec(runsMs, runs, batch), meanPerSec: (batch * runs * 1000) / sum(runsMs), runsMs };
}

/** Text query to vector through the app's engine (worker round trip included), and the app's thread count. */
export async function appTextEncode(queries: string[]): Promise<{ ms: number[] }> {
  const c = await appCore();
  await c.engine.embedTexts(BENCH_MODEL.id, ['warm up']);
  const ms: number[] = [];
  for (const q of queries) {
    const t = now();
    await c.engine.embedTexts(BENCH_MODEL.id, [q]);
    ms.push(now() - t);
  }
  return { ms };
}

export async function disposeApp(): Promise<void> {
  (await app)?.engine.dispose();
  app = null;
}

// Each worker is started with a literal `new Worker(new URL(...))`: the form Vite recognizes and bundles.
function worker<T>(w: Worker): [Comlink.Remote<T>, () => void] {
  return [Comlink.wrap<T>(w), () => w.terminate()];
}

/** (a) The model ceiling: a bare ORT session, same batch and threads. Also the bare text encoder, short and padded. */
export async function modelCeiling(threads: number, runs: number) {
  const [api, stop] = worker<OrtCeilingApi>(
    new Worker(new URL('./ort-ceiling.worker.ts', import.meta.url), { type: 'module' }),
  );
  try {
    const batch = TUNABLES.indexBatchSize;
    const vision = await api.vision(modelUrl('vision_model_quantized.onnx'), threads, batch, runs);
    const textShort = await api.text(modelUrl('text_model_quantized.onnx'), threads, 8, 15);
    const textPadded = await api.text(modelUrl('text_model_quantized.onnx'), threads, 77, 7);
    return {
      batch,
      perSec: bestRoundPerSec(vision.runsMs, runs, batch),
      meanPerSec: (batch * runs * 1000) / sum(vision.runsMs),
      vision,
      textShortMs: median(textShort.runsMs),
      textShortRunsMs: textShort.runsMs,
      textShortMinMs: Math.min(...textShort.runsMs),
      textPaddedMs: median(textPadded.runsMs),
      textPaddedMinMs: Math.min(...textPadded.runsMs),
    };
  } finally {
    stop();
  }
}

/** (b) Decode ceiling candidates, each alone on `workers` workers, best of `passes`; plus the app's decoder alone. */
export async function decodeCeiling(files: File[], workers: number, passes: number) {
  const perSec: Record<string, number> = {};
  const variants: DecodeVariant[] = ['bitmap-then-resize', 'resize-in-decode', 'shrink-on-load', 'shrink-on-load-vips'];
  for (const variant of variants) {
    const pool = Array.from({ length: workers }, () =>
      worker<DecodeCeilingApi>(new Worker(new URL('./decode-ceiling.worker.ts', import.meta.url), { type: 'module' })),
    );
    try {
      await Promise.all(pool.map(([api], i) => api.decode(files[i % files.length]!, 224, variant)));
      for (let pass = 0; pass < passes; pass++) {
        const queue = [...files];
        const t = now();
        await Promise.all(
          pool.map(async ([api]) => {
            for (let f = queue.shift(); f; f = queue.shift()) await api.decode(f, 224, variant);
          }),
        );
        perSec[variant] = Math.max(perSec[variant] ?? 0, (files.length * 1000) / (now() - t));
      }
    } finally {
      pool.forEach(([, stop]) => stop());
    }
  }
  // The app's decoder alone (its pool, its worker: hash, thumbnail and model input per photo).
  const client = new DecodeClient({ modelInputSide: 224 });
  try {
    await Promise.all(files.slice(0, 2).map((f) => client.decode(f)));
    for (let pass = 0; pass < passes; pass++) {
      const t = now();
      const results = await Promise.all(files.map((f) => client.decode(f)));
      if (results.some((r) => !r.ok)) throw new Error('app decoder failed on a bench photo');
      perSec['app-decoder'] = Math.max(perSec['app-decoder'] ?? 0, (files.length * 1000) / (now() - t));
    }
  } finally {
    client.dispose();
  }
  return perSec;
}

/**
 * Per-photo decode time of one path: ONE worker, one photo at a time (so no path gets more threads than another
 * beyond what its decoder itself starts), after two warm-up photos; the milliseconds of each step of each photo.
 */
export async function decodePerPhoto(files: File[], side: number, variant: TimedVariant) {
  const [api, stop] = worker<DecodeCeilingApi>(
    new Worker(new URL('./decode-ceiling.worker.ts', import.meta.url), { type: 'module' }),
  );
  try {
    for (const f of files.slice(0, 2)) await api.timedSteps(f, side, variant);
    const steps: Record<string, number>[] = [];
    const t = now();
    for (const f of files) steps.push(await api.timedSteps(f, side, variant));
    return { variant, photos: files.length, wallMs: now() - t, steps };
  } finally {
    stop();
  }
}

/**
 * Parity of the shrink-on-load path with the browser's full decode: per photo, the mean absolute difference of the
 * two 224 px model inputs (RGB levels of 255) and the cosine between the app engine's embeddings of them.
 */
export async function shrinkParity(files: File[]) {
  const c = await appCore();
  const [api, stop] = worker<DecodeCeilingApi>(
    new Worker(new URL('./decode-ceiling.worker.ts', import.meta.url), { type: 'module' }),
  );
  try {
    const pixelDiff: number[] = [];
    const cosine: number[] = [];
    for (const file of files) {
      const [full, shrunk] = await api.bothCrops(file, 224);
      let diff = 0;
      for (let i = 0; i < full.length; i++) if ((i & 3) !== 3) diff += Math.abs(full[i]! - shrunk[i]!);
      pixelDiff.push(diff / ((full.length / 4) * 3));
      const [a, b] = await c.engine.embedImages(BENCH_MODEL.id, [full, shrunk]);
      let dot = 0;
      for (let i = 0; i < a!.length; i++) dot += a![i]! * b![i]!;
      cosine.push(dot); // the engine's vectors are unit length
    }
    return { photos: files.length, pixelDiff, cosine };
  } finally {
    stop();
  }
}

/** (d) The usual way: transformers.js processor + model on a RawImage, one photo at a time, in a worker. */
export async function usualWay(files: File[], warm: File, threads: number) {
  const [api, stop] = worker<UsualWayApi>(
    new Worker(new URL('./usual-way.worker.ts', import.meta.url), { type: 'module' }),
  );
  try {
    const r = await api.run(BENCH_MODEL.repo, threads, files, warm);
    return { ...r, perSec: bestRoundPerSec(r.perPhotoMs, 2), meanPerSec: (files.length * 1000) / sum(r.perPhotoMs) };
  } finally {
    stop();
  }
}
