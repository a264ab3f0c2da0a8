/**
 * Pure layout math for the gallery (immich's timeline layout-support is the model): photos grouped by the day they
 * were taken, each group laid out in justified rows (or square tiles), and the groups stacked into one list of rows
 * with their offsets, which the virtualizer renders a window of. No DOM, no React: unit-tested in Node.
 */

/** What the layout needs of a photo. */
export interface Dated {
  readonly takenAt: number | null;
}

export interface Sized {
  readonly width: number;
  readonly height: number;
}

/** A run of consecutive photos taken on one day (or the photos with no date, always last). */
export interface DayGroup {
  /** `YYYY-MM-DD` (local time), or `undated`. */
  readonly key: string;
  /** Index of the group's first photo in the ordered list. */
  readonly start: number;
  readonly count: number;
  /** Start of the day (local), ms; null for the undated group. */
  readonly day: number | null;
}

export const UNDATED = 'undated';

/**
 * The timeline's order: photos with a date taken, newest (or oldest) first, then those without (in the order given). The
 * input is newest first by date taken or file time already, so a stable partition keeps it linear.
 */
export function timelineOrder<T>(items: readonly T[], takenAt: (item: T) => number | null, oldestFirst = false): T[] {
  const dated: T[] = [];
  const undated: T[] = [];
  for (const item of items) (takenAt(item) === null ? undated : dated).push(item);
  dated.sort((a, b) => takenAt(b)! - takenAt(a)!); // already ordered: a near-linear pass for TimSort
  if (oldestFirst) dated.reverse();
  return dated.concat(undated);
}

/**
 * Consecutive photos of one local day form a group; photos without a date form the last one. Expects
 * `timelineOrder`; a Date is made once per day, not per photo, so 100,000 photos group in a few milliseconds.
 */
export function groupByDay(items: readonly Dated[]): DayGroup[] {
  const groups: DayGroup[] = [];
  let dayStart = Infinity;
  let dayEnd = -Infinity;
  let open: { key: string; start: number; day: number | null } | null = null;
  const close = (end: number) => open && groups.push({ ...open, count: end - open.start });
  items.forEach((item, i) => {
    const t = item.takenAt;
    if (t === null) {
      if (open?.key !== UNDATED) {
        close(i);
        open = { key: UNDATED, start: i, day: null };
      }
      return;
    }
    if (open?.key !== UNDATED && t >= dayStart && t < dayEnd) return;
    close(i);
    const date = new Date(t);
    const start = new Date(date.getFullYear(), date.getMonth(), date.getDate());
    dayStart = start.getTime();
    dayEnd = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
    open = { key: dayKey(start), start: i, day: dayStart };
  });
  close(items.length);
  return groups;
}

/** The whole list as one untitled group (search results, ranked by relevance). */
export function singleGroup(count: number): DayGroup[] {
  return count === 0 ? [] : [{ key: 'all', start: 0, count, day: null }];
}

function dayKey(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** One tile in a row: which photo (index into the ordered list), where, how big. */
export interface TileBox {
  readonly index: number;
  readonly left: number;
  readonly width: number;
  readonly height: number;
}

export interface JustifyOptions {
  readonly width: number;
  readonly rowHeight: number;
  readonly gap: number;
}

/** No tile is drawn wider than 3:1 or taller than 1:3: a panorama must not take a row of its own at 40 px high. */
const MAX_ASPECT = 3;

/**
 * Justified rows: photos at their own aspect ratio, each full row scaled to fill `width` exactly, at a height near
 * `rowHeight`. A row closes when adding the next photo would bring it below the target height, or keeps that photo
 * when the row's height is closer to the target with it. The last row keeps the target height, left-aligned.
 * Linear in the number of photos (the `justified-layout` package is quadratic in a group's size: 14 s for one
 * group of 100,000 photos, 75-125 ms in groups of 30, on this machine).
 */
export function justifyRows(sizes: readonly Sized[], start: number, options: JustifyOptions): TileBox[][] {
  const { width, rowHeight, gap } = options;
  const rows: TileBox[][] = [];
  let row: number[] = [];
  let sum = 0;
  const heightOf = (aspects: number, count: number) => (width - gap * (count - 1)) / aspects;
  const emit = (indices: number[], height: number) => {
    const boxes: TileBox[] = [];
    let left = 0;
    const exact = indices.map((i) => aspectOf(sizes[i]!) * height);
    const total = exact.reduce((a, b) => a + b, 0);
    // Rounded widths that still add up to the exact ones (a full row's width): the rounding error goes to the last.
    let used = 0;
    indices.forEach((i, n) => {
      const w = n === indices.length - 1 ? Math.round(total) - used : Math.round(exact[n]!);
      boxes.push({ index: start + i, left, width: Math.max(1, w), height: Math.round(height) });
      used += w;
      left += w + gap;
    });
    rows.push(boxes);
  };
  for (let i = 0; i < sizes.length; i++) {
    const aspect = aspectOf(sizes[i]!);
    const withIt = heightOf(sum + aspect, row.length + 1);
    if (withIt > rowHeight) {
      row.push(i);
      sum += aspect;
      continue;
    }
    const without = row.length > 0 ? heightOf(sum, row.length) : Infinity;
    if (Math.abs(withIt - rowHeight) <= Math.abs(without - rowHeight)) {
      row.push(i);
      emit(row, withIt);
      row = [];
      sum = 0;
    } else {
      emit(row, without);
      row = [i];
      sum = aspect;
    }
  }
  if (row.length > 0) emit(row, Math.min(rowHeight, heightOf(sum, row.length)));
  return rows;
}

/** Square tiles: as many columns of `rowHeight` as fit, the leftover width shared out so rows fill `width`. */
export function squareRows(count: number, start: number, options: JustifyOptions): TileBox[][] {
  const { width, rowHeight, gap } = options;
  const columns = Math.max(1, Math.floor((width + gap) / (rowHeight + gap)));
  const edge = Math.floor((width - gap * (columns - 1)) / columns);
  const rows: TileBox[][] = [];
  for (let first = 0; first < count; first += columns) {
    const boxes: TileBox[] = [];
    for (let n = 0; n < columns && first + n < count; n++) {
      boxes.push({ index: start + first + n, left: n * (edge + gap), width: edge, height: edge });
    }
    rows.push(boxes);
  }
  return rows;
}

function aspectOf({ width, height }: Sized): number {
  const aspect = width > 0 && height > 0 ? width / height : 1;
  return Math.min(MAX_ASPECT, Math.max(1 / MAX_ASPECT, aspect));
}

export type LayoutRow =
  | { readonly kind: 'header'; readonly group: number; readonly top: number; readonly height: number }
  | {
      readonly kind: 'tiles';
      readonly group: number;
      readonly top: number;
      readonly height: number;
      readonly tiles: readonly TileBox[];
    };

export interface GalleryLayout {
  readonly rows: readonly LayoutRow[];
  readonly height: number;
  /** Row index of each photo (by its index in the ordered list), for keyboard moves and scrolling to a photo. */
  readonly rowOfPhoto: Int32Array;
}

export interface LayoutOptions extends JustifyOptions {
  readonly square: boolean;
  /** Height of a date header row; 0 lays the groups out without headers (search results). */
  readonly headerHeight: number;
}

/** Every group's header and rows, stacked, with each row's offset from the top. */
export function galleryLayout(
  sizes: readonly Sized[],
  groups: readonly DayGroup[],
  options: LayoutOptions,
): GalleryLayout {
  const rows: LayoutRow[] = [];
  const rowOfPhoto = new Int32Array(sizes.length);
  let top = 0;
  groups.forEach((group, g) => {
    if (options.headerHeight > 0) {
      rows.push({ kind: 'header', group: g, top, height: options.headerHeight });
      top += options.headerHeight;
    }
    const boxes = options.square
      ? squareRows(group.count, group.start, options)
      : justifyRows(sizes.slice(group.start, group.start + group.count), group.start, options);
    for (const tiles of boxes) {
      const height = tiles[0]!.height;
      for (const tile of tiles) rowOfPhoto[tile.index] = rows.length;
      rows.push({ kind: 'tiles', group: g, top, height: height + options.gap, tiles });
      top += height + options.gap;
    }
  });
  return { rows, height: top, rowOfPhoto };
}

/** The row at a scroll offset (binary search over the rows' tops). */
export function rowAt(rows: readonly { readonly top: number }[], offset: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (rows[mid]!.top <= offset) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

/** A month on the scrubber: where its first group starts, as a share of the whole height. */
export interface ScrubberMark {
  readonly key: string;
  readonly year: number;
  /** 0-11; -1 for the undated photos. */
  readonly month: number;
  readonly offset: number;
  readonly fraction: number;
}

/** The scrubber's marks: one per month with photos, in timeline order, plus one for the undated photos. */
export function scrubberMarks(groups: readonly DayGroup[], layout: GalleryLayout): ScrubberMark[] {
  const firstRowOf = new Map<number, number>();
  layout.rows.forEach((row, r) => firstRowOf.has(row.group) || firstRowOf.set(row.group, r));
  const marks: ScrubberMark[] = [];
  groups.forEach((group, g) => {
    const offset = layout.rows[firstRowOf.get(g) ?? 0]?.top ?? 0;
    const fraction = layout.height > 0 ? offset / layout.height : 0;
    if (group.day === null) {
      if (group.key === UNDATED) marks.push({ key: UNDATED, year: 0, month: -1, offset, fraction });
      return;
    }
    const date = new Date(group.day);
    const key = `${date.getFullYear()}-${date.getMonth()}`;
    if (marks.at(-1)?.key !== key)
      marks.push({ key, year: date.getFullYear(), month: date.getMonth(), offset, fraction });
  });
  return marks;
}
