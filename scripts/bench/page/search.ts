import { buildSearchIndex, rankIndex } from './plainIndex';
import { createSearchClient, type SearchClient } from '../../../src/features/search/searchClient';
import { fakeId } from '../../../src/library/testing';
import type { PhotoFacets } from '../../../src/search/filters';
import type { EmbeddingBlock as StoredBlock } from '../../../src/library/schema';
import { blockReadRow, blocksFromEmbeddings, blocksLocate, type EmbeddingBlock } from '../../../src/search/quantize';
import { blocksCosineAt, rankBlocks, rankExactFloat } from '../../../src/search/rank';
import {
  prngGaussian,
  prngMulberry32,
  syntheticClusteredEmbeddings,
  syntheticDirection,
  syntheticNear,
  syntheticWithDuplicates,
} from '../../../src/search/synthetic';
import { DUPLICATE_MAX_DISTANCE } from '../../../src/search/duplicates';
import { labelAll } from '../../../src/search/zeroShot';
import { appCore } from './indexing';
import { BENCH_MODEL, median, now, TUNABLES } from './shared';

const DIMS = 512;

/**
 * A clustered library of n photos, ~500 a subject, each within cos ~0.7 of its subject (as syntheticClusteredEmbeddings
 * makes them, and up to 100k with it). Beyond, noise comes from a pool of Gaussian vectors read at a random cyclic
 * offset, so a million photos take seconds rather than minutes, in 64k-row slabs rather than a million arrays.
 */
export function library(n: number) {
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
export async function searchBench(n: number, queries: number, usualQueries: number) {
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
  const truths: Set<number>[] = [];
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
      truths.push(truth);
      const ours = matches.slice(0, 50).map((m) => index.rowOf.get(m.id)!);
      agreement.push(ours.filter((row) => truth.has(row)).length / 50);
    }
  });
  const worker = await workerSearch(index.ids, blocks, qs, truths, (id) => index.rowOf.get(id)!);
  return {
    n,
    setupMs,
    rankMs: median(rankMs),
    rankTop50Ms: median(rankTop50Ms),
    usualRankMs: median(usualMs),
    agreementAt50: agreement.reduce((a, b) => a + b, 0) / agreement.length,
    minAgreementAt50: Math.min(...agreement),
    resultLimit: TUNABLES.searchLimit,
    ...worker,
  };
}

/**
 * The stored blocks appended to a fresh search worker in batches of 64k rows, as an import commits them (with each
 * photo's facets when given, as the app sends them).
 */
export async function searchWorkerOf(
  ids: readonly string[],
  blocks: readonly EmbeddingBlock[],
  facets?: readonly PhotoFacets[],
): Promise<SearchClient> {
  const client = createSearchClient();
  await client.reset(BENCH_MODEL.id, DIMS);
  const batch = 64 * 1024;
  const codes = new Int8Array(batch * DIMS);
  const scales = new Float32Array(batch);
  let filled = 0;
  let first = 0;
  const flush = async () => {
    const batchIds = ids.slice(first, first + filled);
    await client.append(
      batchIds,
      codes.subarray(0, filled * DIMS),
      scales.subarray(0, filled),
      facets?.slice(first, first + filled),
    );
    first += filled;
    filled = 0;
  };
  for (const block of blocks) {
    for (let row = 0; row < block.count; row++) {
      codes.set(block.codes.subarray(row * DIMS, (row + 1) * DIMS), filled * DIMS);
      scales[filled++] = block.scales[row]!;
      if (filled === batch) await flush();
    }
  }
  if (filled > 0) await flush();
  return client;
}

/**
 * The same queries through the search worker (WASM SIMD, helpers past the row threshold): the app's call and the
 * top 50, agreement with the exact float top 50, and the longest main-thread task while the searches ran.
 */
async function workerSearch(
  ids: readonly string[],
  blocks: readonly EmbeddingBlock[],
  qs: readonly Float32Array[],
  truths: readonly Set<number>[],
  rowOf: (id: string) => number,
) {
  let t = now();
  const client = await searchWorkerOf(ids, blocks);
  const appendMs = now() - t;
  const stats = await client.stats();
  const options = { k: TUNABLES.searchLimit, minScore: BENCH_MODEL.defaultMinScore };
  for (const q of qs.slice(0, 2)) await client.rank(q, options); // warm-up: helpers start, the kernel compiles
  const probe = gapProbe();
  const rankMs: number[] = [];
  const rankTop50Ms: number[] = [];
  const agreement: number[] = [];
  for (const [i, q] of qs.entries()) {
    t = now();
    const result = await client.rank(q, options);
    rankMs.push(now() - t);
    t = now();
    await client.rank(q, { k: 50 });
    rankTop50Ms.push(now() - t);
    const truth = truths[i];
    if (truth) agreement.push(result.ids.slice(0, 50).filter((id) => truth.has(rowOf(id))).length / 50);
  }
  const longestTaskMs = await probe.stop();
  client.dispose();
  return {
    workerRankMs: median(rankMs),
    workerRankTop50Ms: median(rankTop50Ms),
    workerAgreementAt50: agreement.reduce((a, b) => a + b, 0) / agreement.length,
    workerMinAgreementAt50: Math.min(...agreement),
    workerKernel: stats.kernel,
    workerThreads: stats.threads,
    workerBytes: stats.bytes,
    workerAppendMs: appendMs,
    longestTaskMs,
  };
}

/**
 * How long the main thread was busy at most until stop(): a timer asks to run every PROBE_MS; a task that holds
 * the thread delays the next tick, so the longest delay past PROBE_MS bounds the longest task from below.
 */
const PROBE_MS = 4;
function gapProbe() {
  let last = now();
  let longest = 0;
  const timer = setInterval(() => {
    const t = now();
    longest = Math.max(longest, t - last - PROBE_MS);
    last = t;
  }, PROBE_MS);
  return {
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, 2 * PROBE_MS));
      clearInterval(timer);
      return Math.max(0, longest);
    },
  };
}

/** Zero-shot labels of 100,000 photos x 20 labels through the search worker, beside labelAll on this thread. */
export async function relabel100kBench(runs: number, photos = 100_000) {
  const { embeddings, centers } = library(photos);
  const blocks = blocksFromEmbeddings(embeddings);
  const gaussian = prngGaussian(prngMulberry32(20));
  // The labels' values do not change the work; these sit near subjects, as real label prompts do.
  const labels = Array.from({ length: 20 }, (_, l) => syntheticNear(gaussian, centers[l % centers.length]!, 1.5));
  const ids = Array.from({ length: photos }, (_, i) => fakeId(i));
  const client = await searchWorkerOf(ids, blocks);
  await client.labelAll(labels, { mode: 'single' });
  const ms: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = now();
    await client.labelAll(labels, { mode: 'single' });
    ms.push(now() - t);
  }
  const threads = (await client.stats()).threads;
  client.dispose();
  const t = now();
  labelAll(blocks, labels, { mode: 'single' });
  return { ms: median(ms), mainThreadJsMs: now() - t, labels: labels.length, photos, threads };
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

/**
 * Near-duplicates in the search worker: `photos` clustered rows with 1% of them planted as copies (groups of 3,
 * each copy within cos ~0.997 of its original), grouped with `duplicates` (LSH candidates, exact cosines). Recall:
 * the planted pairs whose exact stored cosine is within the threshold that end in one group; extra: grouped photos
 * that were not planted together.
 */
export async function duplicatesBench(runs: number, photos = 100_000) {
  const { embeddings, planted } = syntheticWithDuplicates({
    seed: photos + 14,
    count: photos,
    dims: DIMS,
    clusters: Math.max(10, Math.round(photos / 500)),
    spread: 1,
    groups: Math.round(photos / 300),
    groupSize: 3,
    duplicateSpread: 0.08,
  });
  const blocks = blocksFromEmbeddings(embeddings);
  const ids = Array.from({ length: photos }, (_, i) => fakeId(i));
  const client = await searchWorkerOf(ids, blocks);
  const ms: number[] = [];
  let progressCalls = 0;
  let found: Awaited<ReturnType<SearchClient['duplicates']>> = null;
  for (let r = 0; r < runs; r++) {
    const t = now();
    found = await client.duplicates({}, () => (progressCalls++, true));
    ms.push(now() - t);
  }
  const threads = (await client.stats()).threads;
  client.dispose();
  const groupOf = new Map<string, number>();
  found!.groups.forEach((g, i) => g.forEach((id) => groupOf.set(id, i)));
  let truePairs = 0;
  let foundPairs = 0;
  const plantedOf = new Map<string, number>();
  planted.forEach((group, g) => {
    group.forEach((row) => plantedOf.set(ids[row]!, g));
    const [original, ...copies] = group;
    const { block, row } = blocksLocate(blocks, original!);
    const cosines = blocksCosineAt(blockReadRow(block, row), blocks, copies);
    copies.forEach((copy, i) => {
      if (cosines[i]! < 1 - DUPLICATE_MAX_DISTANCE) return;
      truePairs++;
      const a = groupOf.get(ids[original!]!);
      if (a !== undefined && a === groupOf.get(ids[copy]!)) foundPairs++;
    });
  });
  // A grouped photo that was not planted, or that shares its group with another planted group's photo.
  const extra = found!.groups.flatMap((group) =>
    group.filter((id) => !plantedOf.has(id) || group.some((other) => plantedOf.get(other) !== plantedOf.get(id))),
  ).length;
  return {
    ms: median(ms),
    workerMs: found!.ms,
    photos,
    groups: found!.groups.length,
    plantedGroups: planted.length,
    recall: truePairs === 0 ? 0 : foundPairs / truePairs,
    extraPhotos: extra,
    candidates: found!.candidates,
    progressCalls: progressCalls / runs,
    threads,
  };
}
