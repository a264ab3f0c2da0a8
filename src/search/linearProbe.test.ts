import { describe, expect, it } from 'vitest';
import { accuracy, classificationReport } from './classificationMetrics';
import { caseVectors, probeCases } from './fixtures/evaluationReference';
import { probeLabelBlocks, probeProbabilities, probeProbabilityRows, probeTrain } from './linearProbe';
import { blockReadRow, blocksFromEmbeddings } from './quantize';
import { syntheticClusteredEmbeddings } from './synthetic';

/** Agreement with scikit-learn at the optimum (measured worst 8.3e-7; see README). */
const PROBABILITY_TOLERANCE = 2e-6;

describe('probeTrain agrees with scikit-learn LogisticRegression (lbfgs, L2, intercept)', () => {
  for (const probeCase of probeCases) {
    it(`${probeCase.name}: ${probeCase.classCount} classes, C = ${probeCase.c}`, () => {
      const vectors = caseVectors(probeCase);
      const train = vectors.slice(0, probeCase.trainCount);
      const validation = vectors.slice(probeCase.trainCount);
      const probe = probeTrain(train, probeCase.trainLabels, probeCase.classCount, {
        c: probeCase.c,
        tolerance: 1e-10,
        maxIterations: 10_000,
      });
      expect(probe.converged).toBe(true);

      const rows = probeProbabilityRows(probe, validation);
      let worst = 0;
      rows.forEach((row, i) =>
        row.forEach((p, k) => (worst = Math.max(worst, Math.abs(p - probeCase.probabilities[i]![k]!)))),
      );
      expect(worst).toBeLessThan(PROBABILITY_TOLERANCE);

      // Weights: scikit-learn stores one row for two classes (class 1 against class 0, ours with row 0 at zero).
      const weightRows = probeCase.classCount === 2 ? [1] : probeCase.coef.map((_, k) => k);
      weightRows.forEach((k, row) => {
        probeCase.coef[row]!.forEach((w, j) => expect(probe.weights[k * probe.dims + j]).toBeCloseTo(w, 3));
        expect(probe.intercepts[k]).toBeCloseTo(probeCase.intercept[row]!, 3);
      });

      expect(rows.map((row) => row.indexOf(Math.max(...row)))).toEqual(probeCase.predicted);
      const report = classificationReport(probeCase.validationLabels, rows, probeCase.classCount);
      expect(report.top1).toBeCloseTo(probeCase.accuracy, 12);
      expect(report.confusion).toEqual(probeCase.confusion);
      report.perClass.forEach((metrics, k) => {
        expect(metrics.precision).toBeCloseTo(probeCase.precision[k]!, 12);
        expect(metrics.recall).toBeCloseTo(probeCase.recall[k]!, 12);
        expect(metrics.f1).toBeCloseTo(probeCase.f1[k]!, 12);
        expect(metrics.support).toBe(probeCase.support[k]);
      });
      expect(report.macro.f1).toBeCloseTo(probeCase.macro.f1, 12);
    });
  }

  it('at its default tolerance (1e-4) still predicts as scikit-learn does on the multinomial case', () => {
    const probeCase = probeCases[0]!;
    const vectors = caseVectors(probeCase);
    const probe = probeTrain(vectors.slice(0, probeCase.trainCount), probeCase.trainLabels, probeCase.classCount);
    const predicted = probeProbabilityRows(probe, vectors.slice(probeCase.trainCount)).map((row) =>
      row.indexOf(Math.max(...row)),
    );
    expect(accuracy(probeCase.predicted, predicted)).toBeGreaterThanOrEqual(0.95);
  });
});

describe('probeTrain', () => {
  it('never predicts a class it had no photo of, and keeps the others in their own index', () => {
    const { embeddings, clusterOf } = syntheticClusteredEmbeddings({
      seed: 3,
      count: 90,
      dims: 16,
      clusters: 3,
      spread: 1,
    });
    const labels = Array.from(clusterOf, (cluster) => [0, 2, 4][cluster]!); // classes 1 and 3 have no photos
    const probe = probeTrain(embeddings, labels, 5);
    const rows = probeProbabilityRows(probe, embeddings);
    rows.forEach((row) => {
      expect(row[1]).toBe(0);
      expect(row[3]).toBe(0);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    });
    expect(
      accuracy(
        labels,
        rows.map((row) => row.indexOf(Math.max(...row))),
      ),
    ).toBe(1);
  });

  it('refuses one class, out-of-range labels and ragged vectors', () => {
    const v = [Float32Array.of(1, 0), Float32Array.of(0, 1)];
    expect(() => probeTrain(v, [1, 1], 2)).toThrow(RangeError);
    expect(() => probeTrain(v, [0, 2], 2)).toThrow(RangeError);
    expect(() => probeTrain([v[0]!, Float32Array.of(1)], [0, 1], 2)).toThrow(RangeError);
  });
});

describe('probeLabelBlocks', () => {
  for (const dims of [32, 512]) {
    it(`labels ${dims}-d int8 stored rows as probeProbabilities does on the dequantized rows, in both kernels`, () => {
      const { embeddings, clusterOf } = syntheticClusteredEmbeddings({
        seed: 4,
        count: 600,
        dims,
        clusters: 5,
        spread: 1,
      });
      const probe = probeTrain(embeddings.slice(0, 200), Array.from(clusterOf.subarray(0, 200)), 5);
      const blocks = blocksFromEmbeddings(embeddings.slice(200), 128);
      const simd = probeLabelBlocks(probe, blocks, 'simd');
      const js = probeLabelBlocks(probe, blocks, 'js');
      expect(Array.from(js.predicted)).toEqual(Array.from(simd.predicted));
      expect(Array.from(js.probability)).toEqual(Array.from(simd.probability));
      const { predicted, probability } = simd;
      expect(predicted.length).toBe(400);
      for (let i = 0; i < 400; i++) {
        const row = probeProbabilities(probe, blockReadRow(blocks[Math.floor(i / 128)]!, i % 128));
        const best = row.indexOf(Math.max(...row));
        expect(predicted[i]).toBe(best);
        // int16 weights (one scale a class): within 1/65,534 of each weight's class maximum.
        expect(probability[i]).toBeCloseTo(row[best]!, 4);
      }
      expect(accuracy(Array.from(clusterOf.subarray(200)), Array.from(predicted))).toBeGreaterThan(0.9);
    });
  }
});

describe('probeTrain, WASM SIMD products against the plain-JS loops', () => {
  for (const classes of [2, 3, 6]) {
    it(`${classes} classes: the same probe (odd dims, a weight row left over after the fours)`, () => {
      const { embeddings, clusterOf } = syntheticClusteredEmbeddings({
        seed: classes,
        count: 300,
        dims: 33,
        clusters: classes,
        spread: 3,
      });
      const labels = Array.from(clusterOf);
      const options = { tolerance: 1e-8, maxIterations: 2000 } as const;
      const simd = probeTrain(embeddings, labels, classes, { ...options, kernel: 'simd' });
      const js = probeTrain(embeddings, labels, classes, { ...options, kernel: 'js' });
      expect(simd.converged && js.converged).toBe(true);
      simd.weights.forEach((w, j) => expect(w).toBeCloseTo(js.weights[j]!, 5));
      simd.intercepts.forEach((b, k) => expect(b).toBeCloseTo(js.intercepts[k]!, 5));
    });
  }
});
