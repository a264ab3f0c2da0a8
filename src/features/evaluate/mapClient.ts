import * as Comlink from 'comlink';
import type { MapApi } from './embeddingMap';

/** Runs `mapProject` in a worker of its own, terminated after the call or on cancel (as the probe's). */
export function projectInWorker(
  vectors: readonly Float32Array[],
  seed: number,
  progress: (done: number, total: number) => void,
  signal: AbortSignal,
): Promise<Float64Array> {
  signal.throwIfAborted();
  const worker = new Worker(new URL('./map.worker.ts', import.meta.url), { type: 'module', name: 'shoebox-map' });
  const api = Comlink.wrap<MapApi>(worker);
  return new Promise<Float64Array>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    worker.addEventListener('error', (event) => reject(new Error(`map worker: ${event.message}`)));
    api
      .project(vectors, seed, Comlink.proxy(progress))
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', stop));
  }).finally(() => {
    api[Comlink.releaseProxy]();
    worker.terminate();
  });
}
