/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { TUNABLES } from '../../tunables';
import { createSearchCore, type SearchWorkerApi } from './core';
import type { ScannerApi, ScannerPort } from './scanRange';

// Helpers read the index's memory directly, which needs it shared: cross-origin isolation.
const shared = self.crossOriginIsolated === true;

function spawnScanner(): ScannerPort {
  const worker = new Worker(new URL('./scan.worker.ts', import.meta.url), { type: 'module', name: 'search-scan' });
  const remote = Comlink.wrap<ScannerApi>(worker);
  return {
    init: (memory, layout, kind) => remote.init(memory, layout, kind),
    scan: (request) => remote.scan(request),
    labels: (request) => remote.labels(request),
    terminate: () => worker.terminate(),
  };
}

const core = createSearchCore({
  threads: shared ? Math.min(navigator.hardwareConcurrency || 1, TUNABLES.maxScanThreads) : 1,
  spawnScanner: shared ? spawnScanner : null,
  shared,
});

const api: SearchWorkerApi = {
  ...core,
  async labelAll(labels, options) {
    const out = await core.labelAll(labels, options);
    const r = out.result;
    const buffers = [
      r.cosines,
      r.mode === 'single' ? r.best : r.assigned,
      ...(r.mode === 'single' ? [r.confidence] : []),
    ];
    return Comlink.transfer(
      out,
      buffers.map((b) => b.buffer as ArrayBuffer),
    );
  },
  async teach(request) {
    const out = await core.teach(request);
    return Comlink.transfer(out, [out.scores.buffer as ArrayBuffer]);
  },
};

Comlink.expose(api);
