import { describe, expect, it } from 'vitest';
import { retrievalImageToImage } from './retrieval';
import { splitStratified } from './split';
import { syntheticClusteredEmbeddings } from './synthetic';
import { vectorCosine } from './vector';

/** The definition written out: sort every validation photo by cosine (ties by index), cut, count. */
function bruteForce(
  trainVectors: Float32Array[],
  trainLabels: number[],
  validationVectors: Float32Array[],
  validationLabels: number[],
  k: number,
): number[] {
  const kUsed = Math.min(k, validationVectors.length);
  return trainVectors.map((query, i) => {
    const own = trainLabels[i]!;
    const cap = Math.min(kUsed, validationLabels.filter((label) => label === own).length);
    if (cap === 0) return 0;
    const order = validationVectors
      .map((v, j) => ({ j, score: vectorCosine(query, v) }))
      .sort((a, b) => b.score - a.score || a.j - b.j);
    return order.slice(0, cap).filter(({ j }) => validationLabels[j] === own).length / cap;
  });
}

describe('retrievalImageToImage', () => {
  const { embeddings, clusterOf } = syntheticClusteredEmbeddings({
    seed: 21,
    count: 400,
    dims: 24,
    clusters: 6,
    spread: 2.5,
  });
  // Uneven classes: drop most of cluster 5, so its validation count (2) caps k.
  const keep = embeddings.map((_, i) => i).filter((i) => clusterOf[i] !== 5 || i < 40);
  const labels = keep.map((i) => clusterOf[i]!);
  const split = splitStratified(labels, { validationShare: 0.4, seed: 3 });
  const pick = (indices: number[]) => ({
    vectors: indices.map((i) => embeddings[keep[i]!]!),
    labels: indices.map((i) => labels[i]!),
  });
  const train = pick(split.train);
  const validation = pick(split.validation);

  for (const k of [1, 5, 100, 10_000]) {
    it(`matches the brute-force definition per photo, per class and on average (k = ${k})`, () => {
      const report = retrievalImageToImage(train, validation, 6, k);
      const expected = bruteForce(train.vectors, train.labels, validation.vectors, validation.labels, k);
      expect(report.k).toBe(Math.min(k, validation.vectors.length));
      report.perPhoto.forEach((share, i) => expect(share).toBeCloseTo(expected[i]!, 12));
      expect(report.mean).toBeCloseTo(expected.reduce((a, b) => a + b, 0) / expected.length, 12);
      for (let c = 0; c < 6; c++) {
        const own = expected.filter((_, i) => train.labels[i] === c);
        expect(report.perClass[c]).toBeCloseTo(own.reduce((a, b) => a + b, 0) / own.length, 12);
      }
    });
  }

  it('caps the neighbours of a class by its validation photos, and is below 1 on overlapping clusters', () => {
    const report = retrievalImageToImage(train, validation, 6, 100);
    expect(report.neighboursPerClass[5]).toBe(validation.labels.filter((label) => label === 5).length);
    expect(report.neighboursPerClass[5]).toBeLessThan(10);
    expect(report.mean).toBeGreaterThan(0.2);
    expect(report.mean).toBeLessThan(1);
  });

  it('scores 0 for a class with no validation photo and null for a class with no training photo', () => {
    const v = [Float32Array.of(1, 0), Float32Array.of(0.9, 0.1), Float32Array.of(0, 1)];
    const report = retrievalImageToImage(
      { vectors: [v[0]!, v[2]!], labels: [0, 2] },
      { vectors: [v[1]!, v[2]!], labels: [0, 1] },
      3,
    );
    expect(Array.from(report.perPhoto)).toEqual([1, 0]);
    expect(report.perClass).toEqual([1, null, 0]);
  });
});
