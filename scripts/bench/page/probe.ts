import * as Comlink from 'comlink';
import type { ProbeBenchApi } from './probe.worker';

/** The probe stage: train and label in a worker (the page stays free), the best of `runs`. */
export async function probeBench(runs: number, train: number, label: number) {
  const worker = new Worker(new URL('./probe.worker.ts', import.meta.url), { type: 'module' });
  const api = Comlink.wrap<ProbeBenchApi>(worker);
  try {
    const results: Awaited<ReturnType<ProbeBenchApi['run']>>[] = [];
    for (let r = 0; r < runs; r++) results.push(await api.run(train, label, 512, 10));
    const best = (key: 'trainMs' | 'labelMs') => Math.min(...results.map((x) => x[key]));
    return { ...results[0]!, trainMs: best('trainMs'), labelMs: best('labelMs') };
  } finally {
    worker.terminate();
  }
}
