/**
 * Seeded synthetic embeddings for tests and benchmarks: reproducible, clustered like real photo libraries
 * (many near-duplicates around a few subjects), with no model in the loop.
 */

import { embeddingNormalize, type Embedding } from './vector';

/** A seeded PRNG (mulberry32): returns a function giving uniform floats in [0, 1). */
export function prngMulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal sampler (Box-Muller) driven by a uniform PRNG. */
export function prngGaussian(uniform: () => number): () => number {
  return () => {
    const u = 1 - uniform(); // (0, 1], so the log is finite
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}

/** A random unit vector of `dims` dimensions. */
export function syntheticDirection(gaussian: () => number, dims: number): Embedding {
  const v = new Float32Array(dims);
  for (let j = 0; j < dims; j++) v[j] = gaussian();
  return embeddingNormalize(v);
}

/**
 * A unit vector near `center`: center + noise of total length about `spread`, renormalized.
 * cos(result, center) is about 1 / sqrt(1 + spread^2); spread 1 gives about 0.71.
 */
export function syntheticNear(gaussian: () => number, center: ArrayLike<number>, spread: number): Embedding {
  const dims = center.length;
  const sigma = spread / Math.sqrt(dims);
  const v = new Float32Array(dims);
  for (let j = 0; j < dims; j++) v[j] = center[j]! + sigma * gaussian();
  return embeddingNormalize(v);
}

/** A clustered synthetic library: `count` unit vectors around `clusters` random centers, member i in cluster i % clusters. */
export function syntheticClusteredEmbeddings(options: {
  seed: number;
  count: number;
  dims: number;
  clusters: number;
  spread: number;
}): { embeddings: Embedding[]; centers: Embedding[]; clusterOf: Int32Array } {
  const gaussian = prngGaussian(prngMulberry32(options.seed));
  const centers = Array.from({ length: options.clusters }, () => syntheticDirection(gaussian, options.dims));
  const clusterOf = new Int32Array(options.count);
  const embeddings: Embedding[] = [];
  for (let i = 0; i < options.count; i++) {
    clusterOf[i] = i % options.clusters;
    embeddings.push(syntheticNear(gaussian, centers[i % options.clusters]!, options.spread));
  }
  return { embeddings, centers, clusterOf };
}

/**
 * A clustered library with planted near-duplicates: `count - groups * (groupSize - 1)` clustered rows, then per group
 * `groupSize - 1` copies of a random earlier row, each within `duplicateSpread` of it (syntheticNear; 0.05 gives a
 * cosine about 0.9988, a re-encoded or resized photo). `planted` lists each group's rows, ascending.
 */
export function syntheticWithDuplicates(options: {
  seed: number;
  count: number;
  dims: number;
  clusters: number;
  spread: number;
  groups: number;
  groupSize: number;
  duplicateSpread: number;
}): { embeddings: Embedding[]; planted: number[][] } {
  const extra = options.groups * (options.groupSize - 1);
  const base = options.count - extra;
  const { embeddings } = syntheticClusteredEmbeddings({ ...options, count: base });
  const uniform = prngMulberry32(options.seed ^ 0x9e3779b9);
  const gaussian = prngGaussian(uniform);
  const used = new Set<number>();
  const planted: number[][] = [];
  for (let g = 0; g < options.groups; g++) {
    let original = Math.floor(uniform() * base);
    while (used.has(original)) original = (original + 1) % base;
    used.add(original);
    const group = [original];
    for (let c = 1; c < options.groupSize; c++) {
      group.push(embeddings.length);
      embeddings.push(syntheticNear(gaussian, embeddings[original]!, options.duplicateSpread));
    }
    planted.push(group);
  }
  return { embeddings, planted };
}
