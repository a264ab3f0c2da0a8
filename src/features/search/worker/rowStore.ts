/**
 * The index's rows in one linear memory (the kernel's layout, ../../../search/kernel/kernel.ts), with the photo id of
 * every row. Shared (a SharedArrayBuffer under a shared WebAssembly.Memory) when the page is cross-origin isolated,
 * so scan helpers read the same bytes; grown in place by appending pages, never copied.
 */

import {
  layoutRowOffset,
  scanLayout,
  WASM_PAGE_BYTES,
  type RowMemory,
  type ScanLayout,
} from '../../../search/kernel/kernel';
import { rowDequantize } from '../../../search/quantize';
import { TUNABLES } from '../../tunables';

export interface RowStore {
  readonly modelId: string;
  readonly layout: ScanLayout;
  readonly memory: RowMemory;
  readonly shared: boolean;
  /** Makes room for `bytes` in all (grows the memory); views of `memory.buffer` must be re-made after. */
  readonly ensure: (bytes: number) => void;
  count: number;
  ids: string[];
  rowOf: Map<string, number>;
}

/** An empty store for `dims`-dimensional rows, with kernel slots for `slots` threads. */
export function storeCreate(modelId: string, dims: number, slots: number, shared: boolean): RowStore {
  const layout = scanLayout(dims, {
    slots,
    maxQueries: TUNABLES.kernelMaxQueries,
    outputBytes: TUNABLES.kernelOutputBytes,
  });
  const { memory, ensure } = memoryCreate(layout.rowsOffset, shared);
  return { modelId, layout, memory, shared, ensure, count: 0, ids: [], rowOf: new Map() };
}

/**
 * Appends rows (int8 codes, `dims` a row, and their scales, as stored); an id already held has its row replaced
 * in place. Later duplicates in one call win.
 */
export function storeAppend(store: RowStore, ids: readonly string[], codes: Int8Array, scales: Float32Array): void {
  const { dims, stride, chunks } = store.layout;
  if (codes.length !== ids.length * dims || scales.length !== ids.length) {
    throw new RangeError(`append: ${ids.length} ids, ${codes.length} codes, ${scales.length} scales for ${dims} dims`);
  }
  const fresh = new Set(ids.filter((id) => !store.rowOf.has(id)));
  store.ensure(layoutRowOffset(store.layout, store.count + fresh.size));
  const bytes = new Int8Array(store.memory.buffer);
  const floats = new Float32Array(store.memory.buffer);
  ids.forEach((id, i) => {
    let row = store.rowOf.get(id);
    if (row === undefined) {
      row = store.count++;
      store.ids.push(id);
      store.rowOf.set(id, row);
    }
    const offset = layoutRowOffset(store.layout, row);
    bytes.set(codes.subarray(i * dims, (i + 1) * dims), offset);
    bytes.fill(0, offset + dims, offset + chunks * 16); // the kernel reads whole 16-code chunks
    floats[(offset + stride - 4) >> 2] = scales[i]!;
  });
}

/** Forgets the rows of `ids` (unknown ids are ignored), keeping the others in order; returns how many went. */
export function storeRemove(store: RowStore, ids: readonly string[]): number {
  const gone = new Set<number>();
  for (const id of ids) {
    const row = store.rowOf.get(id);
    if (row !== undefined) gone.add(row);
  }
  if (gone.size === 0) return 0;
  const { stride } = store.layout;
  const bytes = new Uint8Array(store.memory.buffer);
  const kept: string[] = [];
  for (let row = 0; row < store.count; row++) {
    if (gone.has(row)) continue;
    if (kept.length !== row) {
      const from = layoutRowOffset(store.layout, row);
      bytes.copyWithin(layoutRowOffset(store.layout, kept.length), from, from + stride);
    }
    kept.push(store.ids[row]!);
  }
  store.ids = kept;
  store.count = kept.length;
  store.rowOf = new Map(kept.map((id, row) => [id, row]));
  return gone.size;
}

/** A row's dequantized vector (codes times scale), as the app's "more like this" takes it. */
export function storeVector(store: RowStore, row: number): Float32Array {
  const { dims, stride } = store.layout;
  const offset = layoutRowOffset(store.layout, row);
  const codes = new Int8Array(store.memory.buffer, offset, dims);
  const scale = new Float32Array(store.memory.buffer)[(offset + stride - 4) >> 2]!;
  return rowDequantize(codes, scale, dims);
}

/** Bytes the store's memory holds now (rows, their padding and scales, kernel slots, room to grow into). */
export function storeByteLength(store: RowStore): number {
  return store.memory.buffer.byteLength;
}

/**
 * A WebAssembly.Memory (shared if asked), grown by at least `minGrowthFraction`: a shared memory grows in place
 * (the reserved address space just gets committed), an unshared one may move once per growth. Without
 * WebAssembly at all, an ArrayBuffer that doubles by copying.
 */
function memoryCreate(initialBytes: number, shared: boolean): { memory: RowMemory; ensure: (bytes: number) => void } {
  const pagesFor = (bytes: number) => Math.ceil(bytes / WASM_PAGE_BYTES);
  const maximum = pagesFor(TUNABLES.maxIndexBytes);
  if (typeof WebAssembly === 'object') {
    const memory = new WebAssembly.Memory({ initial: pagesFor(initialBytes), maximum, shared });
    const ensure = (bytes: number) => {
      const have = memory.buffer.byteLength / WASM_PAGE_BYTES;
      const need = pagesFor(bytes);
      if (need <= have) return;
      if (need > maximum) throw new RangeError(`search index: ${bytes} bytes is over the ${maximum}-page ceiling`);
      memory.grow(Math.min(maximum, Math.max(need, Math.ceil(have * (1 + TUNABLES.minGrowthFraction)))) - have);
    };
    return { memory, ensure };
  }
  const holder = { buffer: new ArrayBuffer(initialBytes) };
  const ensure = (bytes: number) => {
    if (bytes <= holder.buffer.byteLength) return;
    const next = new ArrayBuffer(Math.max(bytes, 2 * holder.buffer.byteLength));
    new Uint8Array(next).set(new Uint8Array(holder.buffer));
    holder.buffer = next;
  };
  return { memory: holder, ensure };
}
