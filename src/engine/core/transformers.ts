import type { ProgressEvent } from './progress';
/** The transformers.js module, injected so the same core runs in the worker and under Vitest in Node. */
export type Transformers = typeof import('@huggingface/transformers');

/** A device name as transformers.js takes it (`auto` is what works on onnxruntime-web in Node). */
export type TfDevice = 'webgpu' | 'wasm' | 'auto';

/** Model-loading options common to every model. */
export interface LoadContext {
  readonly tf: Transformers;
  readonly device: TfDevice;
  /** Shoebox's own steps ('warmup'); transformers.js' events go through `progressCallback`. */
  readonly onProgress?: (event: ProgressEvent) => void;
  /** What transformers.js is given as `progress_callback`: its events, typed at the boundary. */
  readonly progressCallback?: (info: unknown) => void;
}
