import { memo } from 'react';
import type { Photo } from '../../library/schema';
import { useThumbnailUrl } from '../../shared/useThumbnailUrl';
import styles from './Tile.module.css';

export interface TileProps {
  photo: Photo;
  score?: number;
  labels?: readonly { label: string; score: number }[];
  loadThumbnail: (id: string) => Promise<Blob | undefined>;
  onOpen: (id: string) => void;
}

/** One photo in the grid: thumbnail, score while searching, label chips. File names are rendered as text only. */
export const Tile = memo(function Tile({ photo, score, labels, loadThumbnail, onOpen }: TileProps) {
  const url = useThumbnailUrl(photo.id, loadThumbnail);
  return (
    <button
      type="button"
      className={styles.tile}
      data-testid="photo"
      data-name={photo.path}
      data-id={photo.id}
      data-score={score === undefined ? undefined : score.toFixed(4)}
      data-width={photo.width}
      data-height={photo.height}
      title={photo.path}
      onClick={() => onOpen(photo.id)}
    >
      {url ? <img src={url} alt={photo.name} draggable={false} /> : <span className={styles.placeholder} />}
      {score !== undefined && <span className={styles.score}>{score.toFixed(2)}</span>}
      {labels && labels.length > 0 && (
        <span className={styles.labels}>
          {labels.map((l) => (
            <span
              key={l.label}
              className="chip"
              data-testid="label-chip"
              data-label={l.label}
              data-score={l.score.toFixed(3)}
            >
              {l.label}
            </span>
          ))}
        </span>
      )}
    </button>
  );
});
