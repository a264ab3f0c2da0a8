import type { Answer } from './core/asker';
import type { CaptionImage, CaptionOptions, CaptionTask } from './core/captioner';
import type { Towers } from './core/embedder';
import type { DeviceCapabilities, DevicePreference } from './core/device';
import type { EngineStats, LoadedModel, ResidentModel } from './core/engine';
import type { LoadProgress, ModelProgressEvent, ProgressEvent } from './core/progress';
import type { ModelSpec } from './models/types';

export type {
  Answer,
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
  ResidentModel,
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
  /**
   * Answers a question about a picture with a VLM, sending each piece of the answer to `onToken` as it is made.
   * Loading the VLM unloads the captioner (and captioning unloads the VLM): one generative model at a time.
   */
  ask(modelId: string, image: CaptionImage, question: string, onToken?: (piece: string) => void): Promise<Answer>;
  /** Stops the answer being made: `ask` resolves at once with what came so far (the worker keeps running). */
  cancelAsk(): Promise<void>;
  /** The generative model in memory, with the bytes of the files it was loaded from. */
  resident(): Promise<ResidentModel[]>;
  stats(): Promise<EngineStats>;
}
