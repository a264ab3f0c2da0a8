/**
 * The scan kernel: int8 dot products of every stored row with one query (search) or a few (labels), over rows kept
 * in one linear memory. Two implementations with the same arithmetic: WASM SIMD (scan.wat, compiled at build time)
 * and plain JS (the `dotInt8` loops of ../kernels), for browsers without WASM SIMD. Both compute exact integers and
 * the same float64 products, so they agree bit for bit.
 */

import sharedKernel from './scan.wat?wasm-bytes';
import unsharedKernel from './scan.wat?wasm-bytes&unshared';
import { dotInt8, sumSquaresInt8 } from '../kernels';
import { rowCosine } from '../rank';

/** Bytes in a WebAssembly page, the unit a memory grows by. */
export const WASM_PAGE_BYTES = 65536;

/**
 * Where things live in the memory. Per thread a slot: its queries (int16, zero-padded to `chunks * 16`) and its
 * output. Then the rows: `stride` bytes each, `chunks * 16` int8 codes (zero-padded past `dims`) and the float32
 * scale. The 4-byte scale keeps a 512-d row at 516 bytes, as stored.
 */
export interface ScanLayout {
  readonly dims: number;
  readonly chunks: number;
  readonly stride: number;
  readonly maxQueries: number;
  readonly slots: number;
  readonly slotBytes: number;
  readonly outputBytes: number;
  readonly rowsOffset: number;
}

/** The layout for rows of `dims` dimensions, `slots` threads, up to `maxQueries` queries a pass. */
export function scanLayout(
  dims: number,
  options: { slots: number; maxQueries: number; outputBytes: number },
): ScanLayout {
  if (!Number.isInteger(dims) || dims <= 0) throw new RangeError(`scanLayout: bad dims ${dims}`);
  const chunks = Math.ceil(dims / 16);
  const outputBytes = Math.ceil(options.outputBytes / 16) * 16;
  const slotBytes = options.maxQueries * chunks * 32 + outputBytes;
  return {
    dims,
    chunks,
    stride: chunks * 16 + 4,
    maxQueries: options.maxQueries,
    slots: options.slots,
    slotBytes,
    outputBytes,
    rowsOffset: options.slots * slotBytes,
  };
}

/** Byte offset of row `row`'s codes. */
export function layoutRowOffset(layout: ScanLayout, row: number): number {
  return layout.rowsOffset + row * layout.stride;
}

/** Rows one `scan` call may cover (room for each row's score, 8 bytes, and row number, 4, should all be kept). */
export function layoutScanRows(layout: ScanLayout): number {
  return Math.floor(layout.outputBytes / 12);
}

/** Rows one `dots` call may cover with `count` queries (count + 1 int32 a row). */
export function layoutDotsRows(layout: ScanLayout, count: number): number {
  return Math.floor(layout.outputBytes / ((count + 1) * 4));
}

/** The rows' memory: a WebAssembly.Memory, or anything else with a buffer when WebAssembly is missing. */
export interface RowMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
}

/** One thread's kernel over a memory; `slot` picks the thread's own query and output area. */
export interface ScanKernel {
  readonly kind: 'simd' | 'js';
  /**
   * Sets the queries (`dims` values each, at most `maxQueries`) of this slot for the next calls: int8 codes, or
   * int16 values small enough that a dot product with a row stays inside an int32 (`kernelInt16Limit`).
   */
  setQueries(slot: number, codes: readonly (Int8Array | Int16Array)[]): void;
  /**
   * The rows of [start, end) whose approximate score, dot(query 0, row) * row scale in float64, is above
   * `threshold`, in row order, with those scores: a ranking's pass 1, asking for rows above its heap's floor.
   * The arrays are the kernel's own, valid until its next call.
   */
  scan(slot: number, start: number, end: number, threshold: number): ScanHits;
  /** Per row of [start, end): the dot products with the `count` queries, then the row's sum of squares. */
  dots(slot: number, count: number, start: number, end: number): Int32Array;
  /**
   * The exact cosine of the float `query` (of length `queryNorm`) with each listed row, as `rowCosine` computes it
   * (bit for bit): the rerank of a ranking. Any number of rows; the result is the kernel's own, valid until its next
   * call.
   */
  cosines(slot: number, query: ArrayLike<number>, queryNorm: number, rows: Int32Array): Float64Array;
}

/** What a `scan` kept: `rows[i]` scored `scores[i]`. */
export interface ScanHits {
  readonly rows: Int32Array;
  readonly scores: Float64Array;
}

interface KernelExports {
  scan(
    q: number,
    rows: number,
    stride: number,
    chunks: number,
    start: number,
    end: number,
    threshold: number,
    scores: number,
    kept: number,
  ): number;
  dots(
    q: number,
    count: number,
    rows: number,
    stride: number,
    chunks: number,
    start: number,
    end: number,
    out: number,
  ): void;
  cosines(
    q: number,
    qnorm: number,
    list: number,
    count: number,
    rows: number,
    stride: number,
    dims: number,
    out: number,
  ): void;
}

const isShared = (memory: RowMemory) =>
  typeof SharedArrayBuffer === 'function' && memory.buffer instanceof SharedArrayBuffer;

/** Whether this runtime runs the SIMD kernel for a shared (or, if false, unshared) memory. The kernel is the test. */
export function kernelSimdSupported(shared: boolean): boolean {
  return typeof WebAssembly === 'object' && WebAssembly.validate(shared ? sharedKernel : unsharedKernel);
}

/** A kernel over `memory`: WASM SIMD when supported and `memory` is a WebAssembly.Memory, else plain JS. */
export function kernelCreate(memory: RowMemory, layout: ScanLayout, prefer: 'simd' | 'js' = 'simd'): ScanKernel {
  const wasm =
    prefer === 'simd' &&
    typeof WebAssembly === 'object' &&
    memory instanceof WebAssembly.Memory &&
    kernelSimdSupported(isShared(memory));
  return wasm ? simdKernel(memory as WebAssembly.Memory, layout) : jsKernel(memory, layout);
}

function simdKernel(memory: WebAssembly.Memory, layout: ScanLayout): ScanKernel {
  const bytes = isShared(memory) ? sharedKernel : unsharedKernel;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  const k = instance.exports as unknown as KernelExports;
  const { chunks, stride, rowsOffset } = layout;
  const queryOf = (slot: number) => slot * layout.slotBytes;
  const outputOf = (slot: number) => queryOf(slot) + layout.maxQueries * chunks * 32;
  return {
    kind: 'simd',
    setQueries(slot, codes) {
      checkQueries(layout, codes);
      const area = new Int16Array(memory.buffer, queryOf(slot), codes.length * chunks * 16);
      area.fill(0);
      codes.forEach((c, i) => area.set(c, i * chunks * 16));
    },
    scan(slot, start, end, threshold) {
      const most = layoutScanRows(layout);
      checkRange(layout, end - start, most);
      const scores = outputOf(slot);
      const kept = scores + most * 8;
      const n = k.scan(queryOf(slot), rowsOffset, stride, chunks, start, end, threshold, scores, kept);
      return { rows: new Int32Array(memory.buffer, kept, n), scores: new Float64Array(memory.buffer, scores, n) };
    },
    dots(slot, count, start, end) {
      checkRange(layout, end - start, layoutDotsRows(layout, count));
      k.dots(queryOf(slot), count, rowsOffset, stride, chunks, start, end, outputOf(slot));
      return new Int32Array(memory.buffer, outputOf(slot), (end - start) * (count + 1));
    },
    cosines(slot, query, queryNorm, rows) {
      // The slot's output area holds the float64 query, then per call a part of the row list and its cosines.
      const queryBytes = Math.ceil((layout.dims * 8) / 16) * 16;
      const perCall = Math.floor((layout.outputBytes - queryBytes) / 12);
      const at = outputOf(slot);
      new Float64Array(memory.buffer, at, layout.dims).set(query);
      const out = new Float64Array(rows.length);
      for (let first = 0; first < rows.length; first += perCall) {
        const part = rows.subarray(first, first + perCall);
        const list = at + queryBytes;
        const results = list + Math.ceil((part.length * 4) / 8) * 8;
        new Int32Array(memory.buffer, list, part.length).set(part);
        k.cosines(at, queryNorm, list, part.length, rowsOffset, stride, layout.dims, results);
        out.set(new Float64Array(memory.buffer, results, part.length), first);
      }
      return out;
    },
  };
}

/** The plain-JS twin: the same products with `dotInt8`, into arrays of its own. */
function jsKernel(memory: RowMemory, layout: ScanLayout): ScanKernel {
  const { dims, stride } = layout;
  const queries: (Int8Array | Int16Array)[][] = [];
  const scores = new Float64Array(layoutScanRows(layout));
  const kept = new Int32Array(layoutScanRows(layout));
  const dotsOut = new Int32Array(layout.outputBytes / 4);
  return {
    kind: 'js',
    setQueries(slot, codes) {
      checkQueries(layout, codes);
      queries[slot] = codes.map((c) => c.slice());
    },
    scan(slot, start, end, threshold) {
      checkRange(layout, end - start, layoutScanRows(layout));
      const q = queries[slot]![0]!;
      const codes = new Int8Array(memory.buffer);
      const scales = new Float32Array(memory.buffer);
      let offset = layoutRowOffset(layout, start);
      let n = 0;
      for (let row = start; row < end; row++, offset += stride) {
        const score = dotInt8(q, 0, codes, offset, dims) * scales[(offset + stride - 4) >> 2]!;
        if (score > threshold) {
          scores[n] = score;
          kept[n++] = row;
        }
      }
      return { rows: kept.subarray(0, n), scores: scores.subarray(0, n) };
    },
    dots(slot, count, start, end) {
      checkRange(layout, end - start, layoutDotsRows(layout, count));
      const qs = queries[slot]!;
      const codes = new Int8Array(memory.buffer);
      let offset = layoutRowOffset(layout, start);
      let at = 0;
      for (let row = start; row < end; row++, offset += stride) {
        for (let l = 0; l < count; l++) dotsOut[at++] = dotInt8(qs[l]!, 0, codes, offset, dims);
        dotsOut[at++] = sumSquaresInt8(codes, offset, dims);
      }
      return dotsOut.subarray(0, at);
    },
    cosines(_slot, query, queryNorm, rows) {
      const codes = new Int8Array(memory.buffer);
      return Float64Array.from(rows, (row) => rowCosine(query, queryNorm, codes, layoutRowOffset(layout, row), dims));
    },
  };
}

/** The largest int16 query value whose dot product with any int8 row of `dims` stays inside an int32. */
export function kernelInt16Limit(dims: number): number {
  return Math.min(32767, Math.floor((2 ** 31 - 1) / (dims * 128)));
}

function checkQueries(layout: ScanLayout, codes: readonly (Int8Array | Int16Array)[]): void {
  if (codes.length > layout.maxQueries) throw new RangeError(`kernel: ${codes.length} queries > ${layout.maxQueries}`);
  for (const c of codes) if (c.length !== layout.dims) throw new RangeError(`kernel: query of ${c.length} dims`);
}

function checkRange(layout: ScanLayout, rows: number, max: number): void {
  if (rows < 0 || rows > max) throw new RangeError(`kernel: ${rows} rows in one call (at most ${max})`);
}
