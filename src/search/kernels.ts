/**
 * Inner loops over int8 rows, unrolled by 8. Plain typed-array loops are what V8 optimizes best without SIMD;
 * each function takes an offset instead of a subarray so scanning N rows allocates nothing.
 */

/**
 * Dot product of `dims` int8 values of `a` (from `aOffset`) and `b` (from `bOffset`); exact integer arithmetic.
 * `a` may hold int16 values (a probe's weights); the sum stays exact below 2^53.
 */
export function dotInt8(
  a: Int8Array | Int16Array,
  aOffset: number,
  b: Int8Array,
  bOffset: number,
  dims: number,
): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  const end8 = dims - (dims % 8);
  for (; j < end8; j += 8) {
    const x = aOffset + j;
    const y = bOffset + j;
    s0 += a[x]! * b[y]! + a[x + 4]! * b[y + 4]!;
    s1 += a[x + 1]! * b[y + 1]! + a[x + 5]! * b[y + 5]!;
    s2 += a[x + 2]! * b[y + 2]! + a[x + 6]! * b[y + 6]!;
    s3 += a[x + 3]! * b[y + 3]! + a[x + 7]! * b[y + 7]!;
  }
  for (; j < dims; j++) s0 += a[aOffset + j]! * b[bOffset + j]!;
  return s0 + s1 + s2 + s3;
}

/** Dot product of a float vector `q` (from index 0) with `dims` int8 codes starting at `offset`. */
export function dotFloatInt8(q: ArrayLike<number>, codes: Int8Array, offset: number, dims: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  const end8 = dims - (dims % 8);
  for (; j < end8; j += 8) {
    const y = offset + j;
    s0 += q[j]! * codes[y]! + q[j + 4]! * codes[y + 4]!;
    s1 += q[j + 1]! * codes[y + 1]! + q[j + 5]! * codes[y + 5]!;
    s2 += q[j + 2]! * codes[y + 2]! + q[j + 6]! * codes[y + 6]!;
    s3 += q[j + 3]! * codes[y + 3]! + q[j + 7]! * codes[y + 7]!;
  }
  for (; j < dims; j++) s0 += q[j]! * codes[offset + j]!;
  return s0 + s1 + s2 + s3;
}

/** Sum of squares of `dims` int8 codes from `offset` (the squared length of a row before scaling). */
export function sumSquaresInt8(codes: Int8Array, offset: number, dims: number): number {
  return dotInt8(codes, offset, codes, offset, dims);
}

/**
 * Quantizes a float vector to int8 with a symmetric per-vector scale (max|x| / 127), for int8 x int8 scoring.
 * Returns the codes and the scale; the vector is not normalized here.
 */
export function quantizeVector(v: ArrayLike<number>): { codes: Int8Array; scale: number } {
  let maxAbs = 0;
  for (let j = 0; j < v.length; j++) if (Math.abs(v[j]!) > maxAbs) maxAbs = Math.abs(v[j]!);
  const codes = new Int8Array(v.length);
  if (maxAbs === 0) return { codes, scale: 0 };
  const scale = maxAbs / 127;
  for (let j = 0; j < v.length; j++) codes[j] = Math.round(v[j]! / scale);
  return { codes, scale };
}

/** Lane width for `packPairs`: an int8 x int8 dot product of up to 2,080 dims is below 2^25 in magnitude. */
const PAIR_SHIFT = 2 ** 26;

/**
 * Packs two int8 vectors into one float64 vector, lo + hi * 2^26, so one multiply-add per dimension computes two
 * int8 dot products at once (`dotPackedPairInt8`). Exact while |dot| < 2^25, i.e. dims * 127 * 127 < 2^25
 * (dims <= 2,080, so CLIP's 512 and 768 both fit); all sums stay integers below 2^53, exact in float64.
 */
export function packPairs(lo: Int8Array, hi: Int8Array | undefined): Float64Array {
  if (lo.length * 127 * 127 >= PAIR_SHIFT / 2) throw new RangeError(`packPairs: ${lo.length} dims is too many`);
  const out = new Float64Array(lo.length);
  for (let j = 0; j < lo.length; j++) out[j] = lo[j]! + (hi === undefined ? 0 : hi[j]! * PAIR_SHIFT);
  return out;
}

/** Both dot products of a `packPairs` vector with `dims` int8 codes from `offset`, written to out[at], out[at + 1]. */
export function dotPackedPairInt8(
  packed: Float64Array,
  codes: Int8Array,
  offset: number,
  dims: number,
  out: Float64Array,
  at: number,
): void {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  const end4 = dims - (dims % 4);
  for (; j < end4; j += 4) {
    const y = offset + j;
    s0 += packed[j]! * codes[y]!;
    s1 += packed[j + 1]! * codes[y + 1]!;
    s2 += packed[j + 2]! * codes[y + 2]!;
    s3 += packed[j + 3]! * codes[y + 3]!;
  }
  for (; j < dims; j++) s0 += packed[j]! * codes[offset + j]!;
  const total = s0 + s1 + s2 + s3;
  // total = lo + hi * 2^26 with |lo| < 2^25, so rounding total / 2^26 recovers hi exactly.
  const hi = Math.round(total / PAIR_SHIFT);
  out[at] = total - hi * PAIR_SHIFT;
  out[at + 1] = hi + 0; // Math.round gives -0 for a small negative total: a zero dot product is +0, as elsewhere
}
