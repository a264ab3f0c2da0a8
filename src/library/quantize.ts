/**
 * Private int8 row quantization for the stored format. Kept minimal and self-contained on purpose;
 * src/search/quantize.ts is the general-purpose version and the two can be unified later.
 * Format: codes[i*dims+j] = round(x_j/scale_i), scale_i = max_j|x_j|/127 of the L2-normalized vector.
 */

/** Normalizes `vector` and writes its codes into `codes` at row `row`; returns the row's scale. */
export function quantizeRowInto(vector: ArrayLike<number>, codes: Int8Array, row: number): number {
  const dims = vector.length;
  let sumSq = 0;
  let maxAbs = 0;
  for (let j = 0; j < dims; j++) {
    const x = vector[j] ?? 0;
    if (!Number.isFinite(x)) throw new Error('Embedding contains a non-finite value');
    sumSq += x * x;
    maxAbs = Math.max(maxAbs, Math.abs(x));
  }
  const offset = row * dims;
  if (sumSq === 0) {
    codes.fill(0, offset, offset + dims);
    return 0;
  }
  const norm = Math.sqrt(sumSq);
  // Float32 so the scale used for rounding is exactly the one stored in the Float32Array.
  const scale = Math.fround(maxAbs / norm / 127);
  for (let j = 0; j < dims; j++) {
    const code = Math.round((vector[j] ?? 0) / norm / scale);
    codes[offset + j] = Math.max(-127, Math.min(127, code));
  }
  return scale;
}

/** The approximate normalized vector of one stored row. */
export function dequantizeRow(codes: Int8Array, scale: number, dims: number, row: number): Float32Array {
  const out = new Float32Array(dims);
  const offset = row * dims;
  for (let j = 0; j < dims; j++) out[j] = (codes[offset + j] ?? 0) * scale;
  return out;
}
