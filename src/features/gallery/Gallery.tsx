import { useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Photo } from '../../library/schema';
import { Tile } from './Tile';
import { columnsFor, rowCount, rowSlice } from './layout';
import styles from './Gallery.module.css';

export interface GalleryItem {
  photo: Photo;
  score?: number;
  labels?: readonly { label: string; score: number }[];
}

export interface GalleryProps {
  items: readonly GalleryItem[];
  tileSize: number;
  loadThumbnail: (id: string) => Promise<Blob | undefined>;
  onOpen: (id: string) => void;
}

const GAP = 8;

/** A virtualized grid (rows rendered on demand), so 100,000 tiles scroll smoothly. */
export function Gallery({ items, tileSize, loadThumbnail, onOpen }: GalleryProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1024);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 1024));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const columns = columnsFor(width, tileSize, GAP);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh on every render
  const virtualizer = useVirtualizer({
    count: rowCount(items.length, columns),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => tileSize + GAP,
    overscan: 4,
  });

  return (
    <div ref={scrollRef} className={styles.gallery} data-testid="gallery">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div
            key={row.key}
            className={styles.row}
            style={{ transform: `translateY(${row.start}px)`, height: tileSize, gap: GAP }}
          >
            {rowSlice(items, row.index, columns).map((item) => (
              <div key={item.photo.id} style={{ width: tileSize, height: tileSize }}>
                <Tile
                  photo={item.photo}
                  score={item.score}
                  labels={item.labels}
                  loadThumbnail={loadThumbnail}
                  onOpen={onOpen}
                />
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
