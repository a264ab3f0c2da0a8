/**
 * Relevance feedback by Rocchio's rule over stored vectors: the query moves toward the photos the user marked
 * "more like these" and away from "fewer like these". Pure; the vectors are what the index holds (dequantized rows).
 */

import { SEARCH_TUNABLES } from './tunables';
import { vectorNorm } from './vector';

export interface RocchioWeights {
  /** Weight of the query itself. */
  alpha: number;
  /** Weight of the mean of the relevant ("more") vectors. */
  beta: number;
  /** Weight of the mean of the non-relevant ("fewer") vectors, subtracted. */
  gamma: number;
}

/** SMART's classic 1 / 0.75 with a firmer "fewer" (0.25 rather than 0.15), so one marked photo visibly drops. */
export const DEFAULT_ROCCHIO_WEIGHTS: RocchioWeights = {
  alpha: SEARCH_TUNABLES.rocchioAlpha,
  beta: SEARCH_TUNABLES.rocchioBeta,
  gamma: SEARCH_TUNABLES.rocchioGamma,
};

/**
 * normalize(alpha * q + beta * mean(normalize(more)) - gamma * mean(normalize(fewer))), in float64. `query` may be
 * null (feedback with nothing typed: the photos alone give the direction). Every vector is normalized first, so a
 * photo's weight does not depend on its stored scale. Null when nothing is left (no input, or terms that cancel).
 */
export function rocchio(
  query: ArrayLike<number> | null,
  more: readonly ArrayLike<number>[],
  fewer: readonly ArrayLike<number>[],
  weights: RocchioWeights = DEFAULT_ROCCHIO_WEIGHTS,
): Float32Array | null {
  const dims = query?.length ?? more[0]?.length ?? fewer[0]?.length;
  if (dims === undefined) return null;
  const sum = new Float64Array(dims);
  const add = (vector: ArrayLike<number>, weight: number) => {
    if (vector.length !== dims) throw new RangeError(`rocchio: a vector has ${vector.length} dims, not ${dims}`);
    const norm = vectorNorm(vector);
    if (norm === 0) return;
    for (let j = 0; j < dims; j++) sum[j]! += (weight / norm) * vector[j]!;
  };
  if (query) add(query, weights.alpha);
  for (const v of more) add(v, weights.beta / more.length);
  for (const v of fewer) add(v, -weights.gamma / fewer.length);
  const norm = vectorNorm(sum);
  // Below float32 noise the parts cancelled: what is left is rounding, not a direction.
  if (!(norm > 1e-6)) return null;
  return Float32Array.from(sum, (x) => x / norm);
}
