/**
 * Image-to-image retrieval as TTI-Eval's I2IRetrievalEvaluator defines it: for each training photo, the share of
 * its nearest validation photos (cosine) that are of its own class, where the number of neighbours looked at is k
 * (capped by the validation set's size) and further capped by how many validation photos its class has, so a class
 * of 3 validation photos is judged on its 3 nearest, not 100. Averaged over training photos, and per class.
 * Neighbours with equal cosines are taken in validation order (TTI-Eval's faiss index leaves such ties unordered).
 */

import { topKCreate, topKPush, topKThreshold } from './topk';
import { embeddingNormalize, vectorDot } from './vector';
import { SEARCH_TUNABLES } from './tunables';

/** TTI-Eval's default number of neighbours. */
export const DEFAULT_RETRIEVAL_K = SEARCH_TUNABLES.retrievalK;

export interface RetrievalReport {
  /** The k used: min(requested k, validation photos). */
  k: number;
  /** Mean over training photos of each one's share of same-class neighbours. */
  mean: number;
  /** Each training photo's share, in training order. */
  perPhoto: Float64Array;
  /** Mean share over each class's training photos; null for a class with no training photo. */
  perClass: (number | null)[];
  /** Neighbours looked at for a photo of each class: min(k, validation photos of the class). */
  neighboursPerClass: number[];
}

/**
 * Retrieval of `validation` photos from each `train` photo (both any float rows; normalized here).
 * Labels are class indices in [0, classCount). A training photo whose class has no validation photo scores 0, as in
 * TTI-Eval. O(train x validation x dims).
 */
export function retrievalImageToImage(
  train: { vectors: readonly ArrayLike<number>[]; labels: readonly number[] },
  validation: { vectors: readonly ArrayLike<number>[]; labels: readonly number[] },
  classCount: number,
  k: number = DEFAULT_RETRIEVAL_K,
): RetrievalReport {
  if (train.vectors.length !== train.labels.length || validation.vectors.length !== validation.labels.length) {
    throw new RangeError('retrievalImageToImage: vectors and labels differ in length');
  }
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`retrievalImageToImage: bad k ${k}`);
  const kUsed = Math.min(k, validation.vectors.length);
  const validationPerClass = new Array<number>(classCount).fill(0);
  for (const label of validation.labels) validationPerClass[label]!++;
  const neighboursPerClass = validationPerClass.map((count) => Math.min(count, kUsed));

  const validationUnit = validation.vectors.map(embeddingNormalize);
  const perPhoto = new Float64Array(train.vectors.length);
  train.vectors.forEach((vector, i) => {
    const label = train.labels[i]!;
    const neighbours = neighboursPerClass[label]!;
    if (neighbours === 0) return;
    const query = embeddingNormalize(vector);
    const heap = topKCreate(neighbours);
    validationUnit.forEach((other, j) => {
      const score = vectorDot(query, other);
      if (score >= topKThreshold(heap)) topKPush(heap, j, score);
    });
    let same = 0;
    for (let h = 0; h < heap.size; h++) if (validation.labels[heap.indices[h]!] === label) same++;
    perPhoto[i] = same / neighbours;
  });

  const sums = new Array<number>(classCount).fill(0);
  const counts = new Array<number>(classCount).fill(0);
  train.labels.forEach((label, i) => {
    sums[label]! += perPhoto[i]!;
    counts[label]!++;
  });
  return {
    k: kUsed,
    mean: perPhoto.length === 0 ? 0 : perPhoto.reduce((a, b) => a + b, 0) / perPhoto.length,
    perPhoto,
    perClass: sums.map((sum, c) => (counts[c] === 0 ? null : sum / counts[c]!)),
    neighboursPerClass,
  };
}
