/**
 * Vector math for CLIP embeddings, as free functions with a type prefix (after excalidraw's `vector.ts`).
 * An `Embedding` is an L2-normalized Float32Array; the brand keeps raw model output from being mistaken for one.
 */

/** An L2-normalized vector (|v| = 1, or all zeros for "no direction"). Only the functions here create one. */
export type Embedding = Float32Array & { readonly __brand: 'Embedding' };

/** How far |v| may stray from 1 for `embeddingFromNormalized` to accept it (float32 rounding of a 512-d vector). */
const UNIT_NORM_TOLERANCE = 1e-3;

/** The dot product of two vectors of equal length. */
export function vectorDot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`vectorDot: lengths differ (${a.length} vs ${b.length})`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** The Euclidean (L2) length of a vector. */
export function vectorNorm(a: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * a[i]!;
  return Math.sqrt(sum);
}

/**
 * The cosine of the angle between two vectors, in [-1, 1].
 * A zero vector has no direction, so its cosine with anything is 0 (rather than NaN).
 */
export function vectorCosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const denominator = vectorNorm(a) * vectorNorm(b);
  return denominator === 0 ? 0 : vectorDot(a, b) / denominator;
}

/**
 * A new unit-length copy of `v`. A zero vector stays zero (it has no direction to keep), so callers can
 * treat a failed embedding as "matches nothing" instead of poisoning scores with NaN.
 */
export function embeddingNormalize(v: ArrayLike<number>): Embedding {
  const out = new Float32Array(v.length);
  const norm = vectorNorm(v);
  if (norm === 0) return out as Embedding;
  for (let i = 0; i < v.length; i++) out[i] = v[i]! / norm;
  return out as Embedding;
}

/**
 * Brands a vector that is already unit length (e.g. a model output with `normalize: true`) without copying.
 * Throws if |v| is not 1 within float32 rounding, so a raw vector cannot slip in.
 */
export function embeddingFromNormalized(v: Float32Array): Embedding {
  const norm = vectorNorm(v);
  if (Math.abs(norm - 1) > UNIT_NORM_TOLERANCE && norm !== 0) {
    throw new RangeError(`embeddingFromNormalized: |v| = ${norm}, expected 1`);
  }
  return v as Embedding;
}

/**
 * The direction shared by several vectors: the mean of their normalized copies, renormalized.
 * This is CLIP's prompt ensembling ("a photo of a {}.", "a close-up photo of a {}.", ... averaged into one label).
 * Each input is normalized first so a long vector does not outweigh the others.
 */
export function embeddingMean(vectors: readonly ArrayLike<number>[]): Embedding {
  const first = vectors[0];
  if (first === undefined) throw new RangeError('embeddingMean: no vectors');
  const sum = new Float64Array(first.length);
  for (const v of vectors) {
    if (v.length !== first.length) throw new RangeError('embeddingMean: vectors differ in length');
    const norm = vectorNorm(v);
    if (norm === 0) continue;
    for (let i = 0; i < v.length; i++) sum[i]! += v[i]! / norm;
  }
  return embeddingNormalize(sum);
}
