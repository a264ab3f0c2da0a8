import { isImportedModelUrl } from '../models/imported';
import type { ModelSource } from '../models/types';
import type { Transformers } from './transformers';

/** Where files come from on this origin. */
export interface RuntimePaths {
  /** Folder holding the demo (fixture) models, e.g. `https://app.example/models/`. */
  readonly localModels: string;
  /** Folder holding onnxruntime-web's WASM files, served by the app itself. */
  readonly ortWasm: string;
}

/** Configures transformers.js once per worker: self-hosted WASM, threads, and browser caching of downloads. */
export function configureRuntime(tf: Transformers, paths: RuntimePaths, threads: number): void {
  const wasm = tf.env.backends.onnx.wasm;
  if (wasm) {
    wasm.wasmPaths = {
      mjs: `${paths.ortWasm}ort-wasm-simd-threaded.asyncify.mjs`,
      wasm: `${paths.ortWasm}ort-wasm-simd-threaded.asyncify.wasm`,
    };
    wasm.numThreads = threads;
  }
  tf.env.localModelPath = paths.localModels;
  tf.env.useBrowserCache = typeof caches !== 'undefined';
  tf.env.fetch = importedStayLocal(tf.env.fetch);
}

/** Imported models exist only in the browser cache: a file of theirs not found there is a 404, never a request. */
export function importedStayLocal(next: Transformers['env']['fetch']): Transformers['env']['fetch'] {
  return (input, init) =>
    isImportedModelUrl(String(input))
      ? Promise.resolve(new Response(null, { status: 404, statusText: 'Not in the imported model' }))
      : next(input, init);
}

/**
 * Points model loading at one source: the app's own folder for demo models, the hub (and its cache) otherwise.
 * Imported models load like hub ones: their files are already in the cache under hub-style keys.
 */
export function selectSource(tf: Transformers, source: ModelSource): void {
  const local = source === 'demo';
  tf.env.allowLocalModels = local;
  tf.env.allowRemoteModels = !local;
}
