import { probeCapabilities, wasmThreads } from '../../../src/engine/core/device';
import {
  appCore,
  appIndexing,
  appTextEncode,
  decodeCeiling,
  decodePerPhoto,
  disposeApp,
  engineOnly,
  modelCeiling,
  shrinkParity,
  usualWay,
} from './indexing';
import type { TimedVariant } from './decode-ceiling.worker';
import { engineVsSession } from './engine';
import { indexIntoLibrary, openBench, populateLibrary } from './open';
import { loadPhotos, makePhoto, photoName, setPhotoLongSide } from './photos';
import { probeBench } from './probe';
import { duplicatesBench, relabel100kBench, relabelBench, searchBench } from './search';
import { timelineBench } from './timeline';
import { refineBench } from './refine';

/** What the runner (scripts/bench/run.mjs) calls through page.evaluate. */
const bench = {
  async machine() {
    const caps = await probeCapabilities();
    const gpu = (
      navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: Record<string, string> } | null> } }
    ).gpu;
    const adapter = await gpu?.requestAdapter().catch(() => null);
    const info = adapter?.info;
    return {
      cores: navigator.hardwareConcurrency,
      userAgent: navigator.userAgent,
      crossOriginIsolated,
      wasmThreads: wasmThreads(caps),
      webgpu: info
        ? [info['vendor'], info['architecture'], info['device'], info['description']].filter(Boolean).join(' ') ||
          'adapter (no info)'
        : null,
    };
  },
  /** The smoke run's small photos instead of 12 MP ones (call before any other photo step). */
  setPhotoLongSide,
  /** Makes the photos bench-photos/ lacks; returns how many it made. */
  async ensurePhotos(count: number) {
    let made = 0;
    for (let i = 0; i < count; i++) {
      const head = await fetch(`/bench-photos/${photoName(i)}`, { method: 'HEAD' });
      if (!head.ok) made += (await makePhoto(i), 1);
    }
    return made;
  },
  /** One round of `count` photos (round r uses its own photos: the app skips ones it already has). */
  async appIndexing(count: number, round: number) {
    return (await appIndexing([await loadPhotos(count, 2 + round * count)], await loadPhotos(2, 0)))[0]!;
  },
  engineOnly,
  engineVsSession,
  async shrinkParity(count: number) {
    return shrinkParity(await loadPhotos(count, 2));
  },
  appTextEncode,
  async modelCeiling(threads: number, runs: number) {
    return modelCeiling(threads, runs);
  },
  async decodeCeiling(count: number, workers: number, passes: number) {
    return decodeCeiling(await loadPhotos(count, 2), workers, passes);
  },
  async decodePerPhoto(count: number, variant: TimedVariant) {
    return decodePerPhoto(await loadPhotos(count, 2), 224, variant);
  },
  async usualWay(count: number, threads: number) {
    const [warm] = await loadPhotos(1, 0);
    return usualWay(await loadPhotos(count, 2), warm!, threads);
  },
  searchBench,
  refineBench,
  relabelBench,
  relabel100kBench,
  duplicatesBench,
  probeBench,
  timelineBench,
  populateLibrary,
  openBench,
  /** Photos 2n+2.. of bench-photos/, none of them in the library, imported into the populated one. */
  async indexIntoLibrary(count: number, first: number) {
    return indexIntoLibrary(await loadPhotos(count, first));
  },
  appCore: async () => void (await appCore()),
  disposeApp,
};

(globalThis as unknown as { bench: typeof bench }).bench = bench;
export type Bench = typeof bench;
