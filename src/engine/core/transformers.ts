/** The transformers.js module, injected so the same core runs in the worker and under Vitest in Node. */
export type Transformers = typeof import('@huggingface/transformers');

/** A device name as transformers.js takes it (`auto` is what works on onnxruntime-web in Node). */
export type TfDevice = 'webgpu' | 'wasm' | 'auto';

/** Model-loading options common to every model. */
export interface LoadContext {
  readonly tf: Transformers;
  readonly device: TfDevice;
  readonly onProgress?: (event: { status: string; [key: string]: unknown }) => void;
}
