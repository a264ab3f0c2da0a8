import { MAX_DECODE_WORKERS, MAX_DECODE_WORKERS_WEBGPU } from './tunables';

/** How an import shares the cores between the decode workers and the model's WASM threads. */
export interface CoreBudget {
  readonly cores: number;
  readonly decodeWorkers: number;
  /** onnxruntime-web's intra-op threads (fixed when the runtime starts; the engine's text queries use them too). */
  readonly ortThreads: number;
  /** Why, in a few words (shown in the bench output). */
  readonly why: string;
}

/**
 * Decided from the device alone (BENCHMARKS.md has the measurements):
 * - model on WebGPU: the model barely needs the CPU, so decoding gets every core but one (up to a pool's worth);
 * - WASM on up to 2 cores: one decode worker and ORT keeps every core. Taking a thread from ORT made the whole
 *   import slower (0.44 of the ceiling): its thread pool synchronizes at every op, and the browser decodes
 *   and resamples on threads of its own anyway. With shrink-on-load a photo costs a fraction of its embedding;
 * - WASM on more cores: decode workers take a quarter of them (at least one) and ORT the rest, so the two
 *   never oversubscribe the cores (which slowed ORT 3-4x).
 */
export function coreBudget({ cores, webgpu }: { cores: number; webgpu: boolean }): CoreBudget {
  const n = Math.max(1, Math.floor(cores) || 1);
  if (webgpu) {
    const decodeWorkers = Math.max(1, Math.min(MAX_DECODE_WORKERS_WEBGPU, n - 1));
    return { cores: n, decodeWorkers, ortThreads: n, why: 'model on WebGPU: decoding gets the cores' };
  }
  if (n <= 2) return { cores: n, decodeWorkers: 1, ortThreads: n, why: 'WASM, <= 2 cores: ORT keeps every core' };
  const decodeWorkers = Math.max(1, Math.min(MAX_DECODE_WORKERS, Math.floor(n / 4)));
  return { cores: n, decodeWorkers, ortThreads: n - decodeWorkers, why: 'WASM: decode + ORT threads = cores' };
}
