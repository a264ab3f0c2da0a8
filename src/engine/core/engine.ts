import { findModel, isAsker, isCaptioner, isEmbedder } from '../models';
import type { Device, ModelSpec } from '../models/types';
import { loadAsker, type Answer, type Asker, type TokenListener } from './asker';
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
  answers: number;
  modelLoads: number;
}

/** A generative model held in memory, with the bytes of the files it was loaded from (0: not known). */
export interface ResidentModel {
  readonly modelId: string;
  readonly bytes: number;
}

export type ProgressListener = (event: ModelProgressEvent) => void;

interface Slot<T> {
  key: string;
  device: Device;
  instance: Promise<T>;
}

/** Captioners and VLMs are large: one slot holds whichever was used last, the other is disposed first. */
interface GenerativeSlot extends Slot<Captioner | Asker> {
  kind: 'caption' | 'ask';
  bytes: number;
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
  let generative: GenerativeSlot | null = null;
  let loadChain: Promise<unknown> = Promise.resolve();
  const stats: EngineStats = { imagesEmbedded: 0, textsEmbedded: 0, captions: 0, answers: 0, modelLoads: 0 };

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
    const fileBytes = new Map<string, number>();
    const progressCallback = (info: unknown) => {
      const event = progressFromTransformers(info);
      if (event?.status === 'progress')
        fileBytes.set(event.file, Math.max(fileBytes.get(event.file) ?? 0, event.total));
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
    } else if (isCaptioner(model) || isAsker(model)) {
      if (generative?.key !== key) {
        const previous = generative;
        // The old model is gone before the new one loads, so the two are never in memory together.
        const freed = previous ? previous.instance.then((m) => m.dispose()).catch(() => undefined) : Promise.resolve();
        const loader = async (): Promise<Captioner | Asker> => {
          await freed;
          return isAsker(model) ? loadAsker(ctx, model, dtype) : loadCaptioner(ctx, model, dtype);
        };
        const slot: GenerativeSlot = { key, device, kind: model.task, bytes: 0, instance: start(loader) };
        generative = slot;
        slot.instance.then(
          () => (slot.bytes = [...fileBytes.values()].reduce((a, b) => a + b, 0)),
          () => {
            if (generative === slot) generative = null;
          },
        );
      }
      await generative.instance;
    }
    progress({ status: 'loaded' });
    return { modelId, device, dims: isEmbedder(model) ? model.dims : undefined } satisfies LoadedModel;
  }

  async function generativeModel(modelId: string): Promise<Captioner | Asker> {
    if (!generative?.key.startsWith(`${modelId}@`)) await load(modelId, 'auto');
    return generative!.instance;
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
      const text = await ((await generativeModel(modelId)) as Captioner).caption(image, options);
      stats.captions++;
      return text;
    },
    /** Answers a question about a picture, streaming the answer's pieces to `onToken`; `cancelAsk` stops it. */
    async ask(modelId: string, image: CaptionImage, question: string, onToken?: TokenListener): Promise<Answer> {
      const answer = await ((await generativeModel(modelId)) as Asker).ask(image, question, onToken);
      stats.answers++;
      return answer;
    },
    /** Stops the answer being made, if any: no token is delivered after this, and `ask` resolves. */
    async cancelAsk(): Promise<void> {
      const slot = generative;
      if (slot?.kind === 'ask') ((await slot.instance) as Asker).cancel();
    },
    /** The generative model in memory (a captioner or a VLM; never both), with the bytes of its files. */
    resident(): ResidentModel[] {
      const slot = generative;
      return slot ? [{ modelId: slot.key.slice(0, slot.key.lastIndexOf('@')), bytes: slot.bytes }] : [];
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
