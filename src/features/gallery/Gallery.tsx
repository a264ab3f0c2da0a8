import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Photo } from '../../library/schema';
import { useStore } from '../../shared/store';
import { ThumbnailUrls } from '../../shared/thumbnailUrls';
import { TUNABLES } from '../tunables';
import { dayTitle } from './dates';
import { FlingGate } from './flingGate';
import { galleryLayout, groupByDay, rowAt, scrubberMarks, singleGroup, timelineOrder, UNDATED } from './layout';
import { Scrubber } from './Scrubber';
import { SelectionBar, type SelectionAction } from './SelectionBar';
import type { Selection } from './selection';
import type { TileActivation } from './Tile';
import { TileRow } from './TileRow';
import styles from './Gallery.module.css';

export interface GalleryItem {
  photo: Photo;
  score?: number;
  labels?: readonly { label: string; score: number; byUser?: true }[];
}

export type GridLayout = 'justified' | 'square';

export interface GalleryProps {
  items: readonly GalleryItem[];
  /** Browsing: grouped by day with headers and a scrubber. Otherwise (search results) one list in the given order. */
  timeline: boolean;
  /** The timeline from its first day instead of its latest. */
  oldestFirst?: boolean;
  grid: GridLayout;
  onGrid: (grid: GridLayout) => void;
  selection: Selection;
  actions: readonly SelectionAction[];
  /** False while something on top (the viewer) takes the keyboard: Escape is then not the gallery's. */
  keysActive: boolean;
  loadThumbnail: (id: string) => Promise<Blob | undefined>;
  onOpen: (id: string) => void;
  /** Controls at the start of the gallery's toolbar, on the row of its tile switch (the search's filters). */
  tools?: ReactNode;
}

/** The photo grid: a virtualized timeline (or ranked results) of justified or square rows, with selection. */
export function Gallery(props: GalleryProps) {
  const { items, timeline, oldestFirst = false, grid, selection } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useWidth(scrollRef);
  const selected = useStore(selection.store);
  const selecting = selected.ids.size > 0;
  const { loadThumbnail } = props;
  const thumbnails = useMemo(
    () =>
      new ThumbnailUrls({
        load: loadThumbnail,
        keep: TUNABLES.thumbnailUrlsKept,
        taskBudgetMs: TUNABLES.thumbnailUrlsTaskMs,
      }),
    [loadThumbnail],
  );
  useEffect(() => () => thumbnails.clear(), [thumbnails]);
  const fling = useMemo(
    () =>
      new FlingGate({
        fastPxPerSecond: TUNABLES.flingPxPerSecond,
        quietMs: TUNABLES.flingQuietMs,
        onChange: (fast) => (fast ? thumbnails.pause() : thumbnails.resume()),
      }),
    [thumbnails],
  );
  useEffect(
    () => () => {
      fling.dispose();
      thumbnails.resume();
    },
    [fling, thumbnails],
  );

  const ordered = useMemo(() => galleryOrder(items, timeline, oldestFirst), [items, timeline, oldestFirst]);
  const order = useMemo(() => ordered.map((i) => i.photo.id), [ordered]);
  const groups = useMemo(
    () => (timeline ? groupByDay(ordered.map((i) => i.photo)) : singleGroup(ordered.length)),
    [ordered, timeline],
  );
  const layout = useMemo(() => {
    const phone = width < TUNABLES.phoneWidth;
    return galleryLayout(
      ordered.map((i) => i.photo),
      groups,
      {
        width,
        gap: TUNABLES.tileGap,
        rowHeight:
          grid === 'square' ? (phone ? 96 : TUNABLES.tileSize) : phone ? TUNABLES.phoneRowHeight : TUNABLES.rowHeight,
        square: grid === 'square',
        headerHeight: timeline ? TUNABLES.dayHeaderHeight : 0,
      },
    );
  }, [ordered, groups, width, grid, timeline]);
  const marks = useMemo(() => (timeline ? scrubberMarks(groups, layout) : []), [timeline, groups, layout]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh on every render
  const virtualizer = useVirtualizer({
    count: layout.rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => layout.rows[i]!.height,
    overscan: TUNABLES.galleryOverscanRows,
    // New rows render in a task of their own, not inside the scroll event (a jump's rows made it a long task).
    useFlushSync: false,
    // The offset the virtualizer read in the scroll event: reading scrollTop again after its rows rendered would
    // force a layout.
    onChange: (v, scrolling) => scrolling && fling.scrolled(v.scrollOffset ?? 0),
  });
  useEffect(() => virtualizer.measure(), [layout, virtualizer]);

  const [focused, setFocused] = useState(0);
  const [focusWanted, setFocusWanted] = useState(false);
  useEffect(() => {
    if (!focusWanted) return;
    let frames = 0;
    let handle = 0;
    const tryFocus = () => {
      const tile = scrollRef.current?.querySelector<HTMLElement>(`[data-testid="photo"][data-index="${focused}"]`);
      if (tile) {
        tile.focus();
        setFocusWanted(false);
      } else if (frames++ < 10) handle = requestAnimationFrame(tryFocus);
    };
    tryFocus();
    return () => cancelAnimationFrame(handle);
  }, [focused, focusWanted]);

  const { onOpen } = props;
  const toggleAt = useCallback(
    (index: number, how: TileActivation) => {
      setFocused(index);
      if (how.shiftKey) selection.range(order, order[index]!);
      else selection.toggle(order[index]!);
    },
    [order, selection],
  );
  const activate = useCallback(
    (index: number, how: TileActivation) => {
      if (how.shiftKey || how.toggle || selection.store.get().ids.size > 0) toggleAt(index, how);
      else {
        setFocused(index);
        onOpen(order[index]!);
      }
    },
    [order, selection, toggleAt, onOpen],
  );
  const moveFocus = (to: number) => {
    const index = Math.max(0, Math.min(order.length - 1, to));
    setFocused(index);
    setFocusWanted(true);
    virtualizer.scrollToIndex(layout.rowOfPhoto[index] ?? 0, { align: 'auto' });
  };
  const keyHandler = useRef<(index: number, e: KeyboardEvent<HTMLButtonElement>) => void>(() => undefined);
  // One handler for every tile across renders, so scrolling re-renders only the tiles that come into view (memo).
  const onTileKey = useCallback(
    (index: number, e: KeyboardEvent<HTMLButtonElement>) => keyHandler.current(index, e),
    [],
  );
  useLayoutEffect(() => {
    keyHandler.current = tileKey;
  });
  const tileKey = (index: number, e: KeyboardEvent<HTMLButtonElement>) => {
    const next = keyTarget(e.key, index, layout, order.length);
    if (next !== null) {
      e.preventDefault();
      moveFocus(next);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      onOpen(order[index]!);
    } else if (e.key === ' ') {
      e.preventDefault();
      toggleAt(index, { shiftKey: e.shiftKey, toggle: true });
    }
  };

  const { keysActive } = props;
  useEffect(() => {
    if (!keysActive || !selecting) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== 'Escape' || target?.closest('input, textarea, select, [role="dialog"]')) return;
      selection.clear();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keysActive, selecting, selection]);

  const virtualRows = virtualizer.getVirtualItems();
  const offset = virtualizer.scrollOffset ?? 0;
  const topRow = layout.rows[rowAt(layout.rows, offset)];
  const topGroup = topRow ? groups[topRow.group] : undefined;
  const rendered = virtualRows.flatMap((v) => {
    const row = layout.rows[v.index];
    return row?.kind === 'tiles' ? row.tiles.map((t) => t.index) : [];
  });
  const tabbable = rendered.includes(focused) ? focused : (rendered[0] ?? -1);

  return (
    <div className={styles.wrap}>
      <div className={styles.toolbar}>
        <div className={styles.tools}>{props.tools}</div>
        <label className={`small muted ${styles.gridSwitch}`}>
          Tiles{' '}
          <select
            data-testid="grid-layout"
            value={grid}
            onChange={(e) => props.onGrid(e.target.value === 'square' ? 'square' : 'justified')}
          >
            <option value="justified">as shot</option>
            <option value="square">square</option>
          </select>
        </label>
      </div>
      <div className={styles.body}>
        <div
          ref={scrollRef}
          className={styles.gallery}
          data-testid="gallery"
          data-layout={grid}
          data-timeline={timeline}
          role="region"
          aria-label={timeline ? 'Photos by date' : 'Search results'}
        >
          {timeline && topGroup && topRow && offset > 0 && (
            <div className={styles.sticky} aria-hidden="true" data-testid="sticky-date">
              <span>{dayTitle(topGroup.day)}</span>
            </div>
          )}
          <div
            style={{ height: layout.height, position: 'relative' }}
            onFocus={(e) => {
              // Focus that arrives by Tab or a click moves the grid's one Tab stop with it.
              const index = e.target.dataset.testid === 'photo' ? e.target.dataset.index : undefined;
              if (index !== undefined) setFocused(Number(index));
            }}
          >
            {virtualRows.map((v) => {
              const row = layout.rows[v.index]!;
              const top = { transform: `translateY(${row.top}px)`, height: row.height };
              if (row.kind === 'header') {
                const group = groups[row.group]!;
                const ids = order.slice(group.start, group.start + group.count);
                const all = ids.every((id) => selected.ids.has(id));
                return (
                  <div
                    key={v.key}
                    className={styles.header}
                    style={top}
                    data-testid="timeline-header"
                    data-date={group.key}
                    data-count={group.count}
                  >
                    <h2>{dayTitle(group.day)}</h2>
                    {group.key === UNDATED && (
                      <span className="small muted visually-hidden-narrow">
                        their files carry no date taken, so they come last
                      </span>
                    )}
                    <button
                      type="button"
                      className={styles.selectDay}
                      data-testid="select-day"
                      aria-pressed={all}
                      onClick={() => selection.group(ids)}
                    >
                      {all ? 'Unselect' : 'Select'} {group.count === 1 ? '1 photo' : `${group.count} photos`}
                      <span className="visually-hidden"> of {dayTitle(group.day)}</span>
                    </button>
                  </div>
                );
              }
              const first = row.tiles[0]?.index ?? 0;
              const inRow = tabbable >= first && tabbable <= (row.tiles.at(-1)?.index ?? -1);
              return (
                <TileRow
                  key={v.key}
                  row={row}
                  ordered={ordered}
                  selectedIds={selected.ids}
                  selecting={selecting}
                  tabbable={inRow ? tabbable : -1}
                  thumbnails={thumbnails}
                  onActivate={activate}
                  onToggle={toggleAt}
                  onKeyDown={onTileKey}
                />
              );
            })}
          </div>
        </div>
        {timeline && marks.length > 0 && (
          <Scrubber
            marks={marks}
            position={layout.height > 0 ? offset / layout.height : 0}
            onJump={(fraction) => virtualizer.scrollToOffset(fraction * layout.height)}
          />
        )}
      </div>
      {selecting && <SelectionBar ids={[...selected.ids]} actions={props.actions} onClear={selection.clear} />}
    </div>
  );
}

/** The items in the order the gallery shows them (the viewer's previous/next walk the same order). */
export function galleryOrder(
  items: readonly GalleryItem[],
  timeline: boolean,
  oldestFirst = false,
): readonly GalleryItem[] {
  return timeline ? timelineOrder(items, (i) => i.photo.takenAt, oldestFirst) : items;
}

/** The photo an arrow key (or Home/End) moves to: left/right in order, up/down to the nearest tile a row away. */
function keyTarget(key: string, index: number, layout: ReturnType<typeof galleryLayout>, count: number): number | null {
  if (key === 'ArrowLeft') return index - 1;
  if (key === 'ArrowRight') return index + 1;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  if (key !== 'ArrowUp' && key !== 'ArrowDown') return null;
  const step = key === 'ArrowUp' ? -1 : 1;
  const here = layout.rows[layout.rowOfPhoto[index]!];
  if (here?.kind !== 'tiles') return null;
  const box = here.tiles.find((t) => t.index === index)!;
  const centre = box.left + box.width / 2;
  for (let r = layout.rowOfPhoto[index]! + step; r >= 0 && r < layout.rows.length; r += step) {
    const row = layout.rows[r]!;
    if (row.kind !== 'tiles') continue;
    let best = row.tiles[0]!;
    for (const t of row.tiles) {
      if (Math.abs(t.left + t.width / 2 - centre) < Math.abs(best.left + best.width / 2 - centre)) best = t;
    }
    return best.index;
  }
  return index;
}

/** The element's content width, followed as it resizes. */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(1024);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 1024)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
