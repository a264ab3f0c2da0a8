import { describe, expect, it } from 'vitest';
import { filterCompile, filterTest, type PhotoFacets, type PhotoFilters } from '../../../search/filters';
import { blocksFromEmbeddings, type EmbeddingBlock } from '../../../search/quantize';
import { rankBlocks } from '../../../search/rank';
import { prngMulberry32, syntheticClusteredEmbeddings } from '../../../search/synthetic';
import { TUNABLES } from '../../tunables';
import { createSearchCore } from './core';
import { facetsCreate, facetsMask, facetsSet } from './facets';
import { createScannerApi, scanRangeCandidates, type ScannerPort } from './scanRange';

const idOf = (row: number) => `photo-${row}`;
const MAKES = ['Canon', 'NIKON CORPORATION', 'canon ', 'Apple'];
const FOLDERS = ['', 'Trips', 'Trips/Paris 2019', 'Trips/Paris 2019/day 2', 'Family'];

/** Facets with every kind of gap: no date, no camera, no place, no labels. */
function randomFacets(count: number, seed: number): PhotoFacets[] {
  const next = prngMulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  return Array.from({ length: count }, (_, row) => {
    const dated = next() < 0.85;
    const placed = next() < 0.6;
    return {
      id: idOf(row),
      takenAt: dated
        ? new Date(2017 + Math.floor(next() * 4), Math.floor(next() * 12), 1 + next() * 27).getTime()
        : null,
      make: next() < 0.8 ? pick(MAKES) : undefined,
      model: next() < 0.7 ? pick(['EOS R5', 'D750', 'iPhone 12']) : undefined,
      lens: next() < 0.4 ? pick(['RF 24-105mm', '50mm f/1.8']) : undefined,
      folder: pick(FOLDERS),
      type: pick(['jpeg', 'png', 'webp']),
      width: pick([4000, 3000, 2000]),
      height: pick([3000, 4000, 2000]),
      hasCaption: next() < 0.5,
      labels: next() < 0.5 ? [pick(['beach', 'city', 'dog'])] : [],
      ...(placed ? { lat: 40 + next() * 15, lon: -5 + next() * 20 } : {}),
    };
  });
}

const FILTERS: PhotoFilters[] = [
  {},
  { year: 2019 },
  { year: 2018, month: 3 },
  { from: '2018-06-01', to: '2019-06-30' },
  { make: 'canon' },
  { make: 'Canon', model: 'eos r5' },
  { lens: '50mm f/1.8', orientation: 'portrait' },
  { folder: 'Trips' },
  { folder: 'Trips/Paris 2019' },
  { type: 'png', caption: false },
  { labelled: true, year: 2020 },
  { label: 'dog' },
  { label: 'nobody has this' },
  { make: 'Leica' },
  { box: { south: 45, west: 0, north: 50, east: 10 } },
  { near: { id: idOf(3), km: 300 } },
  { near: { id: idOf(0), km: 300 } },
  { orientation: 'square', from: '2017-01-01' },
];

function twinSelection(facets: readonly PhotoFacets[], filters: PhotoFilters): number[] {
  const place = (id: string) => {
    const p = facets.find((f) => f.id === id);
    return p?.lat === undefined ? null : { lat: p.lat, lon: p.lon! };
  };
  const compiled = filterCompile(filters, place);
  return facets.flatMap((f, row) => (filterTest(compiled, f) ? [row] : []));
}

/** The filter-then-rank twin: only the passing rows, as stored, in their order, ranked by rankBlocks. */
function filteredBlocks(blocks: readonly EmbeddingBlock[], rows: readonly number[]): EmbeddingBlock[] {
  const dims = blocks[0]!.dims;
  const codes = new Int8Array(rows.length * dims);
  const scales = new Float32Array(rows.length);
  rows.forEach((row, i) => {
    const b = blocks[Math.floor(row / blocks[0]!.count)]!;
    const r = row % blocks[0]!.count;
    codes.set(b.codes.subarray(r * dims, (r + 1) * dims), i * dims);
    scales[i] = b.scales[r]!;
  });
  return [{ count: rows.length, dims, codes, scales }];
}

function flat(blocks: readonly EmbeddingBlock[]) {
  const dims = blocks[0]!.dims;
  const count = blocks.reduce((n, b) => n + b.count, 0);
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

function inProcessScanner(): ScannerPort {
  const api = createScannerApi();
  return {
    init: async (...args) => api.init(...args),
    scan: async (request) => api.scan(request),
    labels: async (request) => api.labels(request),
    terminate: () => undefined,
  };
}

describe('facet masks', () => {
  it('select exactly the rows the plain predicate passes', () => {
    const facets = randomFacets(2000, 5);
    const table = facetsCreate(16); // grows as rows are set
    facets.forEach((f, row) => facetsSet(table, row, f));
    const placeOf = (id: string) => {
      const p = facets.find((f) => f.id === id);
      return p?.lat === undefined ? null : { lat: p.lat, lon: p.lon! };
    };
    for (const filters of FILTERS) {
      const { mask, selected } = facetsMask(table, facets.length, filters, placeOf);
      const want = twinSelection(facets, filters);
      const got = [...mask].flatMap((bit, row) => (bit ? [row] : []));
      expect(got, JSON.stringify(filters)).toEqual(want);
      expect(selected).toBe(want.length);
    }
    // The filters reach every kind of answer: none, some, all.
    const sizes = FILTERS.map((f) => twinSelection(facets, f).length);
    expect(sizes).toContain(0);
    expect(sizes).toContain(facets.length);
    expect(sizes.some((n) => n > 0 && n < facets.length / 4)).toBe(true);
  });
});

describe('a filtered ranking equals filter-then-rank', () => {
  const setups = [
    { name: 'simd, one thread', kernel: 'simd', threads: 1, count: 3000 },
    { name: 'js, one thread', kernel: 'js', threads: 1, count: 3000 },
    { name: 'simd, three threads', kernel: 'simd', threads: 3, count: TUNABLES.parallelScanMinRows + 900 },
  ] as const;
  for (const setup of setups) {
    it(setup.name, async () => {
      const dims = setup.threads > 1 ? 64 : 100;
      const { embeddings, centers } = syntheticClusteredEmbeddings({
        seed: 9,
        count: setup.count,
        dims,
        clusters: 6,
        spread: 1,
      });
      const blocks = blocksFromEmbeddings(embeddings, 1024);
      const facets = randomFacets(setup.count, 11);
      const c = createSearchCore({ threads: setup.threads, spawnScanner: inProcessScanner, shared: true });
      await c.reset('m', dims, { kernel: setup.kernel });
      const { ids, codes, scales } = flat(blocks);
      await c.append(ids, codes, scales, facets);
      const filters = setup.threads > 1 ? FILTERS.filter((_, i) => i % 3 === 1) : FILTERS;
      for (const filters_ of [...filters, { year: 2019, make: 'Canon' }]) {
        const rows = twinSelection(facets, filters_);
        for (const [q, k, minScore] of [
          [centers[0]!, 20, undefined],
          [centers[3]!, 300, 0.1],
        ] as const) {
          const got = await c.rank(q, { k, minScore, filters: filters_ });
          const want = rows.length ? rankBlocks(q, filteredBlocks(blocks, rows), { k, minScore }) : [];
          expect(got.ids, JSON.stringify(filters_)).toEqual(want.map((item) => idOf(rows[item.index]!)));
          expect(Array.from(got.scores)).toEqual(want.map((item) => item.score));
        }
        expect(await c.browse(filters_)).toEqual(rows.map(idOf));
      }
    });
  }

  it('caption bonuses of left-out photos never appear; facets follow removed rows and updates', async () => {
    const { embeddings, centers } = syntheticClusteredEmbeddings({
      seed: 2,
      count: 400,
      dims: 32,
      clusters: 4,
      spread: 1,
    });
    const blocks = blocksFromEmbeddings(embeddings, 1024);
    const facets = randomFacets(400, 3);
    const c = createSearchCore({ threads: 1, spawnScanner: null, shared: false });
    await c.reset('m', 32);
    const { ids, codes, scales } = flat(blocks);
    await c.append(ids, codes, scales, facets);
    const png = twinSelection(facets, { type: 'png' }).map(idOf);
    const bonus = { ids: ids.slice(0, 100), values: new Float64Array(100).fill(1) };
    const ranked = await c.rank(centers[1]!, { k: 400, bonus, filters: { type: 'png' } });
    expect(new Set(ranked.ids)).toEqual(new Set(png));

    await c.remove([idOf(0), idOf(7), idOf(200)]);
    const left = facets.filter((f) => ![idOf(0), idOf(7), idOf(200)].includes(f.id));
    expect(await c.browse({ type: 'png' })).toEqual(left.filter((f) => f.type === 'png').map((f) => f.id));
    await c.setFacets([{ ...left[0]!, type: 'gif' }]);
    expect(await c.browse({ type: 'gif' })).toEqual([left[0]!.id]);
  });

  it('a mask that leaves out most rows skips their scan', () => {
    const calls: [number, number][] = [];
    const kernel = {
      kind: 'js',
      setQueries: () => undefined,
      scan: (_slot: number, from: number, to: number) => {
        calls.push([from, to]);
        const rows = Int32Array.from({ length: to - from }, (_, i) => from + i);
        return { rows, scores: new Float64Array(to - from).fill(1) };
      },
    } as unknown as Parameters<typeof scanRangeCandidates>[0];
    const layout = { outputBytes: 12 * 4096 } as unknown as Parameters<typeof scanRangeCandidates>[1];
    const bits = new Uint8Array(100_000);
    for (const row of [5, 6, 10, 50_000, 99_999]) bits[row] = 1;
    const heap = scanRangeCandidates(kernel, layout, 0, new Int8Array(4), 0, 100_000, 10, { bits, offset: 0 });
    expect(heap.size).toBe(5);
    expect(calls.reduce((n, [a, b]) => n + b - a, 0)).toBeLessThan(20);
  });
});
