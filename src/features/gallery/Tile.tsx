import { memo, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import type { Photo } from '../../library/schema';
import type { ThumbnailUrls } from '../../shared/thumbnailUrls';
import { usePooledThumbnailUrl } from '../../shared/useThumbnailUrl';
import { TUNABLES } from '../tunables';
import { dayTitle } from './dates';
import styles from './Tile.module.css';

/** How a tile was activated: the modifier keys decide between open, toggle and range. */
export interface TileActivation {
  readonly shiftKey: boolean;
  readonly toggle: boolean;
}

export interface TileProps {
  photo: Photo;
  /** Position in the gallery's order (keyboard moves, shift ranges). */
  index: number;
  /** Where the tile sits in its row, CSS pixels. */
  box: { readonly left: number; readonly width: number; readonly height: number };
  score?: number;
  labels?: readonly { label: string; score: number; byUser?: true }[];
  selected: boolean;
  /** Photos are being selected: a click toggles instead of opening. */
  selecting: boolean;
  /** The one tile the Tab key reaches (roving tabindex). */
  tabbable: boolean;
  thumbnails: ThumbnailUrls;
  onActivate: (index: number, how: TileActivation) => void;
  /** A tap-and-hold (or a click on the tile's check mark): select this photo. */
  onToggle: (index: number, how: TileActivation) => void;
  onKeyDown: (index: number, event: KeyboardEvent<HTMLButtonElement>) => void;
}

/** One photo in the grid: thumbnail, score while searching, label chips, a check mark. Names render as text only. */
export const Tile = memo(function Tile(props: TileProps) {
  const { photo, index, box, score, labels, selected, selecting, tabbable, thumbnails } = props;
  const url = usePooledThumbnailUrl(photo.id, thumbnails);
  const held = useRef<{ timer: ReturnType<typeof setTimeout> | null; fired: boolean }>({ timer: null, fired: false });
  const release = () => {
    if (held.current.timer) clearTimeout(held.current.timer);
    held.current.timer = null;
  };
  const how = (e: MouseEvent) => ({ shiftKey: e.shiftKey, toggle: e.ctrlKey || e.metaKey });
  const name = [
    photo.name,
    dayTitle(photo.takenAt),
    score === undefined ? null : `score ${score.toFixed(2)}`,
    // The label chips' words are in the name too: what is seen on a tile is what a voice user says (WCAG 2.5.3).
    labels && labels.length > 0 ? labels.map((l) => l.label).join(', ') : null,
    selected ? 'selected' : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <div
      className={styles.frame}
      style={{ left: box.left, width: box.width, height: box.height }}
      data-selected={selected}
    >
      <button
        type="button"
        className={styles.tile}
        data-testid="photo"
        data-index={index}
        data-name={photo.path}
        data-id={photo.id}
        data-score={score === undefined ? undefined : score.toFixed(4)}
        data-width={photo.width}
        data-height={photo.height}
        data-selected={selected}
        aria-label={name}
        title={photo.path}
        tabIndex={tabbable ? 0 : -1}
        onPointerDown={(e) => {
          if (e.button !== 0) return;
          held.current.fired = false;
          release();
          held.current.timer = setTimeout(() => {
            held.current.fired = true;
            props.onToggle(index, { shiftKey: false, toggle: true });
          }, TUNABLES.selectHoldMs);
        }}
        onPointerUp={release}
        onPointerLeave={release}
        onPointerCancel={release}
        onContextMenu={(e) => held.current.fired && e.preventDefault()}
        onClick={(e) => {
          release();
          // The hold already selected it: the click that ends the hold must not open or toggle it back.
          if (held.current.fired) held.current.fired = false;
          else props.onActivate(index, how(e));
        }}
        onKeyDown={(e) => props.onKeyDown(index, e)}
        onKeyUp={(e) => e.key === ' ' && e.preventDefault()}
      >
        {url ? <img src={url} alt="" decoding="async" draggable={false} /> : <span className={styles.placeholder} />}
        {score !== undefined && <span className={styles.score}>{score.toFixed(2)}</span>}
        {labels && labels.length > 0 && (
          <span className={styles.labels}>
            {/* A space before each chip (no layout in a flex row): the visible words stay apart, as in the name. */}
            {labels.flatMap((l) => [
              ' ',
              <span
                key={l.label}
                className="chip"
                data-testid="label-chip"
                data-label={l.label}
                data-score={l.score.toFixed(3)}
                data-by-user={l.byUser ?? false}
              >
                {l.label}
              </span>,
            ])}
          </span>
        )}
      </button>
      <button
        type="button"
        className={styles.check}
        data-testid="photo-check"
        data-visible={selecting || selected}
        aria-label={`Select ${photo.name}`}
        aria-pressed={selected}
        tabIndex={-1}
        onClick={(e) => props.onToggle(index, how(e))}
      >
        <span aria-hidden="true">✓</span>
      </button>
    </div>
  );
});
