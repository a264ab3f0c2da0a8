/**
 * Teach by example: a label learnt from photos the user marked. A binary linear probe (linearProbe.ts, the same
 * L2 logistic regression and kernel the Evaluate view uses) is trained on the stored vectors with the examples as
 * positives and, as negatives, the counter-examples plus a seeded sample of the other photos (which may hold a few
 * unmarked positives: the probe then lands between, and those photos show up as the least sure). Where the label
 * also has text prompts, its zero-shot cosine is added to the probe's logit:
 *   score = probeWeight * (b + w . x) + textWeight * 100 * (cosine - threshold);   labelled when score >= 0.
 */

import { probeTrain, type LinearProbe, type ProbeTrainOptions } from './linearProbe';
import { prngMulberry32 } from './synthetic';
import { topKOfScores } from './topk';
import { SEARCH_TUNABLES } from './tunables';
import { CLIP_LOGIT_SCALE } from './zeroShot';

export const TEACH_C = SEARCH_TUNABLES.teachC;
export const TEACH_SEED = SEARCH_TUNABLES.teachSeed;
export const TEACH_FOLDS = SEARCH_TUNABLES.teachFolds;
export const TEACH_PROBE_WEIGHT = SEARCH_TUNABLES.teachProbeWeight;
export const TEACH_TEXT_WEIGHT = SEARCH_TUNABLES.teachTextWeight;

/** Cross-validated accuracy of the taught label on its own training photos (examples, counter-examples, sample). */
export interface TeachCrossValidation {
  /** k of the stratified k-fold: TEACH_FOLDS, or fewer when a side has fewer photos. */
  folds: number;
  rows: number;
  correct: number;
  accuracy: number;
  /** Of the examples (positives), how many a probe not trained on them labels: the recall on held-out examples. */
  examples: number;
  examplesCorrect: number;
}

/** A label to learn from photos the user marked (src/search/teach.ts says how). */
export interface TeachRequest {
  examples: readonly string[];
  counterExamples: readonly string[];
  /** The label's prompt vector and the cosine it must reach, when the label has text prompts. */
  text?: { vector: ArrayLike<number>; threshold: number };
  /** How many least-sure photos to return. */
  leastSure: number;
}

export interface TeachResult {
  /** Every held photo; `scores[n]` (the combined logit, labelled when >= 0) is `ids[n]`'s. */
  ids: string[];
  scores: Float32Array;
  /** Examples, counter-examples and sampled others it was trained on (marked photos not in the index are left out). */
  trained: { examples: number; counterExamples: number; sampled: number };
  crossValidation: TeachCrossValidation | null;
  /** Unmarked photos whose score is nearest 0, nearest first. */
  leastSure: { id: string; score: number }[];
}

/** How many other photos to sample as negatives: per example, with a floor, never more than there are. */
export function teachNegativeSampleSize(examples: number, available: number): number {
  const wanted = Math.max(SEARCH_TUNABLES.teachMinNegatives, SEARCH_TUNABLES.teachNegativesPerExample * examples);
  return Math.max(0, Math.min(available, wanted));
}

/**
 * `size` distinct rows of [0, count) not in `exclude`, by a Fisher-Yates shuffle seeded with `seed` (so the same
 * library and examples always give the same sample), ascending.
 */
export function teachSampleNegatives(
  count: number,
  exclude: ReadonlySet<number>,
  size: number,
  seed: number = TEACH_SEED,
): number[] {
  const candidates: number[] = [];
  for (let row = 0; row < count; row++) if (!exclude.has(row)) candidates.push(row);
  const take = Math.min(size, candidates.length);
  const uniform = prngMulberry32(seed);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(uniform() * (candidates.length - i));
    [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
  }
  return candidates.slice(0, take).sort((a, b) => a - b);
}

/**
 * Trains the binary probe: `positive[i]` says whether `vectors[i]` is an example (class 1) or a negative (0). The
 * smaller side's rows are repeated until both sides weigh about the same (scikit-learn's class_weight='balanced',
 * to a rounding): five examples against fifty negatives would otherwise be out-voted by the regularization.
 */
export function teachTrain(
  vectors: readonly ArrayLike<number>[],
  positive: readonly boolean[],
  options: ProbeTrainOptions = {},
): LinearProbe {
  const positives = positive.filter(Boolean).length;
  const negatives = positive.length - positives;
  const repeatPositive = Math.max(1, Math.round(negatives / Math.max(1, positives)));
  const repeatNegative = Math.max(1, Math.round(positives / Math.max(1, negatives)));
  const rows: ArrayLike<number>[] = [];
  const labels: number[] = [];
  positive.forEach((p, i) => {
    for (let r = p ? repeatPositive : repeatNegative; r > 0; r--) {
      rows.push(vectors[i]!);
      labels.push(p ? 1 : 0);
    }
  });
  return probeTrain(rows, labels, 2, { c: TEACH_C, ...options });
}

/** The probe's logit for "is an example" on one float vector: (b1 - b0) + (w1 - w0) . x. */
export function teachProbeLogit(probe: LinearProbe, vector: ArrayLike<number>): number {
  const { dims, weights, intercepts } = probe;
  let z = intercepts[1]! - intercepts[0]!;
  for (let j = 0; j < dims; j++) z += (weights[dims + j]! - weights[j]!) * vector[j]!;
  return z;
}

/** The text prompts' share of the score: textWeight * 100 * (cosine - threshold); 0 when the label has none. */
export function teachTextTerm(cosine: number | undefined, threshold: number): number {
  return cosine === undefined ? 0 : TEACH_TEXT_WEIGHT * CLIP_LOGIT_SCALE * (cosine - threshold);
}

/** The combined score (a logit): the photo gets the label when it is >= 0. */
export function teachCombine(probeLogit: number, textTerm = 0): number {
  return TEACH_PROBE_WEIGHT * probeLogit + textTerm;
}

/** The score as a probability (the chip's number). */
export function teachProbability(score: number): number {
  return 1 / (1 + Math.exp(-score));
}

/**
 * Stratified k-fold cross-validation of the whole rule (probe plus text term) on the training rows: positives and
 * negatives are each shuffled (seeded) and dealt round-robin into k folds, k = min(TEACH_FOLDS, positives,
 * negatives); each fold is scored by a probe trained on the others. Null when k < 2 (fewer than 2 examples).
 */
export function teachCrossValidate(
  vectors: readonly ArrayLike<number>[],
  positive: readonly boolean[],
  textTerms: readonly number[] | null,
  options: { folds?: number; seed?: number; kernel?: ProbeTrainOptions['kernel'] } = {},
): TeachCrossValidation | null {
  const { folds = TEACH_FOLDS, seed = TEACH_SEED, kernel } = options;
  const rows = (want: boolean) => positive.flatMap((p, i) => (p === want ? [i] : []));
  const sides = [rows(true), rows(false)];
  const k = Math.min(folds, sides[0]!.length, sides[1]!.length);
  if (k < 2) return null;
  const fold = new Int32Array(positive.length);
  const uniform = prngMulberry32(seed);
  for (const side of sides) {
    for (let i = side.length - 1; i > 0; i--) {
      const j = Math.floor(uniform() * (i + 1));
      [side[i], side[j]] = [side[j]!, side[i]!];
    }
    side.forEach((row, n) => (fold[row] = n % k));
  }
  let correct = 0;
  let examplesCorrect = 0;
  for (let f = 0; f < k; f++) {
    const train = positive.flatMap((_, i) => (fold[i] === f ? [] : [i]));
    const probe = teachTrain(
      train.map((i) => vectors[i]!),
      train.map((i) => positive[i]!),
      kernel ? { kernel } : {},
    );
    for (let i = 0; i < positive.length; i++) {
      if (fold[i] !== f) continue;
      const score = teachCombine(teachProbeLogit(probe, vectors[i]!), textTerms?.[i] ?? 0);
      if (score >= 0 === positive[i]) correct++;
      if (score >= 0 && positive[i]) examplesCorrect++;
    }
  }
  const examples = sides[0]!.length;
  return { folds: k, rows: positive.length, correct, accuracy: correct / positive.length, examples, examplesCorrect };
}

/**
 * The `k` rows whose score is nearest 0 (the decision the label is least sure of), nearest first, ties to the lower
 * row; rows in `exclude` (the examples and counter-examples: already decided by the user) are skipped.
 */
export function teachLeastSure(scores: ArrayLike<number>, exclude: ReadonlySet<number>, k: number): number[] {
  const closeness = Float64Array.from({ length: scores.length }, (_, i) =>
    exclude.has(i) ? Number.NaN : -Math.abs(scores[i]!),
  );
  return topKOfScores(closeness, k).map((item) => item.index);
}
