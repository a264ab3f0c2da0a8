import { describe, expect, it } from 'vitest';
import { captionMatchScores, captionTerms, searchPhotos } from '../../../search/query';
import { blockReadRow, blocksFromEmbeddings, type EmbeddingBlock } from '../../../search/quantize';
import { rankBlocks } from '../../../search/rank';
import { duplicateGroupsBrute } from '../../../search/duplicates';
import {
  prngGaussian,
  prngMulberry32,
  syntheticClusteredEmbeddings,
  syntheticNear,
  syntheticWithDuplicates,
} from '../../../search/synthetic';
import { rowCosine } from '../../../search/rank';
import { teachSampleNegatives } from '../../../search/teach';
import { vectorNorm } from '../../../search/vector';
import { labelAll, type LabelAllOptions } from '../../../search/zeroShot';
import { TUNABLES } from '../../tunables';
import { createSearchCore, type SearchCoreOptions } from './core';
import { createScannerApi, type ScannerPort } from './scanRange';

const idOf = (row: number) => `photo-${row}`;

/** Blocks as stored, flattened the way a committed batch is appended. */
function flat(blocks: readonly EmbeddingBlock[]) {
  const count = blocks.reduce((n, b) => n + b.count, 0);
  const dims = blocks[0]?.dims ?? 0;
  const codes = new Int8Array(count * dims);
  const scales = new Float32Array(count);
  let row = 0;
  for (const b of blocks) {
    codes.set(b.codes.subarray(0, b.count * dims), row * dims);
    scales.set(b.scales.subarray(0, b.count), row);
    row += b.count;
  }
  return { ids: Array.from({ length: count }, (_, r) => idOf(r)), codes, scales };
}

function library(count: number, dims: number, seed: number) {
  const { embeddings, centers } = syntheticClusteredEmbeddings({ seed, count, dims, clusters: 7, spread: 1 });
  // Exact duplicates make equal scores: ties must go to the earlier row everywhere.
  for (let r = 10; r < Math.min(count, 40); r += 10) embeddings[r + 1] = embeddings[r]!;
  const blocks = blocksFromEmbeddings(embeddings, 64);
  const gaussian = prngGaussian(prngMulberry32(seed + 1));
  const queries = centers.map((c) => syntheticNear(gaussian, c, 1.5));
  return { blocks, queries, embeddings };
}

/** A scan helper in this thread: the same api scan.worker.ts exposes, called without a thread hop. */
function inProcessScanner(): ScannerPort {
  const api = createScannerApi();
  return {
    init: async (...args) => api.init(...args),
    scan: async (request) => api.scan(request),
    labels: async (request) => api.labels(request),
    terminate: () => undefined,
  };
}

async function core(
  blocks: readonly EmbeddingBlock[],
  kernel: 'simd' | 'js',
  options: Partial<SearchCoreOptions> = {},
) {
  const c = createSearchCore({ threads: 1, spawnScanner: null, shared: true, ...options });
  await c.reset('model', blocks[0]?.dims ?? 16, { kernel });
  if (blocks.length > 0) {
    const { ids, codes, scales } = flat(blocks);
    await c.append(ids, codes, scales);
  }
  return c;
}

/** rankBlocks' results as the worker reports them. */
function expected(query: ArrayLike<number>, blocks: readonly EmbeddingBlock[], k: number, minScore?: number) {
  const items = rankBlocks(query, blocks, { k, minScore });
  return { ids: items.map((i) => idOf(i.index)), scores: Float64Array.from(items, (i) => i.score) };
}

describe('the search worker core ranks exactly as rankBlocks, with either kernel', () => {
  for (const dims of [512, 100]) {
    it(`${dims} dims: same ids, same scores, ties to the earlier row, k > rows, minScore`, async () => {
      const { blocks, queries } = library(300, dims, dims);
      const simd = await core(blocks, 'simd');
      const js = await core(blocks, 'js');
      expect((await simd.stats()).kernel).toBe('simd');
      expect((await js.stats()).kernel).toBe('js');
      for (const q of queries) {
        for (const [k, minScore] of [
          [10, undefined],
          [50, 0.3],
          [1000, undefined],
          [1000, -2],
        ] as const) {
          const want = expected(q, blocks, k, minScore);
          const a = await simd.rank(q, { k, minScore });
          const b = await js.rank(q, { k, minScore });
          expect({ ids: a.ids, scores: a.scores }).toEqual(want);
          expect({ ids: b.ids, scores: b.scores }).toEqual(want);
        }
      }
      // A duplicated row scores exactly like its twin and comes right after it.
      const tie = await simd.rankById(idOf(10), { k: 2 });
      expect(tie.ids).toEqual([idOf(10), idOf(11)]);
      expect(tie.scores[0]).toBe(tie.scores[1]);
    });
  }

  it('answers nothing for an empty index, k = 0 or a zero query', async () => {
    const empty = await core([], 'simd');
    expect((await empty.rank(new Float32Array(16).fill(1), { k: 5 })).ids).toEqual([]);
    const { blocks, queries } = library(50, 16, 3);
    const c = await core(blocks, 'simd');
    expect((await c.rank(queries[0]!, { k: 0 })).ids).toEqual([]);
    expect((await c.rank(new Float32Array(16), { k: 5 })).ids).toEqual([]);
    await expect(c.rank(new Float32Array(15), { k: 5 })).rejects.toThrow(RangeError);
  });

  it('splits a big scan across helpers with results identical to one thread (ranges merged)', async () => {
    const n = TUNABLES.parallelScanMinRows + 1234;
    const { blocks, queries } = library(n, 24, 11);
    const one = await core(blocks, 'simd');
    const three = await core(blocks, 'simd', { threads: 3, spawnScanner: inProcessScanner });
    const jsThree = await core(blocks, 'js', { threads: 3, spawnScanner: inProcessScanner });
    expect((await one.stats()).threads).toBe(1);
    expect((await three.stats()).threads).toBe(3);
    for (const q of queries.slice(0, 3)) {
      const want = await one.rank(q, { k: 40 });
      expect(await three.rank(q, { k: 40 })).toEqual(want);
      expect(await jsThree.rank(q, { k: 40 })).toEqual(want);
      expect(want.ids).toEqual(expected(q, blocks, 40).ids);
    }
  });
});

describe('the search worker core keeps the index', () => {
  it('appends in batches, replaces a re-appended id, forgets removed ones, and gives rows back', async () => {
    const { blocks, queries, embeddings } = library(500, 100, 5);
    const { ids, codes, scales } = flat(blocks);
    const c = createSearchCore({ threads: 1, spawnScanner: null, shared: true });
    await c.reset('model', 100);
    const before = (await c.stats()).bytes;
    for (let start = 0; start < 500; start += 37) {
      const end = Math.min(500, start + 37);
      await c.append(ids.slice(start, end), codes.subarray(start * 100, end * 100), scales.subarray(start, end));
    }
    expect(await c.count()).toBe(500);
    expect((await c.stats()).bytes).toBeGreaterThan(before); // grown in place
    expect(await c.vectorOf(idOf(77))).toEqual(blockReadRow(blocks[1]!, 77 - 64));
    expect(await c.vectorOf('nobody')).toBeNull();
    expect(await c.rank(queries[1]!, { k: 20 })).toMatchObject(expected(queries[1]!, blocks, 20));

    // Re-appending photo 3 with photo 4's vector replaces its row: the count stays.
    await c.append([idOf(3)], codes.subarray(400, 500), scales.subarray(4, 5));
    expect(await c.count()).toBe(500);
    expect(await c.vectorOf(idOf(3))).toEqual(await c.vectorOf(idOf(4)));
    await c.append([idOf(3)], codes.subarray(300, 400), scales.subarray(3, 4));

    // Removing keeps the others in order: the same as an index built without them.
    const gone = [idOf(0), idOf(250), idOf(499), 'nobody'];
    expect(await c.remove(gone)).toBe(3);
    expect(await c.count()).toBe(497);
    const keptRows = embeddings.map((_, r) => r).filter((r) => ![0, 250, 499].includes(r));
    const rebuilt = blocksFromEmbeddings(keptRows.map((r) => embeddings[r]!));
    for (const q of queries) {
      const items = rankBlocks(q, rebuilt, { k: 30 });
      const got = await c.rank(q, { k: 30 });
      expect(got.ids).toEqual(items.map((i) => idOf(keptRows[i.index]!)));
      expect(got.scores).toEqual(Float64Array.from(items, (i) => i.score));
    }
    await expect(c.vectorOf(idOf(250))).resolves.toBeNull();
  });

  it('refuses rows of the wrong shape', async () => {
    const c = createSearchCore({ threads: 1, spawnScanner: null, shared: false });
    await expect(c.count()).resolves.toBe(0);
    await expect(c.append(['a'], new Int8Array(4), new Float32Array(1))).rejects.toThrow(/before reset/);
    await c.reset('model', 4);
    await expect(c.append(['a'], new Int8Array(3), new Float32Array(1))).rejects.toThrow(RangeError);
  });
});

describe('caption bonus and labels through the worker core equal src/search', () => {
  it('rank with a caption bonus gives what searchPhotos gives', async () => {
    const { blocks, queries } = library(400, 64, 9);
    const words = ['dog', 'beach', 'cake', 'red car', 'snow'];
    const captions = Array.from({ length: 400 }, (_, r) =>
      r % 3 === 0 ? captionTerms(`a ${words[r % 5]}`) : undefined,
    );
    for (const kind of ['simd', 'js'] as const) {
      const c = await core(blocks, kind);
      for (const [i, text] of ['dog on the beach', 'red car', 'nothing matches'].entries()) {
        const q = queries[i]!;
        const scores = captionMatchScores(text, captions);
        const bonus = { ids: [...scores.keys()].map(idOf), values: Float64Array.from(scores.values()) };
        const want = searchPhotos(q, text, blocks, captions, { k: 25, minScore: 0.05 });
        const got = await c.rank(q, { k: 25, minScore: 0.05, bonus });
        expect(got.ids).toEqual(want.map((h) => idOf(h.index)));
        expect(got.scores).toEqual(Float64Array.from(want, (h) => h.score));
        expect(got.captionScores).toEqual(Float64Array.from(want, (h) => h.captionScore));
        if (text !== 'nothing matches') expect(got.captionScores.some((s) => s > 0)).toBe(true);
      }
    }
  });

  const labelCases: [string, LabelAllOptions][] = [
    ['single', { mode: 'single', minConfidence: 0.3 }],
    ['multi', { mode: 'multi', thresholds: 0.2 }],
  ];
  for (const [name, options] of labelCases) {
    it(`labelAll (${name}) gives labelAll's result, in groups past the kernel's query room`, async () => {
      const { blocks, queries, embeddings } = library(300, 20, 13);
      const labels = Array.from({ length: TUNABLES.kernelMaxQueries + 6 }, (_, l) =>
        l < queries.length ? queries[l]! : embeddings[l * 3]!,
      );
      const want = labelAll(blocks, labels, options);
      for (const kind of ['simd', 'js'] as const) {
        const got = await (await core(blocks, kind)).labelAll(labels, options);
        expect(got.ids).toEqual(flat(blocks).ids);
        expect(got.result).toEqual(want);
      }
    });

    it(`labelAll (${name}) across helpers gives one thread's result`, async () => {
      const n = TUNABLES.parallelScanMinRows + 17;
      const { blocks, queries } = library(n, 20, 14);
      const labels = queries.slice(0, 5);
      const c = await core(blocks, 'simd', { threads: 2, spawnScanner: inProcessScanner });
      expect((await c.stats()).threads).toBe(2);
      expect((await c.labelAll(labels, options)).result).toEqual(labelAll(blocks, labels, options));
    });
  }
});

describe('near-duplicates and hidden photos in the worker core', () => {
  const dims = 48;
  const { embeddings, planted } = syntheticWithDuplicates({
    seed: 7,
    count: 1200,
    dims,
    clusters: 12,
    spread: 1,
    groups: 40,
    groupSize: 3,
    duplicateSpread: 0.05,
  });
  const blocks = blocksFromEmbeddings(embeddings, 256);
  const { codes } = flat(blocks);
  const rows = embeddings.map((_, r) => blockReadRow(blocks[Math.floor(r / 256)]!, r % 256));
  const brute = duplicateGroupsBrute(embeddings.length, (row, list) => {
    const q = rows[row]!;
    return Float64Array.from(list, (j) => rowCosine(q, vectorNorm(q), codes, j * dims, dims));
  });
  const asIds = (groups: number[][]) => groups.map((g) => g.map(idOf).sort()).sort();

  for (const kernel of ['simd', 'js'] as const) {
    it(`groups (${kernel} kernel) exactly what all pairs of the stored rows give: the planted groups`, async () => {
      const c = await core(blocks, kernel);
      const progress: number[] = [];
      const found = await c.duplicates({}, (done) => (progress.push(done), true));
      expect(asIds(brute.groups)).toEqual(asIds(planted));
      expect(found!.groups.map((g) => [...g].sort()).sort()).toEqual(asIds(planted));
      expect(progress.at(-1)).toBe(embeddings.length);
      expect(await c.duplicates({}, () => false)).toBeNull();
    });
  }

  it('leaves hidden photos out of rankings and of grouping unless asked', async () => {
    const c = await core(blocks, 'simd');
    const group = planted[0]!.map(idOf);
    const before = await c.rankById(group[0]!, { k: 3 });
    expect([...before.ids].sort()).toEqual([...group].sort());
    await c.setHidden([group[1]!]);
    const after = await c.rankById(group[0]!, { k: 50 });
    expect(after.ids).not.toContain(group[1]);
    expect(after.ids).toHaveLength(50);
    expect((await c.duplicates())!.groups).toContainEqual([group[0], group[2]]);
    expect((await c.duplicates({ includeHidden: true }))!.groups).toContainEqual(group);
    await c.setHidden([]);
    expect((await c.rankById(group[0]!, { k: 50 })).ids).toContain(group[1]);
  });

  it('scan helpers leave hidden photos out too', async () => {
    const n = TUNABLES.parallelScanMinRows + 100;
    const big = library(n, 16, 5);
    const one = await core(big.blocks, 'simd');
    const three = await core(big.blocks, 'simd', { threads: 3, spawnScanner: inProcessScanner });
    const top = await one.rank(big.queries[0]!, { k: 20 });
    // hide rows in every helper's range as well as this thread's
    const hide = [...top.ids.slice(0, 5), idOf(n - 1), idOf(Math.floor(n / 2))];
    await one.setHidden(hide);
    await three.setHidden(hide);
    const a = await one.rank(big.queries[0]!, { k: 20 });
    const b = await three.rank(big.queries[0]!, { k: 20 });
    expect(b.ids).toEqual(a.ids);
    expect(a.ids.filter((id) => hide.includes(id))).toEqual([]);
    expect(a.ids.slice(0, 15)).toEqual(top.ids.slice(5));
  });
});

describe('teach: a probe on marked photos, scored over every held photo', () => {
  async function colours() {
    const { embeddings, clusterOf } = syntheticClusteredEmbeddings({
      seed: 21,
      count: 120,
      dims: 64,
      clusters: 4,
      spread: 0.5,
    });
    const blocks = blocksFromEmbeddings(embeddings, 64);
    const rowsOf = (cluster: number) => [...clusterOf.keys()].filter((r) => clusterOf[r] === cluster);
    return { blocks, embeddings, clusterOf, rowsOf };
  }

  it("labels the examples' cluster and nothing else, from five examples, in both kernels, with a k-fold figure", async () => {
    const { blocks, clusterOf, rowsOf } = await colours();
    const examples = rowsOf(3).slice(0, 5).map(idOf);
    for (const kind of ['simd', 'js'] as const) {
      const c = await core(blocks, kind);
      const out = await c.teach({ examples, counterExamples: [], leastSure: 6 });
      expect(out.ids).toEqual(flat(blocks).ids);
      for (let r = 0; r < 120; r++) expect(out.scores[r]! >= 0).toBe(clusterOf[r] === 3);
      expect(out.trained).toEqual({ examples: 5, counterExamples: 0, sampled: 50 });
      expect(out.crossValidation).toMatchObject({ folds: 5, rows: 55 });
      // Held-out mistakes are only the sampled "negatives" that are of the examples' colour (the probe calls them
      // positive, rightly).
      const sampled = teachSampleNegatives(120, new Set(rowsOf(3).slice(0, 5)), 50);
      const sameColour = sampled.filter((r) => clusterOf[r] === 3).length;
      expect(sameColour).toBeGreaterThan(0);
      expect(out.crossValidation).toMatchObject({ correct: 55 - sameColour, examples: 5, examplesCorrect: 5 });
      expect(out.leastSure).toHaveLength(6);
      expect(out.leastSure.some((s) => examples.includes(s.id))).toBe(false);
      const nearest = Math.min(...Array.from(out.scores, Math.abs).filter((_, r) => !examples.includes(idOf(r))));
      expect(Math.abs(out.leastSure[0]!.score)).toBe(nearest);
    }
  });

  it('counter-examples and the text term move the decision; unknown ids are left out; no example is an error', async () => {
    const { blocks, embeddings, rowsOf } = await colours();
    const c = await core(blocks, 'simd');
    const examples = rowsOf(1).slice(0, 5).map(idOf);
    const plain = await c.teach({ examples, counterExamples: [], leastSure: 0 });
    const counter = rowsOf(1)[10]!;
    const withCounter = await c.teach({ examples, counterExamples: [idOf(counter), 'gone'], leastSure: 0 });
    expect(withCounter.trained.counterExamples).toBe(1);
    expect(withCounter.scores[counter]!).toBeLessThan(plain.scores[counter]!);
    const text = { vector: embeddings[rowsOf(1)[12]!]!, threshold: 2 }; // no cosine reaches 2: prompts say no
    const withText = await c.teach({ examples, counterExamples: [], text, leastSure: 0 });
    for (let r = 0; r < 120; r++) expect(withText.scores[r]!).toBeLessThan(plain.scores[r]!);
    await expect(c.teach({ examples: ['gone'], counterExamples: [], leastSure: 0 })).rejects.toThrow(/examples/);
  });
});
