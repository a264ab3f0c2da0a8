/**
 * Near-duplicate grouping over stored vectors: pairs whose cosine is at least 1 - maxDistance (Immich's duplicate
 * rule, a cosine distance of 0.01), joined into groups by union-find. All pairs at 100k rows are 5e9 dot products,
 * so candidates come from random-hyperplane LSH (Charikar): `planes` hyperplanes give each row a sign bit each;
 * `tables` tables each key a row by `bits` of those bits, and two rows are a candidate pair when some table gives
 * them the same key. Every candidate is verified with the exact cosine, so no false pair is ever reported; a true
 * pair is missed only if every table splits it (see `lshMissProbability`). `duplicateGroupsBrute` is the obvious
 * all-pairs twin the fast path is tested against.
 */

import { SEARCH_TUNABLES } from './tunables';
import { prngGaussian, prngMulberry32, syntheticDirection } from './synthetic';

/** Cosine distance under which two photos are near-duplicates (Immich: 0.01). */
export const DUPLICATE_MAX_DISTANCE = SEARCH_TUNABLES.duplicateMaxDistance;

export interface LshOptions {
  /** Hyperplanes (sign bits a row); tables x bits of them are used, without repeats while they last. */
  planes: number;
  tables: number;
  bits: number;
  seed: number;
}

export const DEFAULT_LSH: LshOptions = {
  planes: SEARCH_TUNABLES.duplicateLshPlanes,
  tables: SEARCH_TUNABLES.duplicateLshTables,
  bits: SEARCH_TUNABLES.duplicateLshBits,
  seed: 0x5eed,
};

/** The exact cosine of row `row` with each of `rows` (the kernel's `cosines`, or `rowCosine` in tests). */
export type RowCosines = (row: number, rows: Int32Array) => ArrayLike<number>;

/** Progress: rows verified so far of `total`; return false to stop (the grouping then returns null). */
export type GroupProgress = (done: number, total: number) => boolean | Promise<boolean>;

/** `planes` seeded random unit hyperplane normals of `dims` dimensions. */
export function lshPlanes(dims: number, planes: number, seed: number): Float32Array[] {
  const gaussian = prngGaussian(prngMulberry32(seed));
  return Array.from({ length: planes }, () => syntheticDirection(gaussian, dims));
}

/** 32-bit words a row's sign bits take. */
export function lshWords(planes: number): number {
  return Math.ceil(planes / 32);
}

/**
 * Packs projections (row-major count x planes, float or integer dot products) into sign bits: bit p of row r is
 * set when its projection on plane p is >= 0, in word r * lshWords(planes) + (p >> 5).
 */
export function lshSigns(projections: ArrayLike<number>, count: number, planes: number): Uint32Array {
  const words = lshWords(planes);
  const signs = new Uint32Array(count * words);
  for (let r = 0; r < count; r++) {
    for (let p = 0; p < planes; p++) {
      if (projections[r * planes + p]! >= 0) signs[r * words + (p >> 5)]! |= 1 << (p & 31);
    }
  }
  return signs;
}

/** Each table's key of every row from its sign bits (`lshSigns`): table t reads planes (t * bits + b) mod planes. */
export function lshKeys(signs: Uint32Array, count: number, options: LshOptions): Uint32Array[] {
  const { planes, tables, bits } = options;
  if (bits > 20) throw new RangeError(`lshKeys: ${bits} bits a key, at most 20 (see lshOrder)`);
  const words = lshWords(planes);
  return Array.from({ length: tables }, (_, t) => {
    const keys = new Uint32Array(count);
    for (let r = 0; r < count; r++) {
      let key = 0;
      for (let b = 0; b < bits; b++) {
        const p = (t * bits + b) % planes;
        if ((signs[r * words + (p >> 5)]! >>> (p & 31)) & 1) key |= 1 << b;
      }
      keys[r] = key >>> 0;
    }
    return keys;
  });
}

/**
 * The chance a pair at cosine `cosine` shares no table's key: a hyperplane splits it with probability angle / pi,
 * so one table keeps it with (1 - angle / pi)^bits (tables independent when their planes are).
 */
export function lshMissProbability(cosine: number, options: Pick<LshOptions, 'tables' | 'bits'>): number {
  const split = Math.acos(Math.min(1, Math.max(-1, cosine))) / Math.PI;
  return (1 - (1 - split) ** options.bits) ** options.tables;
}

/** Union-find over `n` items with path halving and union by size. */
export interface UnionFind {
  parent: Int32Array;
  size: Int32Array;
}

export function unionFindCreate(n: number): UnionFind {
  return { parent: Int32Array.from({ length: n }, (_, i) => i), size: new Int32Array(n).fill(1) };
}

export function unionFindFind(uf: UnionFind, x: number): number {
  const { parent } = uf;
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]!]!;
    x = parent[x]!;
  }
  return x;
}

export function unionFindUnion(uf: UnionFind, a: number, b: number): void {
  let ra = unionFindFind(uf, a);
  let rb = unionFindFind(uf, b);
  if (ra === rb) return;
  if (uf.size[ra]! < uf.size[rb]!) [ra, rb] = [rb, ra];
  uf.parent[rb] = ra;
  uf.size[ra]! += uf.size[rb]!;
}

/** The groups of two or more: rows ascending within a group, groups by their first row. */
export function unionFindGroups(uf: UnionFind): number[][] {
  const byRoot = new Map<number, number[]>();
  for (let r = 0; r < uf.parent.length; r++) {
    const root = unionFindFind(uf, r);
    if (uf.size[root]! < 2) continue;
    const group = byRoot.get(root);
    if (group) group.push(r);
    else byRoot.set(root, [r]);
  }
  return [...byRoot.values()];
}

/** What a grouping found. */
export interface DuplicateGrouping {
  groups: number[][];
  /** Candidate pairs verified with the exact cosine, and those within the threshold. */
  candidates: number;
  pairs: number;
}

/**
 * Groups rows whose exact cosine is >= 1 - maxDistance, candidates from LSH keys (`lshKeys`). `skip` rows (hidden
 * photos, when asked) are neither grouped nor compared. Null when `onProgress` asked to stop.
 */
export async function duplicateGroupsLsh(
  count: number,
  keys: readonly Uint32Array[],
  cosines: RowCosines,
  options: { maxDistance?: number; onProgress?: GroupProgress; progressEvery?: number; skip?: Uint8Array } = {},
): Promise<DuplicateGrouping | null> {
  const minCosine = 1 - (options.maxDistance ?? DUPLICATE_MAX_DISTANCE);
  const every = options.progressEvery ?? SEARCH_TUNABLES.duplicateProgressRows;
  // Per table: rows sorted by key, and each row's place in that order; a bucket is a run of equal keys.
  const orders = keys.map((k) => lshOrder(k, count));
  const places = orders.map((order) => {
    const place = new Int32Array(count);
    order.forEach((row, i) => (place[row] = i));
    return place;
  });
  const uf = unionFindCreate(count);
  const seen = new Int32Array(count).fill(-1);
  const list = new Int32Array(count);
  let candidates = 0;
  let pairs = 0;
  for (let row = 0; row < count; row++) {
    if (options.onProgress && row % every === 0 && !(await options.onProgress(row, count))) return null;
    if (options.skip?.[row]) continue;
    let n = 0;
    keys.forEach((k, t) => {
      const order = orders[t]!;
      const key = k[row]!;
      // Rows after this one in its bucket (the order is by key then row, so they are exactly the later rows).
      for (let i = places[t]![row]! + 1; i < count && k[order[i]!] === key; i++) {
        const other = order[i]!;
        if (seen[other] === row || options.skip?.[other]) continue;
        seen[other] = row;
        list[n++] = other;
      }
    });
    if (n === 0) continue;
    candidates += n;
    const rows = list.subarray(0, n);
    const scores = cosines(row, rows);
    for (let i = 0; i < n; i++) {
      if (scores[i]! >= minCosine) {
        pairs++;
        unionFindUnion(uf, row, rows[i]!);
      }
    }
  }
  await options.onProgress?.(count, count);
  return { groups: unionFindGroups(uf), candidates, pairs };
}

/** Rows sorted by key, then row: one native sort of key * 2^32 + row (exact in a float64: keys have at most 20 bits). */
function lshOrder(keys: Uint32Array, count: number): Int32Array {
  const packed = new Float64Array(count);
  for (let r = 0; r < count; r++) packed[r] = keys[r]! * 4294967296 + r;
  packed.sort();
  return Int32Array.from(packed, (x) => x % 4294967296);
}

/** The reference: every pair's exact cosine, the same threshold and union-find. */
export function duplicateGroupsBrute(
  count: number,
  cosines: RowCosines,
  maxDistance: number = DUPLICATE_MAX_DISTANCE,
): DuplicateGrouping {
  const minCosine = 1 - maxDistance;
  const uf = unionFindCreate(count);
  let pairs = 0;
  for (let row = 0; row + 1 < count; row++) {
    const rows = Int32Array.from({ length: count - row - 1 }, (_, i) => row + 1 + i);
    const scores = cosines(row, rows);
    for (let i = 0; i < rows.length; i++) {
      if (scores[i]! >= minCosine) {
        pairs++;
        unionFindUnion(uf, row, rows[i]!);
      }
    }
  }
  return { groups: unionFindGroups(uf), candidates: (count * (count - 1)) / 2, pairs };
}
