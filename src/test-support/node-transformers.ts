/**
 * The one place that makes transformers.js run in Node on onnxruntime-web's WASM backend, the runtime the app
 * ships, instead of the onnxruntime-node it would pick by itself. Models load from public/models/.
 */
import { fileURLToPath } from 'node:url';

type Transformers = typeof import('@huggingface/transformers');

/** Absolute path of public/models/, so tests name models as the app does: 'fixtures/color-clip'. */
export const MODELS_DIR = fileURLToPath(new URL('../../public/models/', import.meta.url));

const ORT_WASM_DIR = fileURLToPath(new URL('../../node_modules/onnxruntime-web/dist/', import.meta.url));

/**
 * Options that every `from_pretrained`/`pipeline` call in Node needs: with onnxruntime-web injected, transformers.js
 * lists no devices of its own, so 'wasm' is rejected and 'auto' lets onnxruntime-web use its WASM backend.
 */
export const NODE_DEVICE = { device: 'auto' } as const;

let loading: Promise<Transformers> | undefined;

/** Imports @huggingface/transformers wired to onnxruntime-web and local models; later calls reuse the first. */
export function loadTransformers(): Promise<Transformers> {
  loading ??= load();
  return loading;
}

async function load(): Promise<Transformers> {
  const ort = await import('onnxruntime-web');
  // transformers.js reads this symbol once, at import time, so it must be set before the dynamic import below.
  (globalThis as Record<symbol, unknown>)[Symbol.for('onnxruntime')] = ort;
  const transformers = await import('@huggingface/transformers');
  const { env } = transformers;
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.localModelPath = MODELS_DIR;
  env.useBrowserCache = false;
  env.useFSCache = false;
  const wasm = env.backends.onnx.wasm;
  if (wasm) wasm.wasmPaths = ORT_WASM_DIR;
  return transformers;
}
