import { describe, expect, it } from 'vitest';
import { prngGaussian, prngMulberry32, syntheticClusteredEmbeddings } from './synthetic';
import { vectorCosine, vectorNorm } from './vector';

describe('synthetic data', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    const a = prngMulberry32(1);
    const b = prngMulberry32(1);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(prngMulberry32(2)()).not.toBe(first[0]);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws standard normals (mean 0, variance 1 within sampling error)', () => {
    const gaussian = prngGaussian(prngMulberry32(5));
    const xs = Array.from({ length: 20_000 }, gaussian);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
  });

  it('places unit vectors at cosine about 1/sqrt(1 + spread^2) from their cluster center', () => {
    const { embeddings, centers, clusterOf } = syntheticClusteredEmbeddings({
      seed: 8,
      count: 100,
      dims: 512,
      clusters: 4,
      spread: 1,
    });
    expect(clusterOf[5]).toBe(1);
    const cosines = embeddings.map((embedding, i) => vectorCosine(embedding, centers[clusterOf[i]!]!));
    embeddings.forEach((embedding) => expect(vectorNorm(embedding)).toBeCloseTo(1, 5));
    expect(cosines.reduce((s, c) => s + c, 0) / cosines.length).toBeCloseTo(Math.SQRT1_2, 2);
    cosines.forEach((cosine) => expect(Math.abs(cosine - Math.SQRT1_2)).toBeLessThan(0.1));
  });
});
