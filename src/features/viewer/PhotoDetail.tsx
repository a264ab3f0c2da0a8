import { useEffect, type ReactNode } from 'react';
import type { Photo } from '../../library/schema';
import { useThumbnailUrl } from '../../shared/useThumbnailUrl';
import styles from './PhotoDetail.module.css';

export interface PhotoDetailProps {
  photo: Photo;
  score?: number;
  loadThumbnail: (id: string) => Promise<Blob | undefined>;
  /** The original file where it can still be read; the thumbnail shows until (or unless) it arrives. */
  loadOriginal?: (id: string) => Promise<Blob | undefined>;
  onClose: () => void;
  onMoreLikeThis: (id: string) => void;
  /** Feature panels (caption, labels) rendered under the details. */
  children?: ReactNode;
}

/** The photo large, with its file name and details, and "more like this". */
export function PhotoDetail(props: PhotoDetailProps) {
  const { photo, score, loadThumbnail, loadOriginal, onClose, onMoreLikeThis, children } = props;
  const thumbnail = useThumbnailUrl(photo.id, loadThumbnail);
  const original = useThumbnailUrl(photo.id, loadOriginal ?? noOriginal);
  const url = original ?? thumbnail;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className={styles.backdrop} onClick={onClose}>
      <div
        className={styles.detail}
        role="dialog"
        aria-label={photo.name}
        data-testid="photo-detail"
        onClick={(e) => e.stopPropagation()}
      >
        <div className={styles.image}>
          {url && <img src={url} alt={photo.name} data-testid="detail-image" data-original={!!original} />}
        </div>
        <div className={styles.side}>
          <h2 data-testid="detail-name">{photo.name}</h2>
          <dl>
            <dt>Path</dt>
            <dd>{photo.path}</dd>
            <dt>Size</dt>
            <dd>
              {photo.width} × {photo.height} · {formatBytes(photo.size)}
            </dd>
            <dt>Taken</dt>
            <dd>{new Date(photo.takenAt ?? photo.lastModified).toLocaleString()}</dd>
            {score !== undefined && (
              <>
                <dt>Score</dt>
                <dd>{score.toFixed(3)}</dd>
              </>
            )}
          </dl>
          <button
            type="button"
            className="primary"
            data-testid="more-like-this"
            onClick={() => onMoreLikeThis(photo.id)}
          >
            More like this
          </button>
          {children}
          <button
            type="button"
            className={styles.close}
            aria-label="Close"
            data-testid="close-detail"
            onClick={onClose}
          >
            ✕
          </button>
        </div>
      </div>
    </div>
  );
}

const noOriginal = async () => undefined;

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
