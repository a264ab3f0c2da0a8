import { buildSearchIndex, rankIndex } from '../../../src/features/search/searchIndex';
import { fakeId } from '../../../src/library/testing';
import type { EmbeddingBlock as StoredBlock } from '../../../src/library/schema';
import { blocksFromEmbeddings, type EmbeddingBlock } from '../../../src/search/quantize';
import { rankBlocks, rankExactFloat } from '../../../src/search/rank';
import {
  prngGaussian,
  prngMulberry32,
  syntheticClusteredEmbeddings,
  syntheticDirection,
  syntheticNear,
} from '../../../src/search/synthetic';
import { labelAll } from '../../../src/search/zeroShot';
import { appCore } from './indexing';
import { BENCH_MODEL, median, now, TUNABLES } from './shared';

const DIMS = 512;

/**
 * A clustered library of n photos, ~500 a subject, each within cos ~0.7 of its subject (as syntheticClusteredEmbeddings
 * makes them, and up to 100k with it). Beyond, noise comes from a pool of Gaussian vectors read at a random cyclic
 * offset, so a million photos take seconds rather than minutes, in 64k-row slabs rather than a million arrays.
 */
function library(n: number) {
  if (n <= 100_000) {
    const spec = { seed: n, count: n, dims: DIMS, clusters: Math.max(10, Math.round(n / 500)), spread: 1 };
    return syntheticClusteredEmbeddings(spec);
  }
  const uniform = prngMulberry32(n);
  const gaussian = prngGaussian(uniform);
  const clusters = Math.max(10, Math.round(n / 500));
  const centers = Array.from({ length: clusters }, () => syntheticDirection(gaussian, DIMS));
  const pool = Array.from({ length: 512 }, () => syntheticNear(gaussian, new Float32Array(DIMS), 1));
  const embeddings: Float32Array[] = [];
  let slab = new Float32Array(0);
  for (let i = 0; i < n; i++) {
    if (i % 65536 === 0) slab = new Float32Array(Math.min(65536, n - i) * DIMS);
    const row = slab.subarray((i % 65536) * DIMS, ((i % 65536) + 1) * DIMS);
    const center = centers[i % clusters]!;
    const noise = pool[Math.floor(uniform() * pool.length)]!;
    const shift = Math.floor(uniform() * DIMS);
    let norm = 0;
    for (let j = 0; j < DIMS; j++) {
      const x = center[j]! + noise[(j + shift) % DIMS]!;
      row[j] = x;
      norm += x * x;
    }
    const inv = 1 / Math.sqrt(norm);
    for (let j = 0; j < DIMS; j++) row[j] = row[j]! * inv;
    embeddings.push(row);
  }
  return { embeddings, centers };
}

/** Blocks as loadEmbeddingBlocks returns them (with photo ids), so ranking runs exactly as the app's. */
function asStored(blocks: readonly EmbeddingBlock[]): StoredBlock[] {
  let row = 0;
  return blocks.map((b, blockNo) => ({
    modelId: BENCH_MODEL.id,
    blockNo,
    dims: b.dims,
    count: b.count,
    ids: Array.from({ length: b.count }, () => fakeId(row++)),
    codes: b.codes,
    scales: b.scales,
  }));
}

/**
 * Ranking n stored embeddings: the app's call (rankIndex with the app's result limit), rankBlocks for the top 50
 * alone, the usual way (float32 cosine per item, full sort), and how many of the usual top 50 the app returns.
 */
export function searchBench(n: number, queries: number, usualQueries: number) {
  const t0 = now();
  const { embeddings, centers } = library(n);
  const blocks = blocksFromEmbeddings(embeddings);
  const index = buildSearchIndex(asStored(blocks));
  const setupMs = now() - t0;
  const gaussian = prngGaussian(prngMulberry32(n + 7));
  // A text query sits near a subject, less tightly than its photos do (cosine ~0.55 to the subject's centre).
  const qs = Array.from({ length: queries }, (_, i) =>
    syntheticNear(gaussian, centers[(i * 7) % centers.length]!, 1.5),
  );
  for (const q of qs.slice(0, 2)) rankIndex(index, q, TUNABLES.searchLimit, BENCH_MODEL.defaultMinScore);

  const rankMs: number[] = [];
  const rankTop50Ms: number[] = [];
  const usualMs: number[] = [];
  const agreement: number[] = [];
  qs.forEach((q, i) => {
    let t = now();
    const matches = rankIndex(index, q, TUNABLES.searchLimit, BENCH_MODEL.defaultMinScore);
    rankMs.push(now() - t);
    t = now();
    rankBlocks(q, blocks, { k: 50 });
    rankTop50Ms.push(now() - t);
    if (i < usualQueries) {
      t = now();
      const exact = rankExactFloat(q, embeddings, { k: 50 });
      usualMs.push(now() - t);
      const truth = new Set(exact.map((r) => r.index));
      const ours = matches.slice(0, 50).map((m) => index.rowOf.get(m.id)!);
      agreement.push(ours.filter((row) => truth.has(row)).length / 50);
    }
  });
  return {
    n,
    setupMs,
    rankMs: median(rankMs),
    rankTop50Ms: median(rankTop50Ms),
    usualRankMs: median(usualMs),
    agreementAt50: agreement.reduce((a, b) => a + b, 0) / agreement.length,
    minAgreementAt50: Math.min(...agreement),
    resultLimit: TUNABLES.searchLimit,
  };
}

const LABELS = ['dog', 'cat', 'beach', 'mountain', 'car', 'food', 'baby', 'sunset', 'snow', 'city'];

/** Relabeling: 10 labels (prompt-ensembled through the app's engine) over 10,000 stored photos with labelAll. */
export async function relabelBench(runs: number) {
  const { embeddings } = library(10_000);
  const blocks = blocksFromEmbeddings(embeddings);
  const c = await appCore();
  const prompts = LABELS.flatMap((label) => BENCH_MODEL.promptTemplates.map((t) => t.replaceAll('{}', label)));
  let t = now();
  const vectors = await c.engine.embedTexts(BENCH_MODEL.id, prompts);
  const textMs = now() - t;
  const per = BENCH_MODEL.promptTemplates.length;
  const labels = LABELS.map((_, l) => {
    const mean = new Float32Array(DIMS);
    for (let p = 0; p < per; p++) vectors[l * per + p]!.forEach((x, j) => (mean[j] = mean[j]! + x / per));
    return mean;
  });
  labelAll(blocks, labels, { mode: 'single' });
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    t = now();
    labelAll(blocks, labels, { mode: 'single' });
    ms.push(now() - t);
  }
  return { ms: median(ms), textMs, prompts: prompts.length };
}
