import { findModel, isCaptioner, isEmbedder } from '../models';
import type { Device, ModelSpec } from '../models/types';
import { loadCaptioner, type CaptionImage, type CaptionOptions, type Captioner } from './captioner';
import { chooseDevice, chooseDtype, type DeviceCapabilities, type DevicePreference } from './device';
import { loadTextTower, loadVisionTower, type TextTower, type Towers, type VisionTower } from './embedder';
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

/** An embedder's towers load apart: search needs only the text tower, so a returning user searches sooner. */
interface EmbedderSlot extends Slot<TextTower> {
  vision: Promise<VisionTower> | null;
  /** Loads the vision tower (serialized, repaired like any load); set with the text tower. */
  loadVision: () => Promise<VisionTower>;
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
  let embedder: EmbedderSlot | null = null;
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

  /** Loads a model (for an embedder, its text tower, and the vision tower too unless `towers` is 'text'). */
  async function load(
    modelId: string,
    preference: DevicePreference,
    onProgress?: ProgressListener,
    towers: Towers = 'both',
  ) {
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
        const text = start(() => loadTextTower(ctx, model, dtype));
        const slot: EmbedderSlot = {
          key,
          device,
          instance: text,
          vision: null,
          loadVision: () => {
            const vision = text.then((t) => start(() => loadVisionTower(ctx, model, dtype, t.pixels)));
            slot.vision = vision;
            // A failed tower is not kept either: the next use loads it again.
            vision.catch(() => {
              if (slot.vision === vision) slot.vision = null;
            });
            return vision;
          },
        };
        embedder = slot;
        // A failed load is not kept: the next call loads again (after a dropped connection, say).
        text.catch(() => {
          if (embedder === slot) embedder = null;
        });
        if (previous) disposeEmbedder(previous);
      }
      const slot = embedder;
      await slot.instance;
      if (towers === 'both') await (slot.vision ?? slot.loadVision());
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

  async function embedderSlot(modelId: string): Promise<EmbedderSlot> {
    if (!embedder?.key.startsWith(`${modelId}@`)) await load(modelId, 'auto', undefined, 'text');
    return embedder!;
  }

  return {
    load,
    async embedImages(modelId: string, crops: readonly Uint8ClampedArray[]): Promise<Float32Array[]> {
      const slot = await embedderSlot(modelId);
      const vectors = await (await (slot.vision ?? slot.loadVision())).embedImages(crops);
      stats.imagesEmbedded += crops.length;
      return vectors;
    },
    async embedTexts(modelId: string, texts: readonly string[]): Promise<Float32Array[]> {
      const vectors = await (await (await embedderSlot(modelId)).instance).embedTexts(texts);
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
      return (await (await embedderSlot(modelId)).instance).pixels.size;
    },
    stats: (): EngineStats => ({ ...stats }),
    capabilities: (): DeviceCapabilities => caps,
  };
}

export type Engine = ReturnType<typeof createEngine>;

function disposeEmbedder(slot: EmbedderSlot): void {
  void slot.instance.then((t) => t.dispose()).catch(() => undefined);
  void slot.vision?.then((v) => v.dispose()).catch(() => undefined);
}
