/**
 * Filters that narrow a search (or the whole library) before anything is ranked: date taken, camera, folder, file
 * type, orientation, caption and labels, place. A filter is plain data: `filtersParse` / `filtersFormat` read and
 * write it as URL parameters (`from=2019-01-01&make=Canon&near=<id>~5`), `filtersValidate` cleans one made by hand,
 * and `filterTest` is the plain predicate the search worker's row masks (facets.ts) are tested against.
 */

export type Orientation = 'landscape' | 'portrait' | 'square';

/** What a filter can look at, per photo; the app builds it from the photo record, its caption and its labels. */
export interface PhotoFacets {
  readonly id: string;
  /** EXIF DateTimeOriginal in ms (local wall-clock time as Date.parse reads it), or null. */
  readonly takenAt: number | null;
  readonly make?: string;
  readonly model?: string;
  readonly lens?: string;
  /** The folder of the photo's relative path, '/'-separated, '' at the top. */
  readonly folder: string;
  /** File type: the mime subtype, lowercase ("jpeg", "png", "webp"). */
  readonly type: string;
  readonly width: number;
  readonly height: number;
  readonly hasCaption: boolean;
  readonly labels: readonly string[];
  readonly lat?: number;
  readonly lon?: number;
}

/** South-west to north-east corners, degrees; `west > east` crosses the antimeridian. */
export interface GeoBox {
  readonly south: number;
  readonly west: number;
  readonly north: number;
  readonly east: number;
}

/** Every part optional; a photo passes when it passes every part given. */
export interface PhotoFilters {
  /** Taken on or after this day, 'YYYY-MM-DD'. */
  readonly from?: string;
  /** Taken on or before this day, 'YYYY-MM-DD'. */
  readonly to?: string;
  readonly year?: number;
  /** 1..12, in any year (or in `year`). */
  readonly month?: number;
  /** Camera make, model and lens: equal ignoring case and surrounding spaces. */
  readonly make?: string;
  readonly model?: string;
  readonly lens?: string;
  /** This folder or any folder inside it. */
  readonly folder?: string;
  readonly type?: string;
  readonly orientation?: Orientation;
  /** true: has a caption; false: has none. */
  readonly caption?: boolean;
  /** true: has at least one label; false: has none. */
  readonly labelled?: boolean;
  /** Has this label. */
  readonly label?: string;
  readonly box?: GeoBox;
  /** Within `km` of the photo `id` (which must have a place). */
  readonly near?: { readonly id: string; readonly km: number };
}

export type FilterKey = keyof PhotoFilters;

/** The filter's parts in the order chips and URLs show them. */
export const FILTER_KEYS: readonly FilterKey[] = [
  'from',
  'to',
  'year',
  'month',
  'make',
  'model',
  'lens',
  'folder',
  'type',
  'orientation',
  'caption',
  'labelled',
  'label',
  'box',
  'near',
];

const ORIENTATIONS: readonly Orientation[] = ['landscape', 'portrait', 'square'];
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/u;
/** Longest text value kept: camera names and labels are short; anything longer is not something typed. */
const MAX_TEXT = 200;
const EARTH_RADIUS_KM = 6371.0088;

/** True when no part is set. */
export function filtersEmpty(filters: PhotoFilters): boolean {
  return FILTER_KEYS.every((key) => filters[key] === undefined);
}

/**
 * Reads URL parameters (`a=b&c=d`, a leading `?` or `#` allowed) into a filter. Never throws: what cannot be used
 * comes back in `errors`, one message each, and the rest is kept.
 */
export function filtersParse(text: string): { filters: PhotoFilters; errors: string[] } {
  const raw: Record<string, unknown> = {};
  const errors: string[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(text.slice(0, 10_000).replace(/^[?#]/u, ''));
  } catch {
    return { filters: {}, errors: ['the filter text could not be read'] };
  }
  for (const [key, value] of params) {
    if (!(FILTER_KEYS as readonly string[]).includes(key)) {
      errors.push(`"${clip(key)}" is not a filter; ignored`);
      continue;
    }
    raw[key] = fieldParse(key as FilterKey, value);
  }
  const checked = filtersValidate(raw);
  return { filters: checked.filters, errors: [...errors, ...checked.errors] };
}

/** The filter as URL parameters, in `FILTER_KEYS` order; `filtersParse` reads it back to an equal filter. */
export function filtersFormat(filters: PhotoFilters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined) params.append(key, fieldFormat(key, filters));
  }
  return params.toString();
}

/** One part in words, for a chip: "taken from 2019-01-01", "camera make Canon". */
export function filterDescribe(key: FilterKey, filters: PhotoFilters): string {
  const v = fieldFormat(key, filters);
  switch (key) {
    case 'from':
      return `from ${v}`;
    case 'to':
      return `until ${v}`;
    case 'month':
      return `month ${v}`;
    case 'caption':
      return filters.caption ? 'has a caption' : 'no caption';
    case 'labelled':
      return filters.labelled ? 'has a label' : 'no label';
    case 'box': {
      const b = filters.box!;
      const deg = (x: number, pos: string, neg: string) => `${Math.abs(x)}°${x < 0 ? neg : pos}`;
      return `taken in ${deg(b.south, 'N', 'S')} to ${deg(b.north, 'N', 'S')}, ${deg(b.west, 'E', 'W')} to ${deg(b.east, 'E', 'W')}`;
    }
    case 'near':
      return `within ${filters.near!.km} km of a photo`;
    default:
      return `${key} ${v}`;
  }
}

/**
 * Checks a filter from anywhere (a URL, a form, a message): every part of the right type and range, text trimmed
 * and bounded. Bad parts are dropped, each with a message saying why; an impossible date range is kept but said.
 */
export function filtersValidate(input: unknown): { filters: PhotoFilters; errors: string[] } {
  const errors: string[] = [];
  const out: Record<string, unknown> = {};
  if (!input || typeof input !== 'object') return { filters: {}, errors: ['a filter must be an object'] };
  const given = input as Record<string, unknown>;
  const put = (key: FilterKey, value: unknown, problem: string | null) => {
    if (problem) errors.push(`${key}: ${problem}; ignored`);
    else out[key] = value;
  };
  for (const key of FILTER_KEYS) {
    const value = given[key];
    if (value === undefined) continue;
    switch (key) {
      case 'from':
      case 'to':
        put(key, value, typeof value === 'string' && dayStart(value) !== null ? null : 'a day is YYYY-MM-DD');
        break;
      case 'year':
        put(key, value, isInt(value, 1800, 2200) ? null : 'a year is a number from 1800 to 2200');
        break;
      case 'month':
        put(key, value, isInt(value, 1, 12) ? null : 'a month is a number from 1 to 12');
        break;
      case 'make':
      case 'model':
      case 'lens':
      case 'folder':
      case 'type':
      case 'label': {
        const text = typeof value === 'string' ? cleanText(value, key === 'folder') : null;
        put(key, key === 'type' ? text?.toLowerCase() : text, text === null ? 'needs some text' : null);
        break;
      }
      case 'orientation':
        put(key, value, ORIENTATIONS.includes(value as Orientation) ? null : 'landscape, portrait or square');
        break;
      case 'caption':
      case 'labelled':
        put(key, value, typeof value === 'boolean' ? null : 'yes or no');
        break;
      case 'box':
        put(key, value, boxProblem(value));
        break;
      case 'near': {
        const near = value as { id?: unknown; km?: unknown };
        const ok = typeof near === 'object' && near !== null && typeof near.id === 'string' && near.id !== '';
        const km = ok ? near.km : undefined;
        const okKm = typeof km === 'number' && km > 0 && km <= 20_000;
        put(
          key,
          ok && okKm ? { id: near.id, km } : undefined,
          !ok ? 'needs a photo' : !okKm ? 'the distance is more than 0 and at most 20000 km' : null,
        );
        break;
      }
    }
  }
  const filters = out as PhotoFilters;
  if (filters.from && filters.to && dayStart(filters.from)! > dayStart(filters.to)!) {
    errors.push(`from ${filters.from} is after to ${filters.to}: no photo can match`);
  }
  return { filters, errors };
}

/** A filter with its text folded and its days as times, ready to test many photos; `near` needs its centre. */
export interface CompiledFilter {
  readonly filters: PhotoFilters;
  readonly fromMs: number;
  readonly toMs: number;
  readonly make?: string;
  readonly model?: string;
  readonly lens?: string;
  readonly folder?: string;
  /** The `near` photo's place; null when it has none (then nothing matches). */
  readonly centre: { lat: number; lon: number } | null;
}

export function filterCompile(
  filters: PhotoFilters,
  centreOf: (id: string) => { lat: number; lon: number } | null = () => null,
): CompiledFilter {
  const fold = (s: string | undefined) => (s === undefined ? undefined : s.trim().toLowerCase());
  return {
    filters,
    fromMs: filters.from ? dayStart(filters.from)! : -Infinity,
    // The end of the `to` day: the start of the next.
    toMs: filters.to ? dayStart(filters.to)! + 86_400_000 : Infinity,
    make: fold(filters.make),
    model: fold(filters.model),
    lens: fold(filters.lens),
    folder: filters.folder === undefined ? undefined : trimSlashes(filters.folder),
    centre: filters.near ? centreOf(filters.near.id) : null,
  };
}

/** The plain predicate: does this photo pass every part of the filter? */
export function filterTest(c: CompiledFilter, p: PhotoFacets): boolean {
  const f = c.filters;
  if (f.from !== undefined || f.to !== undefined || f.year !== undefined || f.month !== undefined) {
    if (p.takenAt === null) return false;
    if (p.takenAt < c.fromMs || p.takenAt >= c.toMs) return false;
    const d = new Date(p.takenAt);
    if (f.year !== undefined && d.getFullYear() !== f.year) return false;
    if (f.month !== undefined && d.getMonth() + 1 !== f.month) return false;
  }
  if (c.make !== undefined && p.make?.trim().toLowerCase() !== c.make) return false;
  if (c.model !== undefined && p.model?.trim().toLowerCase() !== c.model) return false;
  if (c.lens !== undefined && p.lens?.trim().toLowerCase() !== c.lens) return false;
  if (c.folder !== undefined && !folderWithin(p.folder, c.folder)) return false;
  if (f.type !== undefined && p.type !== f.type) return false;
  if (f.orientation !== undefined && orientationOf(p.width, p.height) !== f.orientation) return false;
  if (f.caption !== undefined && p.hasCaption !== f.caption) return false;
  if (f.labelled !== undefined && p.labels.length > 0 !== f.labelled) return false;
  if (f.label !== undefined && !p.labels.includes(f.label)) return false;
  if (f.box !== undefined || f.near !== undefined) {
    if (p.lat === undefined || p.lon === undefined) return false;
    if (f.box !== undefined && !boxContains(f.box, p.lat, p.lon)) return false;
    if (f.near !== undefined && (!c.centre || distanceKm(c.centre.lat, c.centre.lon, p.lat, p.lon) > f.near.km)) {
      return false;
    }
  }
  return true;
}

export function orientationOf(width: number, height: number): Orientation {
  return width > height ? 'landscape' : width < height ? 'portrait' : 'square';
}

/** `folder` is `within` or inside it ('' holds everything). */
export function folderWithin(folder: string, within: string): boolean {
  return within === '' || folder === within || folder.startsWith(`${within}/`);
}

export function boxContains(box: GeoBox, lat: number, lon: number): boolean {
  if (lat < box.south || lat > box.north) return false;
  return box.west <= box.east ? lon >= box.west && lon <= box.east : lon >= box.west || lon <= box.east;
}

/** Great-circle distance (haversine, mean Earth radius). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Local midnight of a 'YYYY-MM-DD' day in ms, or null when it is not a real day. */
export function dayStart(day: string): number | null {
  const m = DAY.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(y, mo - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date.getTime();
}

function fieldParse(key: FilterKey, value: string): unknown {
  switch (key) {
    case 'year':
    case 'month':
      return /^\s*\d+\s*$/u.test(value) ? Number(value) : value;
    case 'caption':
    case 'labelled':
      return value === 'yes' ? true : value === 'no' ? false : value;
    case 'box': {
      const parts = value.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
      if (parts.length !== 4) return value;
      const [south, west, north, east] = parts as [number, number, number, number];
      return { south, west, north, east };
    }
    case 'near': {
      const at = value.lastIndexOf('~');
      if (at < 0) return { id: value, km: 1 };
      return { id: value.slice(0, at), km: Number(value.slice(at + 1)) };
    }
    default:
      return value;
  }
}

function fieldFormat(key: FilterKey, filters: PhotoFilters): string {
  switch (key) {
    case 'caption':
    case 'labelled':
      return filters[key] ? 'yes' : 'no';
    case 'box': {
      const b = filters.box!;
      return [b.south, b.west, b.north, b.east].join(',');
    }
    case 'near':
      return `${filters.near!.id}~${filters.near!.km}`;
    default:
      return String(filters[key]);
  }
}

function boxProblem(value: unknown): string | null {
  const b = value as Partial<GeoBox> | null;
  if (typeof b !== 'object' || b === null) return 'a box is south,west,north,east in degrees';
  const { south, west, north, east } = b;
  if (![south, west, north, east].every((x) => typeof x === 'number' && Number.isFinite(x))) {
    return 'a box is south,west,north,east in degrees';
  }
  if (Math.abs(south!) > 90 || Math.abs(north!) > 90) return 'latitudes are from -90 to 90';
  if (Math.abs(west!) > 180 || Math.abs(east!) > 180) return 'longitudes are from -180 to 180';
  if (south! > north!) return 'south is above north';
  return null;
}

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Trimmed, control characters out, at most MAX_TEXT characters; null when nothing is left. */
function cleanText(value: string, folder: boolean): string | null {
  let text = value.replace(/[\p{Cc}\u2028\u2029]/gu, '').trim();
  if (folder) text = trimSlashes(text);
  text = text.slice(0, MAX_TEXT);
  return text === '' && !folder ? null : text;
}

function trimSlashes(path: string): string {
  return path.replace(/^\/+|\/+$/gu, '');
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
