import * as Comlink from 'comlink';
import type { ProbeApi, SplitFigures, SplitInput } from './splitEvaluate';

/**
 * Runs `splitEvaluate` in a worker of its own, started for the call and terminated after it: training is the only
 * long step, and terminating is the only way to stop it midway, so cancel (the signal) terminates it too.
 */
export function splitEvaluateInWorker(input: SplitInput, signal: AbortSignal): Promise<SplitFigures> {
  signal.throwIfAborted();
  const worker = new Worker(new URL('./probe.worker.ts', import.meta.url), { type: 'module', name: 'shoebox-probe' });
  const api = Comlink.wrap<ProbeApi>(worker);
  return new Promise<SplitFigures>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    worker.addEventListener('error', (event) => reject(new Error(`probe worker: ${event.message}`)));
    api
      .splitEvaluate(input)
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', stop));
  }).finally(() => {
    api[Comlink.releaseProxy]();
    worker.terminate();
  });
}
