import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LSH,
  duplicateGroupsBrute,
  duplicateGroupsLsh,
  lshKeys,
  lshMissProbability,
  lshPlanes,
  lshSigns,
  unionFindCreate,
  unionFindGroups,
  unionFindUnion,
  type RowCosines,
} from './duplicates';
import { dotInt8, quantizeVector } from './kernels';
import { quantizeRowInto, rowDequantize } from './quantize';
import { rowCosine } from './rank';
import { syntheticWithDuplicates } from './synthetic';
import { vectorNorm } from './vector';

/** Rows stored as the index stores them (int8 + scale), with the exact cosine the kernel computes, and LSH keys. */
function stored(embeddings: readonly ArrayLike<number>[], dims: number) {
  const count = embeddings.length;
  const codes = new Int8Array(count * dims);
  const scales = Float32Array.from(embeddings, (e, r) => quantizeRowInto(e, codes, r));
  const cosines: RowCosines = (row, rows) => {
    const q = rowDequantize(codes.subarray(row * dims, (row + 1) * dims), scales[row]!, dims);
    const norm = vectorNorm(q);
    return Float64Array.from(rows, (j) => rowCosine(q, norm, codes, j * dims, dims));
  };
  const planes = lshPlanes(dims, DEFAULT_LSH.planes, DEFAULT_LSH.seed).map((p) => quantizeVector(p).codes);
  const projections = new Int32Array(count * planes.length);
  for (let r = 0; r < count; r++) {
    planes.forEach((p, i) => (projections[r * planes.length + i] = dotInt8(p, 0, codes, r * dims, dims)));
  }
  const keys = lshKeys(lshSigns(projections, count, planes.length), count, DEFAULT_LSH);
  return { count, cosines, keys };
}

const sorted = (groups: number[][]) => groups.map((g) => [...g].sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);

describe('union-find', () => {
  it('joins chains and leaves singletons out', () => {
    const uf = unionFindCreate(7);
    unionFindUnion(uf, 5, 1);
    unionFindUnion(uf, 1, 3);
    unionFindUnion(uf, 6, 2);
    unionFindUnion(uf, 3, 5);
    expect(sorted(unionFindGroups(uf))).toEqual([
      [1, 3, 5],
      [2, 6],
    ]);
  });
});

describe('near-duplicate grouping', () => {
  const dims = 64;
  const library = syntheticWithDuplicates({
    seed: 14,
    count: 2000,
    dims,
    clusters: 40,
    spread: 1,
    groups: 80,
    groupSize: 3,
    duplicateSpread: 0.05,
  });
  const rows = stored(library.embeddings, dims);

  it('the LSH path finds exactly what all pairs find: every planted group, no false pair', async () => {
    const brute = duplicateGroupsBrute(rows.count, rows.cosines);
    const fast = await duplicateGroupsLsh(rows.count, rows.keys, rows.cosines);
    expect(sorted(brute.groups)).toEqual(sorted(library.planted));
    expect(sorted(fast!.groups)).toEqual(sorted(brute.groups));
    expect(fast!.pairs).toBe(brute.pairs);
    // and far fewer comparisons than all pairs
    expect(fast!.candidates).toBeLessThan(brute.candidates / 20);
  });

  it('a looser threshold groups what it should, still equal to all pairs', async () => {
    const brute = duplicateGroupsBrute(rows.count, rows.cosines, 0.002);
    const fast = await duplicateGroupsLsh(rows.count, rows.keys, rows.cosines, { maxDistance: 0.002 });
    expect(brute.groups.length).toBeGreaterThan(0);
    expect(sorted(fast!.groups)).toEqual(sorted(brute.groups));
  });

  it('skips rows it is told to skip, reports progress and stops when asked', async () => {
    const skip = new Uint8Array(rows.count);
    const [first] = library.planted;
    skip[first![0]!] = 1;
    const skipped = await duplicateGroupsLsh(rows.count, rows.keys, rows.cosines, { skip });
    expect(skipped!.groups.flat()).not.toContain(first![0]);
    expect(sorted(skipped!.groups)).toContainEqual(first!.slice(1));

    const seen: number[] = [];
    const done = await duplicateGroupsLsh(rows.count, rows.keys, rows.cosines, {
      progressEvery: 1000,
      onProgress: (n) => (seen.push(n), true),
    });
    expect(done).not.toBeNull();
    expect(seen).toEqual([0, 1000, 2000]);
    const stopped = await duplicateGroupsLsh(rows.count, rows.keys, rows.cosines, {
      progressEvery: 1000,
      onProgress: (n) => n < 1000,
    });
    expect(stopped).toBeNull();
  });

  it('says how likely a pair at the threshold is missed', () => {
    expect(lshMissProbability(0.99, DEFAULT_LSH)).toBeLessThan(0.01);
    expect(lshMissProbability(0.999, DEFAULT_LSH)).toBeLessThan(1e-5);
    expect(lshMissProbability(0, { tables: 1, bits: 1 })).toBeCloseTo(0.5, 10);
  });
});
