/**
 * The linear probe's matrix products over its training rows, in WASM SIMD (probe.wat): the rows are copied once
 * into a memory of their own, then every objective evaluation writes the weights, computes all logits in one call
 * and accumulates the weight gradient in another. Float64 arithmetic as the plain-JS loops of ../linearProbe, so
 * the two differ only in summation order (tested in probeKernel.test.ts).
 */

import probeBytes from './probe.wat?wasm-bytes';
import { WASM_PAGE_BYTES } from './kernel';

interface ProbeExports {
  logits(x: number, w: number, z: number, n: number, dims: number, free: number): void;
  accumulate(x: number, r: number, g: number, n: number, dims: number, free: number): void;
}

/** The products for one training set; the arrays are views into the kernel's memory, written and read in place. */
export interface ProbeProducts {
  /** Weight rows, `free` x `stride` (zero past `dims`): write them before `computeLogits()`. */
  readonly weights: Float64Array;
  /** count x free: `computeLogits()` fills them; overwrite them with the residuals before `computeGradient()`. */
  readonly logits: Float64Array;
  /** free x stride: `computeGradient()` sets it to residualsᵀ X. */
  readonly gradient: Float64Array;
  /** Dims rounded up to even (the kernel reads two at a time). */
  readonly stride: number;
  computeLogits(): void;
  computeGradient(): void;
}

let supported: boolean | undefined;

/** Whether this runtime runs probe.wat (WebAssembly with SIMD). */
export function probeKernelSupported(): boolean {
  supported ??= typeof WebAssembly === 'object' && WebAssembly.validate(probeBytes);
  return supported;
}

/** The products over `count` rows of `dims` float32 values (row-major in `data`), `free` weight rows. */
export function probeProductsCreate(data: Float32Array, count: number, dims: number, free: number): ProbeProducts {
  const stride = dims + (dims % 2);
  const align = (bytes: number) => Math.ceil(bytes / 16) * 16;
  const xBytes = align(count * stride * 4);
  const wBytes = align(free * stride * 8);
  const zBytes = align(count * free * 8);
  const total = xBytes + 2 * wBytes + zBytes;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(total / WASM_PAGE_BYTES) + 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(probeBytes), { env: { memory } });
  const k = instance.exports as unknown as ProbeExports;
  const x = 0;
  const w = xBytes;
  const z = w + wBytes;
  const g = z + zBytes;
  const rows = new Float32Array(memory.buffer, x, count * stride);
  if (stride === dims) rows.set(data.subarray(0, count * dims));
  else for (let i = 0; i < count; i++) rows.set(data.subarray(i * dims, (i + 1) * dims), i * stride);
  const weights = new Float64Array(memory.buffer, w, free * stride);
  const logits = new Float64Array(memory.buffer, z, count * free);
  const gradient = new Float64Array(memory.buffer, g, free * stride);
  return {
    weights,
    logits,
    gradient,
    stride,
    computeLogits: () => k.logits(x, w, z, count, stride, free),
    computeGradient: () => {
      gradient.fill(0);
      k.accumulate(x, z, g, count, stride, free);
    },
  };
}
