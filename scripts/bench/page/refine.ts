import type { PhotoFacets, PhotoFilters } from '../../../src/search/filters';
import { queryVectorCombine } from '../../../src/search/queryLanguage';
import { blocksFromEmbeddings } from '../../../src/search/quantize';
import { prngGaussian, prngMulberry32, syntheticNear } from '../../../src/search/synthetic';
import { fakeId } from '../../../src/library/testing';
import { library, searchWorkerOf } from './search';
import { BENCH_MODEL, median, now, TUNABLES } from './shared';

const MAKES = ['Canon', 'NIKON CORPORATION', 'Apple', 'SONY', 'FUJIFILM'];
const YEARS = 10;

/** Facets of a made-up library: dates over ten years, five camera makes, three folders, two shapes. */
function facetsOf(ids: readonly string[]): PhotoFacets[] {
  const next = prngMulberry32(ids.length + 3);
  return ids.map((id) => ({
    id,
    takenAt: new Date(
      2015 + Math.floor(next() * YEARS),
      Math.floor(next() * 12),
      1 + Math.floor(next() * 28),
    ).getTime(),
    make: MAKES[Math.floor(next() * MAKES.length)],
    model: 'model',
    folder: ['a', 'a/b', 'c'][Math.floor(next() * 3)]!,
    type: 'jpeg',
    width: next() < 0.7 ? 4000 : 3000,
    height: 3000,
    hasCaption: false,
    labels: [],
  }));
}

/**
 * Issue 14's figure: a 3-term query (`a + b - c`, combined as the app combines terms) with two filters (a year and
 * a camera make: ~2% of the photos pass) against a plain one-term query, both through the search worker on n
 * photos, the app's result limit and cutoff. Every filtered query uses another year and make than the one before,
 * so its row mask is computed afresh each time (the worker keeps only the last one). A broad pair (a date from and
 * an orientation: ~35% pass) is measured too: there the scan skips less.
 */
export async function refineBench(n: number, queries: number) {
  const { embeddings, centers } = library(n);
  const blocks = blocksFromEmbeddings(embeddings);
  const ids = Array.from({ length: n }, (_, i) => fakeId(i));
  const client = await searchWorkerOf(ids, blocks, facetsOf(ids));
  const gaussian = prngGaussian(prngMulberry32(n + 11));
  const near = (i: number) => syntheticNear(gaussian, centers[i % centers.length]!, 1.5);
  const options = { k: TUNABLES.searchLimit, minScore: BENCH_MODEL.defaultMinScore };
  const narrow = (i: number): PhotoFilters => ({ year: 2015 + (i % YEARS), make: MAKES[i % MAKES.length] });
  const broad = (i: number): PhotoFilters => ({ from: `${2018 + (i % 2)}-01-01`, orientation: 'landscape' });
  for (let i = 0; i < 2; i++) {
    await client.rank(near(i), options);
    await client.rank(near(i), { ...options, filters: narrow(i) });
  }
  const plainMs: number[] = [];
  const refinedMs: number[] = [];
  const broadMs: number[] = [];
  const passing: number[] = [];
  for (let i = 0; i < queries; i++) {
    const plain = near(i * 3);
    const terms = [near(i * 3), near(i * 3 + 1), near(i * 3 + 2)];
    let t = now();
    await client.rank(plain, options);
    plainMs.push(now() - t);
    t = now();
    const combined = queryVectorCombine([1, 1, -1], terms)!;
    const refined = await client.rank(combined, { ...options, filters: narrow(i) });
    refinedMs.push(now() - t);
    t = now();
    await client.rank(combined, { ...options, filters: broad(i) });
    broadMs.push(now() - t);
    passing.push((await client.browse(narrow(i))).length);
    if (refined.ids.length > passing[i]!) throw new Error('a filtered search returned photos the filter leaves out');
  }
  const threads = (await client.stats()).threads;
  client.dispose();
  return {
    n,
    plainMs: median(plainMs),
    refinedMs: median(refinedMs),
    broadMs: median(broadMs),
    passingMedian: median(passing),
    threads,
  };
}
