/**
 * The embedding map: a 2D UMAP projection (umap-js) of the evaluated photos' vectors, seeded so the same photos and
 * seed give the same map. Pure, so it runs in the map worker (`map.worker.ts`) and in Node.
 */

import { UMAP } from 'umap-js';
import { prngMulberry32 } from '../../search/synthetic';
import { TUNABLES } from '../tunables';

/** A model's map: `points` holds [x, y] of each photo in `indices` (into the result's photos), in that order. */
export interface EmbeddingMap {
  readonly seed: number;
  readonly indices: Int32Array;
  readonly points: Float64Array;
}

/** What the map worker exposes (comlink): the projection, with progress as (epochs done, epochs in all). */
export interface MapApi {
  project(
    vectors: readonly Float32Array[],
    seed: number,
    progress: (done: number, total: number) => void,
  ): Float64Array;
}

/** The photos a map is drawn from: all of them, or a seeded sample of `max` (in their order) when there are more. */
export function mapSample(count: number, seed: number, max: number = TUNABLES.evalMapMaxPhotos): Int32Array {
  const all = Int32Array.from({ length: count }, (_, i) => i);
  if (count <= max) return all;
  const random = prngMulberry32(seed ^ 0x9e3779b9);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.subarray(0, max).sort();
}

/**
 * The 2D UMAP of `vectors` ([x0, y0, x1, y1, ...]); deterministic for a seed. Fewer than three photos have no
 * neighbourhood to keep: they are placed on a line.
 */
export function mapProject(
  vectors: readonly Float32Array[],
  seed: number,
  progress: (done: number, total: number) => void = () => undefined,
): Float64Array {
  const n = vectors.length;
  const out = new Float64Array(2 * n);
  if (n < 3) {
    for (let i = 0; i < n; i++) out[2 * i] = i;
    progress(1, 1);
    return out;
  }
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: Math.min(TUNABLES.evalMapNeighbors, n - 1),
    minDist: TUNABLES.evalMapMinDist,
    random: prngMulberry32(seed),
  });
  const epochs = umap.initializeFit(vectors.map((v) => Array.from(v)));
  for (let epoch = 0; epoch < epochs; epoch++) {
    umap.step();
    if (epoch % 10 === 0) progress(epoch, epochs);
  }
  progress(epochs, epochs);
  umap.getEmbedding().forEach(([x, y], i) => {
    out[2 * i] = x!;
    out[2 * i + 1] = y!;
  });
  return out;
}
