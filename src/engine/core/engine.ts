import { findModel, isCaptioner, isEmbedder } from '../models';
import type { Device, ModelSpec } from '../models/types';
import { loadCaptioner, type CaptionImage, type CaptionOptions, type Captioner } from './captioner';
import { chooseDevice, chooseDtype, type DeviceCapabilities, type DevicePreference } from './device';
import { loadEmbedder, type Embedder } from './embedder';
import { evictIfDamaged, evictModelFiles, type CacheStorageLike } from './integrity';
import { selectSource } from './runtime';
import { progressFromTransformers, type ModelProgressEvent, type ProgressEvent } from './progress';
import type { TfDevice, Transformers } from './transformers';

/** What a caller learns about a model once it is ready. */
export interface LoadedModel {
  readonly modelId: string;
  readonly device: Device;
  readonly dims?: number;
}

/** Counters that let tests prove work was (or was not) done, e.g. relabeling computes no image embeddings. */
export interface EngineStats {
  imagesEmbedded: number;
  textsEmbedded: number;
  captions: number;
  modelLoads: number;
}

export type ProgressListener = (event: ModelProgressEvent) => void;

interface Slot<T> {
  key: string;
  device: Device;
  instance: Promise<T>;
}

/**
 * The stateful heart of the worker: one instance per model key (loaded once, disposed on switch), device choice,
 * and counters. Runs in Node under Vitest with transformers.js injected. `cacheStorage` is where downloaded model
 * files are kept, so a damaged one can be evicted and fetched again.
 */
export function createEngine(
  tf: Transformers,
  caps: DeviceCapabilities,
  tfDevice: (d: Device) => TfDevice,
  cacheStorage: CacheStorageLike | null = typeof caches === 'undefined' ? null : caches,
) {
  let embedder: Slot<Embedder> | null = null;
  let captioner: Slot<Captioner> | null = null;
  let loadChain: Promise<unknown> = Promise.resolve();
  const stats: EngineStats = { imagesEmbedded: 0, textsEmbedded: 0, captions: 0, modelLoads: 0 };

  function spec(modelId: string): ModelSpec {
    const found = findModel(modelId);
    if (!found) throw new Error(`unknown model "${modelId}"`);
    return found;
  }

  /** Loads are serialized: transformers.js reads its global source settings while loading. */
  function serialized<T>(fn: () => Promise<T>): Promise<T> {
    const next = loadChain.then(fn, fn);
    loadChain = next.catch(() => undefined);
    return next;
  }

  async function load(modelId: string, preference: DevicePreference, onProgress?: ProgressListener) {
    const model = spec(modelId);
    const device = chooseDevice(caps, preference);
    const key = `${modelId}@${device}`;
    const progress = (event: ProgressEvent) => onProgress?.({ ...event, modelId });
    const progressCallback = (info: unknown) => {
      const event = progressFromTransformers(info);
      if (event) progress(event);
    };
    const ctx = { tf, device: tfDevice(device), onProgress: progress, progressCallback };
    const dtype = chooseDtype(model, device, caps);
    const start = <T>(loader: () => Promise<T>) =>
      serialized(async () => {
        selectSource(tf, model.source);
        stats.modelLoads++;
        // Imported models exist only in the cache: evicting them would lose them, not repair them.
        const evict =
          cacheStorage && model.source !== 'imported' ? () => evictModelFiles(cacheStorage, model.repo) : null;
        return evictIfDamaged(loader, evict, model.name);
      });

    if (isEmbedder(model)) {
      if (embedder?.key !== key) {
        const previous = embedder;
        const slot = { key, device, instance: start(() => loadEmbedder(ctx, model, dtype)) };
        embedder = slot;
        // A failed load is not kept: the next call loads again (after a dropped connection, say).
        slot.instance.catch(() => {
          if (embedder === slot) embedder = null;
        });
        void previous?.instance.then((e) => e.dispose()).catch(() => undefined);
      }
      await embedder.instance;
    } else if (isCaptioner(model)) {
      if (captioner?.key !== key) {
        const previous = captioner;
        const slot = { key, device, instance: start(() => loadCaptioner(ctx, model, dtype)) };
        captioner = slot;
        slot.instance.catch(() => {
          if (captioner === slot) captioner = null;
        });
        void previous?.instance.then((c) => c.dispose()).catch(() => undefined);
      }
      await captioner.instance;
    }
    progress({ status: 'loaded' });
    return { modelId, device, dims: isEmbedder(model) ? model.dims : undefined } satisfies LoadedModel;
  }

  async function loadedEmbedder(modelId: string): Promise<Embedder> {
    if (!embedder?.key.startsWith(`${modelId}@`)) await load(modelId, 'auto');
    return embedder!.instance;
  }

  return {
    load,
    async embedImages(modelId: string, crops: readonly Uint8ClampedArray[]): Promise<Float32Array[]> {
      const vectors = await (await loadedEmbedder(modelId)).embedImages(crops);
      stats.imagesEmbedded += crops.length;
      return vectors;
    },
    async embedTexts(modelId: string, texts: readonly string[]): Promise<Float32Array[]> {
      const vectors = await (await loadedEmbedder(modelId)).embedTexts(texts);
      stats.textsEmbedded += texts.length;
      return vectors;
    },
    async caption(modelId: string, image: CaptionImage, options?: CaptionOptions): Promise<string> {
      if (!captioner?.key.startsWith(`${modelId}@`)) await load(modelId, 'auto');
      const text = await (await captioner!.instance).caption(image, options);
      stats.captions++;
      return text;
    },
    /** The size of square crop the current embedder wants, so the decoder resizes once. */
    async inputSize(modelId: string): Promise<number> {
      return (await loadedEmbedder(modelId)).pixels.size;
    },
    stats: (): EngineStats => ({ ...stats }),
    capabilities: (): DeviceCapabilities => caps,
  };
}

export type Engine = ReturnType<typeof createEngine>;
