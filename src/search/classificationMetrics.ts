/**
 * Metrics for evaluating zero-shot classification on a labelled photo set (in the spirit of TTI-Eval):
 * accuracy and top-k accuracy, confusion matrix, per-class precision/recall/F1 with macro averages, and
 * leave-one-out k-nearest-neighbour accuracy of the image embeddings themselves.
 * Classes are indices 0..classCount-1. Ties never inflate a figure: when the true class ties with another for a
 * place, the other one is counted ahead of it (an all-equal score row is a miss for every class, at top-1).
 */

import { topKCreate, topKPush, topKSorted, topKThreshold } from './topk';
import { embeddingNormalize, vectorDot } from './vector';

/** Per-class scores. A ratio with a zero denominator is 0 (scikit-learn's zero_division=0). */
export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** How many photos truly belong to the class. */
  support: number;
}

/** Everything `classificationReport` computes. */
export interface ClassificationReport {
  top1: number;
  top5: number;
  confusion: number[][];
  perClass: ClassMetrics[];
  macro: { precision: number; recall: number; f1: number };
}

/** The fraction of photos whose predicted class is the true one. */
export function accuracy(trueLabels: readonly number[], predicted: readonly number[]): number {
  checkSameLength(trueLabels, predicted);
  if (trueLabels.length === 0) return 0;
  return trueLabels.filter((label, i) => label === predicted[i]).length / trueLabels.length;
}

/** The index of the highest score in each row (ties to the lower index). */
export function argmaxRows(scoreRows: readonly ArrayLike<number>[]): number[] {
  return scoreRows.map((row) => {
    let best = 0;
    for (let c = 1; c < row.length; c++) if (row[c]! > row[best]!) best = c;
    return best;
  });
}

/**
 * The fraction of photos whose true class is among the `k` highest scores of its row. A class's rank counts every
 * other class scoring higher or equal, so a tie counts against the true class and never inflates the result.
 */
export function topKAccuracy(
  trueLabels: readonly number[],
  scoreRows: readonly ArrayLike<number>[],
  k: number,
): number {
  checkSameLength(trueLabels, scoreRows);
  if (trueLabels.length === 0) return 0;
  let hits = 0;
  trueLabels.forEach((label, i) => {
    const row = scoreRows[i]!;
    const own = row[label]!;
    let rank = 0;
    for (let c = 0; c < row.length; c++) if (c !== label && row[c]! >= own) rank++;
    if (rank < k) hits++;
  });
  return hits / trueLabels.length;
}

/**
 * Each row's predicted class for evaluation: the highest score, except that when the true class ties for the
 * highest, the prediction is the lowest-index other class in the tie, so a tie is a miss. Other ties go to the lower
 * index. `accuracy` of these equals `topKAccuracy(..., 1)`.
 */
export function predictionsTiesMiss(trueLabels: readonly number[], scoreRows: readonly ArrayLike<number>[]): number[] {
  checkSameLength(trueLabels, scoreRows);
  return argmaxRows(scoreRows).map((best, i) => {
    const row = scoreRows[i]!;
    const label = trueLabels[i]!;
    if (best !== label && row[label] !== row[best]) return best;
    for (let c = 0; c < row.length; c++) if (c !== label && row[c] === row[label]) return c;
    return best; // the true class alone is highest
  });
}

/** counts[t][p] = how many photos of true class t were predicted as class p. */
export function confusionMatrix(
  trueLabels: readonly number[],
  predicted: readonly number[],
  classCount: number,
): number[][] {
  checkSameLength(trueLabels, predicted);
  const counts = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  trueLabels.forEach((label, i) => {
    const guess = predicted[i]!;
    if (!(label >= 0 && label < classCount && guess >= 0 && guess < classCount)) {
      throw new RangeError(`confusionMatrix: class out of range at photo ${i}`);
    }
    counts[label]![guess]!++;
  });
  return counts;
}

/** Precision, recall, F1 and support of each class, read off a confusion matrix. */
export function perClassMetrics(confusion: readonly (readonly number[])[]): ClassMetrics[] {
  return confusion.map((row, c) => {
    const truePositives = row[c]!;
    const support = row.reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((sum, other) => sum + other[c]!, 0);
    const precision = ratio(truePositives, predictedCount);
    const recall = ratio(truePositives, support);
    return { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
}

/**
 * Unweighted means over the classes that occur in the truth or the predictions (scikit-learn's default label set).
 * Macro F1 is the mean of per-class F1, not the F1 of the macro precision and recall.
 */
export function macroAverage(
  perClass: readonly ClassMetrics[],
  confusion: readonly (readonly number[])[],
): { precision: number; recall: number; f1: number } {
  const present = perClass.filter((metrics, c) => metrics.support > 0 || confusion.some((row) => row[c]! > 0));
  const mean = (pick: (m: ClassMetrics) => number) =>
    ratio(
      present.reduce((sum, m) => sum + pick(m), 0),
      present.length,
    );
  return { precision: mean((m) => m.precision), recall: mean((m) => m.recall), f1: mean((m) => m.f1) };
}

/**
 * Top-1/top-5 accuracy, confusion matrix, per-class and macro metrics from true labels and per-photo score rows.
 * Predictions are `predictionsTiesMiss`, so a tie for the top is a miss in every figure, consistently.
 */
export function classificationReport(
  trueLabels: readonly number[],
  scoreRows: readonly ArrayLike<number>[],
  classCount: number,
): ClassificationReport {
  const predicted = predictionsTiesMiss(trueLabels, scoreRows);
  const confusion = confusionMatrix(trueLabels, predicted, classCount);
  const perClass = perClassMetrics(confusion);
  return {
    top1: accuracy(trueLabels, predicted),
    top5: topKAccuracy(trueLabels, scoreRows, 5),
    confusion,
    perClass,
    macro: macroAverage(perClass, confusion),
  };
}

/**
 * Each photo's class as voted by its `k` most similar other photos (cosine, leave-one-out).
 * Majority vote; a tie between classes goes to the one whose best-placed neighbour is nearest (and between equally
 * near neighbours, to the lower photo index), so the result never depends on iteration order. O(N^2 * dims).
 */
export function knnLeaveOneOutPredictions(
  embeddings: readonly ArrayLike<number>[],
  labels: readonly number[],
  k: number,
): Int32Array {
  checkSameLength(embeddings, labels);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`knn: bad k ${k}`);
  const unit = embeddings.map(embeddingNormalize);
  const predictions = new Int32Array(unit.length);
  unit.forEach((query, i) => {
    const heap = topKCreate(Math.min(k, unit.length - 1));
    unit.forEach((other, j) => {
      if (j === i) return;
      const score = vectorDot(query, other);
      if (score >= topKThreshold(heap)) topKPush(heap, j, score);
    });
    const votes = new Map<number, number>(); // insertion order = order of each class's nearest neighbour
    for (const { index } of topKSorted(heap)) votes.set(labels[index]!, (votes.get(labels[index]!) ?? 0) + 1);
    let winner = -1;
    let winnerVotes = 0;
    for (const [label, count] of votes) {
      if (count > winnerVotes) [winner, winnerVotes] = [label, count];
    }
    predictions[i] = winner;
  });
  return predictions;
}

/** Leave-one-out k-NN accuracy: how often `knnLeaveOneOutPredictions` recovers a photo's own label. */
export function knnLeaveOneOutAccuracy(
  embeddings: readonly ArrayLike<number>[],
  labels: readonly number[],
  k: number,
): number {
  return accuracy(labels, Array.from(knnLeaveOneOutPredictions(embeddings, labels, k)));
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

function checkSameLength(a: readonly unknown[], b: readonly unknown[]): void {
  if (a.length !== b.length) throw new RangeError(`metrics: ${a.length} labels but ${b.length} predictions`);
}
