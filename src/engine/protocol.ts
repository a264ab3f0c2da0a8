import type { CaptionImage, CaptionOptions, CaptionTask } from './core/captioner';
import type { Towers } from './core/embedder';
import type { DeviceCapabilities, DevicePreference } from './core/device';
import type { EngineStats, LoadedModel } from './core/engine';
import type { LoadProgress, ModelProgressEvent, ProgressEvent } from './core/progress';
import type { ModelSpec } from './models/types';

export type {
  CaptionImage,
  CaptionOptions,
  CaptionTask,
  DeviceCapabilities,
  DevicePreference,
  EngineStats,
  LoadedModel,
  LoadProgress,
  ModelProgressEvent,
  ProgressEvent,
  Towers,
};

/** Where the worker finds its files, resolved against the page's origin by the client. */
export interface EngineConfig {
  /** Path of the demo models' folder on this origin, e.g. `/models/`. */
  readonly localModels: string;
  readonly ortWasm: string;
}

/**
 * The one typed RPC surface between the page and the engine worker (served by comlink). Every method is async;
 * vectors come back L2-normalized.
 */
export interface EngineApi {
  init(config: EngineConfig): Promise<DeviceCapabilities>;
  /** Makes models imported from folders loadable by id (their files are already in the browser cache). */
  registerModels(specs: ModelSpec[]): Promise<void>;
  /** Loads a model; an embedder's vision tower only with `towers` 'both' (or on the first image to embed). */
  load(
    modelId: string,
    preference: DevicePreference,
    onProgress?: (e: ModelProgressEvent) => void,
    towers?: Towers,
  ): Promise<LoadedModel>;
  inputSize(modelId: string): Promise<number>;
  embedImages(modelId: string, crops: Uint8ClampedArray[]): Promise<Float32Array[]>;
  embedTexts(modelId: string, texts: string[]): Promise<Float32Array[]>;
  /** A caption, or with `task: 'ocr'` the text written in the picture (Florence-2). */
  caption(modelId: string, image: CaptionImage, options?: CaptionOptions): Promise<string>;
  stats(): Promise<EngineStats>;
}
