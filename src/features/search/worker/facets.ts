/**
 * What filters look at, one typed array a facet, row for row with the index (rowStore.ts): set when rows are
 * appended (or when a caption or label changes), compacted with the rows. A filter becomes a row mask
 * (`facetsMask`) in one pass over these arrays, so the scan can skip the rows it leaves out before ranking.
 * `filterTest` of src/search/filters.ts is the plain twin every mask is tested against.
 */

import {
  distanceKm,
  filterCompile,
  folderWithin,
  type CompiledFilter,
  type PhotoFacets,
  type PhotoFilters,
} from '../../../search/filters';

/** Strings stored once, rows hold their code (-1: none). */
interface Dictionary {
  values: string[];
  codes: Map<string, number>;
}

const ORIENTATION_CODES = { landscape: 1, portrait: 2, square: 3 } as const;
const HAS_FACETS = 1;
const HAS_CAPTION = 2;

export interface FacetTable {
  capacity: number;
  /** ms, NaN when unknown. */
  takenAt: Float64Array;
  /** Local calendar year and month (1..12) of takenAt, 0 when unknown. */
  year: Int16Array;
  month: Uint8Array;
  make: Int32Array;
  model: Int32Array;
  lens: Int32Array;
  folder: Int32Array;
  type: Int32Array;
  orientation: Uint8Array;
  flags: Uint8Array;
  lat: Float64Array;
  lon: Float64Array;
  /** Label codes per row (null: none). */
  labels: (Int32Array | null)[];
  dict: Record<'make' | 'model' | 'lens' | 'folder' | 'type' | 'label', Dictionary>;
}

const fold = (s: string | undefined) => s?.trim().toLowerCase();

export function facetsCreate(capacity = 1024): FacetTable {
  const dictionary = (): Dictionary => ({ values: [], codes: new Map() });
  return {
    capacity,
    takenAt: new Float64Array(capacity).fill(NaN),
    year: new Int16Array(capacity),
    month: new Uint8Array(capacity),
    make: new Int32Array(capacity).fill(-1),
    model: new Int32Array(capacity).fill(-1),
    lens: new Int32Array(capacity).fill(-1),
    folder: new Int32Array(capacity).fill(-1),
    type: new Int32Array(capacity).fill(-1),
    orientation: new Uint8Array(capacity),
    flags: new Uint8Array(capacity),
    lat: new Float64Array(capacity).fill(NaN),
    lon: new Float64Array(capacity).fill(NaN),
    labels: [],
    dict: {
      make: dictionary(),
      model: dictionary(),
      lens: dictionary(),
      folder: dictionary(),
      type: dictionary(),
      label: dictionary(),
    },
  };
}

/** Room for `rows` rows (new rows know nothing: no facet set). */
export function facetsEnsure(table: FacetTable, rows: number): void {
  if (rows <= table.capacity) return;
  const next = facetsCreate(Math.max(rows, table.capacity * 2));
  copyRows(table, next, table.capacity);
  Object.assign(table, { ...next, labels: table.labels, dict: table.dict });
}

/** Sets row `row`'s facets from a photo's record. */
export function facetsSet(table: FacetTable, row: number, p: PhotoFacets): void {
  facetsEnsure(table, row + 1);
  const t = p.takenAt;
  const known = typeof t === 'number' && Number.isFinite(t);
  table.takenAt[row] = known ? t : NaN;
  const date = known ? new Date(t) : null;
  table.year[row] = date ? date.getFullYear() : 0;
  table.month[row] = date ? date.getMonth() + 1 : 0;
  table.make[row] = codeOf(table.dict.make, fold(p.make), true);
  table.model[row] = codeOf(table.dict.model, fold(p.model), true);
  table.lens[row] = codeOf(table.dict.lens, fold(p.lens), true);
  table.folder[row] = codeOf(table.dict.folder, p.folder, true);
  table.type[row] = codeOf(table.dict.type, p.type, true);
  table.orientation[row] =
    ORIENTATION_CODES[p.width > p.height ? 'landscape' : p.width < p.height ? 'portrait' : 'square'];
  table.flags[row] = HAS_FACETS | (p.hasCaption ? HAS_CAPTION : 0);
  const place = typeof p.lat === 'number' && typeof p.lon === 'number';
  table.lat[row] = place ? p.lat! : NaN;
  table.lon[row] = place ? p.lon! : NaN;
  table.labels[row] =
    p.labels.length > 0 ? Int32Array.from(p.labels, (label) => codeOf(table.dict.label, label, true)) : null;
}

/** Keeps only `kept` rows (ascending), moved down to 0..kept.length-1, as storeRemove moves the rows. */
export function facetsCompact(table: FacetTable, kept: readonly number[]): void {
  const columns = facetColumns(table);
  kept.forEach((from, to) => {
    if (from === to) return;
    for (const column of columns) column[to] = column[from]!;
    table.labels[to] = table.labels[from] ?? null;
  });
  // Rows past the end know nothing (a row without HAS_FACETS passes no filter; facetsSet writes every column).
  table.flags.fill(0, kept.length);
  table.labels.length = Math.min(table.labels.length, kept.length);
}

/** The `near` photo's place, by row. */
export function facetsPlace(table: FacetTable, row: number | undefined): { lat: number; lon: number } | null {
  if (row === undefined || row >= table.capacity || !(table.flags[row]! & HAS_FACETS)) return null;
  if (Number.isNaN(table.lat[row]!)) return null;
  return { lat: table.lat[row]!, lon: table.lon[row]! };
}

/**
 * The rows of [0, count) that pass the filter: 1 or 0 a row, and how many passed. `placeOf` gives the `near`
 * photo's place. One pass over the columns; text parts compare dictionary codes, not strings.
 */
export function facetsMask(
  table: FacetTable,
  count: number,
  filters: PhotoFilters,
  placeOf: (id: string) => { lat: number; lon: number } | null,
): { mask: Uint8Array; selected: number } {
  facetsEnsure(table, count);
  const c = filterCompile(filters, placeOf);
  const mask = new Uint8Array(count);
  const tests = rowTests(table, c);
  if (tests === null) return { mask, selected: 0 };
  // The rows still in, shrunk by each test in turn: the first selective part leaves the others few rows to look at.
  let rows = new Int32Array(count);
  let kept = 0;
  for (let row = 0; row < count; row++) if (table.flags[row]! & HAS_FACETS) rows[kept++] = row;
  for (const test of tests) {
    let next = 0;
    for (let i = 0; i < kept; i++) {
      const row = rows[i]!;
      if (test(row)) rows[next++] = row;
    }
    kept = next;
  }
  rows = rows.subarray(0, kept);
  for (const row of rows) mask[row] = 1;
  return { mask, selected: kept };
}

type RowTest = (row: number) => boolean;

/** One test a filter part; null when some part can match no row (a camera no photo has). */
function rowTests(t: FacetTable, c: CompiledFilter): RowTest[] | null {
  const f = c.filters;
  const tests: RowTest[] = [];
  if (f.from !== undefined || f.to !== undefined) {
    const { fromMs, toMs } = c;
    tests.push((r) => t.takenAt[r]! >= fromMs && t.takenAt[r]! < toMs);
  }
  if (f.year !== undefined) tests.push((r) => t.year[r] === f.year);
  if (f.month !== undefined) tests.push((r) => t.month[r] === f.month);
  for (const key of ['make', 'model', 'lens'] as const) {
    const value = c[key];
    if (value === undefined) continue;
    const code = t.dict[key].codes.get(value);
    if (code === undefined) return null;
    const column = t[key];
    tests.push((r) => column[r] === code);
  }
  if (c.folder !== undefined) {
    const within = new Uint8Array(t.dict.folder.values.length);
    t.dict.folder.values.forEach((folder, code) => (within[code] = folderWithin(folder, c.folder!) ? 1 : 0));
    tests.push((r) => t.folder[r]! >= 0 && within[t.folder[r]!] === 1);
  }
  if (f.type !== undefined) {
    const code = t.dict.type.codes.get(f.type);
    if (code === undefined) return null;
    tests.push((r) => t.type[r] === code);
  }
  if (f.orientation !== undefined) {
    const code = ORIENTATION_CODES[f.orientation];
    tests.push((r) => t.orientation[r] === code);
  }
  if (f.caption !== undefined) {
    const want = f.caption ? HAS_CAPTION : 0;
    tests.push((r) => (t.flags[r]! & HAS_CAPTION) === want);
  }
  if (f.labelled !== undefined) tests.push((r) => (t.labels[r] != null) === f.labelled);
  if (f.label !== undefined) {
    const code = t.dict.label.codes.get(f.label);
    if (code === undefined) return null;
    tests.push((r) => t.labels[r]?.includes(code) === true);
  }
  if (f.box !== undefined) {
    const { south, west, north, east } = f.box;
    const wraps = west > east;
    tests.push((r) => {
      const lat = t.lat[r]!;
      const lon = t.lon[r]!;
      if (!(lat >= south && lat <= north)) return false;
      return wraps ? lon >= west || lon <= east : lon >= west && lon <= east;
    });
  }
  if (f.near !== undefined) {
    const centre = c.centre;
    if (!centre) return null;
    const km = f.near.km;
    tests.push((r) => !Number.isNaN(t.lat[r]!) && distanceKm(centre.lat, centre.lon, t.lat[r]!, t.lon[r]!) <= km);
  }
  return tests;
}

function codeOf(dict: Dictionary, value: string | undefined, add: boolean): number {
  if (value === undefined || value === '') return -1;
  let code = dict.codes.get(value);
  if (code === undefined && add) {
    code = dict.values.length;
    dict.values.push(value);
    dict.codes.set(value, code);
  }
  return code ?? -1;
}

function facetColumns(t: FacetTable) {
  return [t.takenAt, t.year, t.month, t.make, t.model, t.lens, t.folder, t.type, t.orientation, t.flags, t.lat, t.lon];
}

function copyRows(from: FacetTable, to: FacetTable, rows: number): void {
  const a = facetColumns(from);
  const b = facetColumns(to);
  a.forEach((column, i) => b[i]!.set(column.subarray(0, rows) as never));
}
