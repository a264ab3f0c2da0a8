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
import { TUNABLES } from '../../tunables';

/** Which rows a filtered scan may return: `bits[row - offset]` is 1 for a row that passed the filter. */
export interface RowMask {
  bits: Uint8Array;
  offset: number;
}

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
 * Rows [start, end) split into at most `parts` contiguous ranges holding near-equal numbers of masked rows, so
 * every thread of a filtered scan gets about the same work.
 */
export function rangesSplitMasked(mask: Uint8Array, start: number, end: number, parts: number): [number, number][] {
  let selected = 0;
  for (let row = start; row < end; row++) selected += mask[row]!;
  const share = Math.ceil(selected / Math.max(1, parts));
  if (share === 0) return [];
  const out: [number, number][] = [];
  let from = start;
  let seen = 0;
  for (let row = start; row < end; row++) {
    seen += mask[row]!;
    if (seen === share) {
      out.push([from, row + 1]);
      from = row + 1;
      seen = 0;
    }
  }
  if (seen > 0) out.push([from, end]);
  return out;
}

/**
 * Pass 1 of `rankBlocks` over rows [start, end): approximate scores from the kernel, the best `capacity` kept in
 * a bounded heap with the same test (`score > threshold`) and tie rule. With a mask, only the masked rows count:
 * runs of left-out rows are skipped (a gap of up to `maskBridgeRows` is scanned through, cheaper than a call).
 */
export function scanRangeCandidates(
  kernel: ScanKernel,
  layout: ScanLayout,
  slot: number,
  queryCodes: Int8Array,
  start: number,
  end: number,
  capacity: number,
  mask: RowMask | null = null,
): TopK {
  const heap = topKCreate(capacity);
  kernel.setQueries(slot, [queryCodes]);
  const step = layoutScanRows(layout);
  let threshold = topKThreshold(heap);
  // The kernel hands back only the rows above the heap's floor as the call started; the floor rises as the heap
  // fills, so each is tested again.
  const take = (from: number, to: number) => {
    const { rows, scores } = kernel.scan(slot, from, to, threshold);
    for (let i = 0; i < rows.length; i++) {
      const score = scores[i]!;
      const row = rows[i]!;
      if (score > threshold && (mask === null || mask.bits[row - mask.offset] === 1)) {
        topKPush(heap, row, score);
        threshold = topKThreshold(heap);
      }
    }
  };
  if (mask === null) {
    for (let from = start; from < end; from += step) take(from, Math.min(end, from + step));
    return heap;
  }
  const { bits, offset } = mask;
  const bridge = TUNABLES.maskBridgeRows;
  let row = start;
  while (row < end) {
    while (row < end && bits[row - offset] !== 1) row++;
    if (row >= end) break;
    const from = row;
    let last = row;
    // Extend the span while the next masked row is within `bridge` rows and the span fits one call.
    for (row++; row < end && row - from < step; row++) {
      if (bits[row - offset] === 1) last = row;
      else if (row - last > bridge) break;
    }
    take(from, last + 1);
    row = last + 1;
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

/** What a scan helper is asked to do, in its own slot. */
export interface ScanRequest {
  slot: number;
  queryCodes: Int8Array;
  start: number;
  end: number;
  capacity: number;
  /** Rows [start, end) that may be returned (a filtered scan), indexed from `start`. */
  mask?: Uint8Array;
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
      const { slot, queryCodes, start, end, capacity, mask } = request;
      const rowMask = mask ? { bits: mask, offset: start } : null;
      return candidatesOf(scanRangeCandidates(kernel, layout, slot, queryCodes, start, end, capacity, rowMask));
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
