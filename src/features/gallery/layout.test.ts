import { describe, expect, it } from 'vitest';
import {
  galleryLayout,
  groupByDay,
  justifyRows,
  rowAt,
  scrubberMarks,
  singleGroup,
  squareRows,
  timelineOrder,
  UNDATED,
  type Sized,
} from './layout';

const at = (y: number, m: number, d: number, h = 12) => new Date(y, m - 1, d, h).getTime();
const options = { width: 1000, rowHeight: 200, gap: 4 };

describe('timeline grouping', () => {
  it('puts photos without a date last, the dated ones newest first', () => {
    const photos = [{ takenAt: at(2020, 1, 1) }, { takenAt: null }, { takenAt: at(2021, 5, 5) }, { takenAt: null }];
    const ordered = timelineOrder(photos, (p) => p.takenAt);
    expect(ordered.map((p) => p.takenAt)).toEqual([at(2021, 5, 5), at(2020, 1, 1), null, null]);
    expect(ordered[2]).toBe(photos[1]); // undated keep the order they came in
  });

  it('sorts oldest first when asked, the undated still last', () => {
    const photos = [{ takenAt: at(2020, 1, 1) }, { takenAt: null }, { takenAt: at(2021, 5, 5) }];
    const ordered = timelineOrder(photos, (p) => p.takenAt, true);
    expect(ordered.map((p) => p.takenAt)).toEqual([at(2020, 1, 1), at(2021, 5, 5), null]);
  });

  it('groups by local day, the undated in one group at the end', () => {
    const photos = [
      { takenAt: at(2021, 5, 5, 23) },
      { takenAt: at(2021, 5, 5, 0) },
      { takenAt: at(2021, 5, 4, 23) },
      { takenAt: at(2020, 12, 31) },
      { takenAt: null },
      { takenAt: null },
    ];
    const groups = groupByDay(photos);
    expect(groups.map((g) => [g.key, g.start, g.count])).toEqual([
      ['2021-05-05', 0, 2],
      ['2021-05-04', 2, 1],
      ['2020-12-31', 3, 1],
      [UNDATED, 4, 2],
    ]);
    expect(groups[0]!.day).toBe(new Date(2021, 4, 5).getTime());
    expect(groups.at(-1)!.day).toBeNull();
  });

  it('has no groups for no photos, one for search results', () => {
    expect(groupByDay([])).toEqual([]);
    expect(singleGroup(0)).toEqual([]);
    expect(singleGroup(3)).toEqual([{ key: 'all', start: 0, count: 3, day: null }]);
  });
});

describe('justified rows', () => {
  const sizes: Sized[] = Array.from(
    { length: 57 },
    (_, i) =>
      [
        { width: 4000, height: 3000 },
        { width: 3000, height: 4000 },
        { width: 1000, height: 1000 },
        { width: 6000, height: 2000 },
        { width: 9000, height: 1000 }, // a panorama, drawn at most 3:1
      ][i % 5]!,
  );

  it('lays out every photo once, in order, each full row exactly as wide as the container', () => {
    const rows = justifyRows(sizes, 10, options);
    expect(rows.flat().map((b) => b.index)).toEqual(sizes.map((_, i) => 10 + i));
    for (const row of rows.slice(0, -1)) {
      const last = row.at(-1)!;
      expect(last.left + last.width).toBe(options.width);
      expect(new Set(row.map((b) => b.height)).size).toBe(1);
      expect(row[0]!.height).toBeGreaterThan(options.rowHeight * 0.6);
      expect(row[0]!.height).toBeLessThan(options.rowHeight * 1.6);
    }
  });

  it('keeps each photo at its aspect ratio (within rounding), a panorama at 3:1', () => {
    for (const box of justifyRows(sizes, 0, options).flat()) {
      const { width, height } = sizes[box.index]!;
      const aspect = Math.min(3, width / height);
      expect(Math.abs(box.width / box.height - aspect)).toBeLessThan(0.05);
    }
  });

  it('leaves the last row at the target height, not stretched', () => {
    const rows = justifyRows([{ width: 100, height: 100 }], 0, options);
    expect(rows).toEqual([[{ index: 0, left: 0, width: 200, height: 200 }]]);
  });

  it('square tiles fill the width in columns', () => {
    const rows = squareRows(7, 0, { width: 1000, rowHeight: 160, gap: 8 });
    expect(rows.map((r) => r.length)).toEqual([6, 1]);
    const last = rows[0]!.at(-1)!;
    expect(last.left + last.width).toBeLessThanOrEqual(1000);
    expect(last.left + last.width).toBeGreaterThan(1000 - 5);
  });

  // Its speed is the bench's timeline stage (scripts/bench/page/timeline.ts), not a timed test.
  it('lays out 100,000 photos in 1,000 days, every photo placed once', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({
      takenAt: at(2024, 1, 1) - Math.floor(i / 100) * 86_400_000,
      ...sizes[i % 5]!,
    }));
    const groups = groupByDay(many);
    const layout = galleryLayout(many, groups, { ...options, square: false, headerHeight: 40 });
    expect(groups).toHaveLength(1000);
    expect(layout.rowOfPhoto).toHaveLength(100_000);
    const placed = layout.rows.flatMap((row) => (row.kind === 'tiles' ? row.tiles.map((t) => t.index) : []));
    expect(placed.sort((a, b) => a - b)).toEqual(Array.from({ length: 100_000 }, (_, i) => i));
  });
});

describe('stacking and the scrubber', () => {
  const photos = [
    { takenAt: at(2021, 5, 5), width: 100, height: 100 },
    { takenAt: at(2021, 5, 1), width: 100, height: 100 },
    { takenAt: at(2021, 3, 1), width: 100, height: 100 },
    { takenAt: at(2019, 7, 1), width: 100, height: 100 },
    { takenAt: null, width: 100, height: 100 },
  ];
  const groups = groupByDay(photos);
  const layout = galleryLayout(photos, groups, { ...options, square: true, rowHeight: 100, headerHeight: 30 });

  it('stacks a header and the tile rows of each group, tops increasing', () => {
    expect(layout.rows.map((r) => r.kind)).toEqual(Array(5).fill(['header', 'tiles']).flat());
    layout.rows.forEach(
      (row, i) => i > 0 && expect(row.top).toBe(layout.rows[i - 1]!.top + layout.rows[i - 1]!.height),
    );
    const edge = Math.floor((1000 - 8 * 4) / 9); // 9 columns of at least 100 px, grown to fill the width
    expect(layout.height).toBe(5 * 30 + 5 * (edge + 4));
    expect([...layout.rowOfPhoto]).toEqual([1, 3, 5, 7, 9]);
  });

  it('finds the row at an offset as a linear search would', () => {
    for (let offset = 0; offset < layout.height; offset += 7) {
      const linear = layout.rows.findLastIndex((r) => r.top <= offset);
      expect(rowAt(layout.rows, offset)).toBe(linear);
    }
  });

  it('marks each month once, in timeline order, and the undated last', () => {
    const marks = scrubberMarks(groups, layout);
    expect(marks.map((m) => [m.year, m.month])).toEqual([
      [2021, 4],
      [2021, 2],
      [2019, 6],
      [0, -1],
    ]);
    expect(marks[0]!.fraction).toBe(0);
    expect(marks[1]!.offset).toBe(layout.rows[4]!.top);
    marks.forEach((m, i) => i > 0 && expect(m.fraction).toBeGreaterThan(marks[i - 1]!.fraction));
  });
});
