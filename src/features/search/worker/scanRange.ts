/**
 * One thread's share of a scan: a range of rows through the kernel. The search worker runs one range itself and
 * hands the others to scan helpers (scanner.ts) over the same memory; merging the ranges' results gives exactly
 * what one thread scanning everything gives (candidates are kept by score, then lower row, in every range).
 */

import {
  kernelCreate,
  layoutDotsRows,
  layoutScanRows,
  type RowMemory,
  type ScanKernel,
  type ScanLayout,
} from '../../../search/kernel/kernel';
import { topKCreate, topKPush, topKThreshold, type TopK } from '../../../search/topk';
import { labelCosine } from '../../../search/zeroShot';

/** The best `capacity` rows of a range for one query: (row, approximate score) pairs, in heap order. */
export interface Candidates {
  indices: Int32Array;
  scores: Float64Array;
}

/** Rows [start, end) split into `parts` contiguous ranges of near-equal size (empty ones dropped). */
export function rangesSplit(start: number, end: number, parts: number): [number, number][] {
  const out: [number, number][] = [];
  const size = Math.ceil((end - start) / Math.max(1, parts));
  for (let s = start; s < end; s += size) out.push([s, Math.min(end, s + size)]);
  return out;
}

/**
 * Pass 1 of `rankBlocks` over rows [start, end): approximate scores from the kernel, the best `capacity` kept in
 * a bounded heap with the same test (`score > threshold`) and tie rule.
 */
export function scanRangeCandidates(
  kernel: ScanKernel,
  layout: ScanLayout,
  slot: number,
  queryCodes: Int8Array,
  start: number,
  end: number,
  capacity: number,
  skip: Uint8Array | null = null,
): TopK {
  const heap = topKCreate(capacity);
  kernel.setQueries(slot, [queryCodes]);
  const step = layoutScanRows(layout);
  let threshold = topKThreshold(heap);
  for (let from = start; from < end; from += step) {
    const to = Math.min(end, from + step);
    const scores = kernel.scan(slot, from, to);
    for (let i = 0; i < scores.length; i++) {
      const score = scores[i]!;
      if (score > threshold && !skip?.[from + i]) {
        topKPush(heap, from + i, score);
        threshold = topKThreshold(heap);
      }
    }
  }
  return heap;
}

/** A heap's items as transferable arrays. */
export function candidatesOf(heap: TopK): Candidates {
  return { indices: heap.indices.slice(0, heap.size), scores: heap.scores.slice(0, heap.size) };
}

/**
 * `labelAll`'s cosines of rows [start, end) with up to `layout.maxQueries` labels (int8 codes and code lengths,
 * from `labelQuantize`): row-major (end - start) x labels, the same float32 values `labelAll` computes.
 */
export function labelRangeCosines(
  kernel: ScanKernel,
  layout: ScanLayout,
  slot: number,
  labelCodes: readonly Int8Array[],
  labelNorms: readonly number[],
  start: number,
  end: number,
): Float32Array {
  const count = labelCodes.length;
  const out = new Float32Array((end - start) * count);
  kernel.setQueries(slot, labelCodes);
  const step = layoutDotsRows(layout, count);
  let at = 0;
  for (let from = start; from < end; from += step) {
    const to = Math.min(end, from + step);
    const dots = kernel.dots(slot, count, from, to);
    for (let base = 0; base < dots.length; base += count + 1) {
      const rowNorm = Math.sqrt(dots[base + count]!);
      for (let l = 0; l < count; l++) out[at++] = labelCosine(dots[base + l]!, rowNorm, labelNorms[l]!);
    }
  }
  return out;
}

function skipMask(count: number, rows: Int32Array): Uint8Array {
  const mask = new Uint8Array(count);
  for (const row of rows) if (row < count) mask[row] = 1;
  return mask;
}

/** What a scan helper is asked to do, in its own slot. */
export interface ScanRequest {
  slot: number;
  queryCodes: Int8Array;
  start: number;
  end: number;
  capacity: number;
  /** Rows rankings leave out (hidden photos); empty for none. */
  hiddenRows?: Int32Array;
}
export interface LabelsRequest {
  slot: number;
  labelCodes: Int8Array[];
  labelNorms: number[];
  start: number;
  end: number;
}

/** A scan helper's logic (scan.worker.ts exposes it; tests call it in-process): a kernel over a shared memory. */
export function createScannerApi() {
  let state: { kernel: ScanKernel; layout: ScanLayout } | null = null;
  const ready = () => {
    if (!state) throw new Error('scan helper used before init()');
    return state;
  };
  return {
    init(memory: RowMemory, layout: ScanLayout, kind: ScanKernel['kind']): ScanKernel['kind'] {
      state = { kernel: kernelCreate(memory, layout, kind), layout };
      return state.kernel.kind;
    },
    scan(request: ScanRequest): Candidates {
      const { kernel, layout } = ready();
      const { slot, queryCodes, start, end, capacity, hiddenRows } = request;
      const skip = hiddenRows?.length ? skipMask(end, hiddenRows) : null;
      return candidatesOf(scanRangeCandidates(kernel, layout, slot, queryCodes, start, end, capacity, skip));
    },
    labels(request: LabelsRequest): Float32Array {
      const { kernel, layout } = ready();
      const { slot, labelCodes, labelNorms, start, end } = request;
      return labelRangeCosines(kernel, layout, slot, labelCodes, labelNorms, start, end);
    },
  };
}

export type ScannerApi = ReturnType<typeof createScannerApi>;

/** A scan helper as the search worker holds it: the api across a thread (comlink), or in-process in tests. */
export type ScannerPort = {
  [K in keyof ScannerApi]: (...args: Parameters<ScannerApi[K]>) => Promise<ReturnType<ScannerApi[K]>>;
} & { terminate(): void };
