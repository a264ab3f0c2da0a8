import { memo, type KeyboardEvent } from 'react';
import type { ThumbnailUrls } from '../../shared/thumbnailUrls';
import type { GalleryItem } from './Gallery';
import type { LayoutRow } from './layout';
import { Tile, type TileActivation } from './Tile';
import styles from './Gallery.module.css';

export interface TileRowProps {
  row: Extract<LayoutRow, { kind: 'tiles' }>;
  ordered: readonly GalleryItem[];
  selectedIds: ReadonlySet<string>;
  selecting: boolean;
  /** The grid's one Tab stop, when it is in this row (else -1, so the other rows stay as they were). */
  tabbable: number;
  thumbnails: ThumbnailUrls;
  onActivate: (index: number, how: TileActivation) => void;
  onToggle: (index: number, how: TileActivation) => void;
  onKeyDown: (index: number, event: KeyboardEvent<HTMLButtonElement>) => void;
}

/** One justified (or square) row: memoized, so a scroll frame renders only the rows that come into view. */
export const TileRow = memo(function TileRow(props: TileRowProps) {
  const { row, ordered, selectedIds } = props;
  return (
    <div className={styles.row} style={{ transform: `translateY(${row.top}px)`, height: row.height }}>
      {row.tiles.map((box) => {
        const item = ordered[box.index]!;
        return (
          <Tile
            key={item.photo.id}
            photo={item.photo}
            index={box.index}
            box={box}
            score={item.score}
            labels={item.labels}
            selected={selectedIds.has(item.photo.id)}
            selecting={props.selecting}
            tabbable={box.index === props.tabbable}
            thumbnails={props.thumbnails}
            onActivate={props.onActivate}
            onToggle={props.onToggle}
            onKeyDown={props.onKeyDown}
          />
        );
      })}
    </div>
  );
});
