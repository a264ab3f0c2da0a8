import { benchClipVitB32 } from './benchModel';

/** The benchmark model, as the app knows it (source 'demo': served from /models/bench/clip-vit-b32/). */
export const BENCH_MODEL = benchClipVitB32;
/** Where a worker outside the engine finds the same model files and ONNX Runtime build as the engine does. */
export const modelUrl = (file: string) => new URL(`/models/${BENCH_MODEL.repo}/onnx/${file}`, location.origin).href;
export const ORT_WASM_PATHS = () => ({
  mjs: new URL('/ort/ort-wasm-simd-threaded.asyncify.mjs', location.origin).href,
  wasm: new URL('/ort/ort-wasm-simd-threaded.asyncify.wasm', location.origin).href,
});
/** Batch size of the bare-session ceiling: the app's, so the two are comparable. */
export { TUNABLES } from '../../../src/features/tunables';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

export const now = () => performance.now();

/** A deterministic RGBA crop (model input) of side x side, as the decoder hands it to the engine. */
export function syntheticCrop(side: number, seed: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(side * side * 4);
  let s = seed * 2654435761;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) | 0;
    out[i] = (i & 3) === 3 ? 255 : (s >>> 16) & 255;
  }
  return out;
}

/**
 * Throughput (items/s) of the fastest of `rounds` consecutive equal slices of per-call times: other processes on a
 * shared machine only ever slow a run down, so the best slice is the least disturbed one.
 */
export function bestRoundPerSec(callMs: readonly number[], rounds: number, itemsPerCall = 1): number {
  const size = Math.ceil(callMs.length / rounds);
  let best = 0;
  for (let i = 0; i < callMs.length; i += size) {
    const chunk = callMs.slice(i, i + size);
    best = Math.max(best, (chunk.length * itemsPerCall * 1000) / sum(chunk));
  }
  return best;
}
