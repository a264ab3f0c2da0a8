import { describe, expect, it } from 'vitest';
import { metricsCase } from './fixtures/evaluationReference';
import {
  accuracy,
  argmaxRows,
  predictionsTiesMiss,
  classificationReport,
  confusionMatrix,
  knnLeaveOneOutAccuracy,
  knnLeaveOneOutPredictions,
  macroAverage,
  perClassMetrics,
  topKAccuracy,
} from './classificationMetrics';
import { syntheticClusteredEmbeddings } from './synthetic';

// Six photos, three classes; two mistakes (a 0 taken for a 1, a 1 taken for a 2).
const TRUTH = [0, 0, 0, 1, 1, 2];
const GUESS = [0, 0, 1, 1, 2, 2];

describe('accuracy and confusion', () => {
  it('counts hand-checked values', () => {
    expect(accuracy(TRUTH, GUESS)).toBeCloseTo(4 / 6, 12);
    expect(confusionMatrix(TRUTH, GUESS, 3)).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
  });

  it('rejects mismatched lengths and out-of-range classes', () => {
    expect(() => accuracy([0, 1], [0])).toThrow(RangeError);
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(RangeError);
  });

  it('is 0 for an empty set', () => {
    expect(accuracy([], [])).toBe(0);
  });
});

describe('per-class and macro metrics', () => {
  const confusion = confusionMatrix(TRUTH, GUESS, 3);
  const perClass = perClassMetrics(confusion);

  it('match hand-computed precision, recall and F1', () => {
    // class 0: P = 2/2, R = 2/3, F1 = 2*1*(2/3)/(5/3) = 0.8
    // class 1: P = 1/2, R = 1/2, F1 = 0.5
    // class 2: P = 1/2, R = 1/1, F1 = 2*0.5*1/1.5 = 2/3
    expect(perClass).toEqual([
      { precision: 1, recall: expect.closeTo(2 / 3, 12), f1: expect.closeTo(0.8, 12), support: 3 },
      { precision: 0.5, recall: 0.5, f1: 0.5, support: 2 },
      { precision: 0.5, recall: 1, f1: expect.closeTo(2 / 3, 12), support: 1 },
    ]);
  });

  it('macro-average per-class values (macro F1 is the mean of F1s)', () => {
    expect(macroAverage(perClass, confusion)).toEqual({
      precision: expect.closeTo(2 / 3, 12),
      recall: expect.closeTo(13 / 18, 12),
      f1: expect.closeTo(59 / 90, 12), // (0.8 + 0.5 + 2/3) / 3
    });
  });

  it('score a never-predicted class 0 and leave a class absent from both sides out of the macro mean', () => {
    const c = confusionMatrix([0, 1, 1], [0, 0, 0], 4); // class 1 never predicted, classes 2 and 3 absent
    const metrics = perClassMetrics(c);
    expect(metrics[1]).toEqual({ precision: 0, recall: 0, f1: 0, support: 2 });
    // classes 0 and 1 count: P = (1/3 + 0) / 2, R = (1 + 0) / 2, F1 = (0.5 + 0) / 2
    expect(macroAverage(metrics, c)).toEqual({ precision: expect.closeTo(1 / 6, 12), recall: 0.5, f1: 0.25 });
  });
});

describe('top-k accuracy', () => {
  const rows = [
    [0.9, 0.05, 0.05], // true 0: rank 0
    [0.5, 0.3, 0.2], // true 1: rank 1
    [0.4, 0.4, 0.2], // true 1: tied with class 0, which counts ahead of it: rank 1
    [0.2, 0.3, 0.5], // true 0: rank 2
  ];
  const truth = [0, 1, 1, 0];

  it('counts a photo when its true class is within the k best scores', () => {
    expect(topKAccuracy(truth, rows, 1)).toBe(0.25);
    expect(topKAccuracy(truth, rows, 2)).toBe(0.75);
    expect(topKAccuracy(truth, rows, 3)).toBe(1);
  });

  it('argmax breaks ties to the lower index (for labelling)', () => {
    expect(argmaxRows(rows)).toEqual([0, 0, 0, 2]);
  });

  it('never counts a tie as a hit: an all-equal row is a miss for every class, class 0 included', () => {
    const flat = [0.25, 0.25, 0.25, 0.25];
    for (let label = 0; label < 4; label++) {
      expect(topKAccuracy([label], [flat], 1)).toBe(0);
      expect(topKAccuracy([label], [flat], 3)).toBe(0);
      expect(topKAccuracy([label], [flat], 4)).toBe(1); // every class is in the top 4 of 4
      expect(predictionsTiesMiss([label], [flat])).toEqual([label === 0 ? 1 : 0]);
      expect(classificationReport([label], [flat], 4).top1).toBe(0);
    }
    // true class 0 tied with class 1 for the top (the old rule, ties to the lower index, called it a hit)
    expect(topKAccuracy([0], [[0.4, 0.4, 0.2]], 1)).toBe(0);
    expect(topKAccuracy([0], [[0.4, 0.4, 0.2]], 2)).toBe(1);
    expect(topKAccuracy([2], [[0.4, 0.3, 0.3]], 2)).toBe(0); // 2 ties with 1 for second place
  });

  it('predictionsTiesMiss agrees with top-1, and changes nothing where the top is not tied', () => {
    const tied = [...rows, [0.3, 0.3, 0.4], [0.1, 0.45, 0.45]];
    const tiedTruth = [...truth, 2, 2];
    const predicted = predictionsTiesMiss(tiedTruth, tied);
    expect(predicted).toEqual([0, 0, 0, 2, 2, 1]);
    expect(accuracy(tiedTruth, predicted)).toBe(topKAccuracy(tiedTruth, tied, 1));
    const report = classificationReport(tiedTruth, tied, 3);
    expect(report.top1).toBe(accuracy(tiedTruth, predicted));
    expect(report.confusion[2]).toEqual([0, 1, 1]);
  });

  it('classificationReport puts it all together', () => {
    const report = classificationReport(truth, rows, 3);
    expect(report.top1).toBe(0.25);
    expect(report.top5).toBe(1);
    expect(report.confusion).toEqual([
      [1, 0, 1],
      [2, 0, 0],
      [0, 0, 0],
    ]);
    expect(report.perClass[0]).toEqual({ precision: expect.closeTo(1 / 3, 12), recall: 0.5, f1: 0.4, support: 2 });
    expect(report.macro.f1).toBeCloseTo(0.4 / 3, 12); // classes 0, 1, 2 all occur (2 only as a prediction)
  });
});

describe('knnLeaveOneOutAccuracy', () => {
  // Two classes on the plane: A near the x axis, B near the y axis; photo 4 sits near A but is labelled B.
  const points = [
    [1, 0],
    [0.9, 0.1],
    [0.1, 1],
    [0, 1],
    [0.8, 0.3],
  ];
  const labels = [0, 0, 1, 1, 1];

  it('predicts each photo from its nearest other photos', () => {
    // k = 1: 0->1 (A), 1->0 (A), 2->3 (B), 3->2 (B), 4->1 (A, wrong)
    expect(Array.from(knnLeaveOneOutPredictions(points, labels, 1))).toEqual([0, 0, 1, 1, 0]);
    expect(knnLeaveOneOutAccuracy(points, labels, 1)).toBeCloseTo(4 / 5, 12);
  });

  it('breaks a vote tie towards the class of the nearest neighbour', () => {
    // k = 2, photo 0: neighbours 1 (A, cos .994) and 4 (B, cos .936): a 1-1 tie, nearest is A
    expect(knnLeaveOneOutPredictions(points, labels, 2)[0]).toBe(0);
    // here the nearer neighbour has the higher class index, so the tie-break is not just "lowest class"
    const tie = knnLeaveOneOutPredictions(
      [
        [1, 0],
        [0.99, 0.14],
        [0.97, -0.24],
      ],
      [0, 1, 0],
      2,
    );
    expect(tie[0]).toBe(1);
  });

  it('is 1 on well-separated clusters and rejects a bad k', () => {
    const { embeddings, clusterOf } = syntheticClusteredEmbeddings({
      seed: 4,
      count: 300,
      dims: 64,
      clusters: 5,
      spread: 0.5,
    });
    expect(knnLeaveOneOutAccuracy(embeddings, Array.from(clusterOf), 5)).toBe(1);
    expect(() => knnLeaveOneOutAccuracy(points, labels, 0)).toThrow(RangeError);
  });
});

describe('per-class metrics against scikit-learn precision_recall_fscore_support (zero_division=0)', () => {
  it('match per class and macro, with a class never predicted, one never true and one in neither', () => {
    const { truth, predicted, classCount, precision, recall, f1, support, macro } = metricsCase;
    const confusion = confusionMatrix(truth, predicted, classCount);
    const perClass = perClassMetrics(confusion);
    perClass.forEach((metrics, c) => {
      expect(metrics.precision).toBeCloseTo(precision[c]!, 12);
      expect(metrics.recall).toBeCloseTo(recall[c]!, 12);
      expect(metrics.f1).toBeCloseTo(f1[c]!, 12);
      expect(metrics.support).toBe(support[c]);
    });
    const ours = macroAverage(perClass, confusion);
    expect(ours.precision).toBeCloseTo(macro.precision, 12);
    expect(ours.recall).toBeCloseTo(macro.recall, 12);
    expect(ours.f1).toBeCloseTo(macro.f1, 12);
  });
});
