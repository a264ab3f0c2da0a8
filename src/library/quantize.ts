/**
 * The stored embedding format is the search module's: codes[i*dims+j] = round(x_j/scale_i),
 * scale_i = max_j|x_j|/127 of the L2-normalized vector. One implementation, so stored rows and ranked rows agree.
 */
export { quantizeRowInto } from '../search/quantize';

/** The approximate normalized vector of one stored row. */
export function dequantizeRow(codes: Int8Array, scale: number, dims: number, row: number): Float32Array {
  const out = new Float32Array(dims);
  const offset = row * dims;
  for (let j = 0; j < dims; j++) out[j] = (codes[offset + j] ?? 0) * scale;
  return out;
}
