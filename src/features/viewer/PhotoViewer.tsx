import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import type { OriginalRead } from '../../ingest/original';
import type { Photo } from '../../library/schema';
import { downloadBlob } from '../../shared/download';
import { TUNABLES } from '../tunables';
import { detailRows, downloadName, opensInTab } from './details';
import { neighbours } from './navigation';
import { OriginalNote } from './OriginalNote';
import { useModal } from './useModal';
import { useBlobUrl, useOriginal } from './useOriginal';
import { FITTED, viewZoomAt, type Size, type View } from './zoom';
import { ZoomableImage } from './ZoomableImage';
import styles from './PhotoViewer.module.css';

export interface PhotoViewerProps {
  photoId: string;
  /** The photo ids in the order the gallery (or the results) shows them: previous and next walk it. */
  order: readonly string[];
  /** A photo of the library by id. */
  photo: (id: string) => Photo | undefined;
  /** The relevance score while a search is active. */
  score?: number;
  loadThumbnail: (id: string) => Promise<Blob | undefined>;
  /** The original file, or why it can't be read. */
  openOriginal: (id: string) => Promise<OriginalRead>;
  /** Asks the browser again for read access to the photo's folder (from the user's click); true when granted. */
  allowFolderAccess: (id: string) => Promise<boolean>;
  onNavigate: (id: string) => void;
  onClose: () => void;
  onMoreLikeThis: (id: string) => void;
  /** Feature panels (caption, labels, text) rendered under the details. */
  children?: ReactNode;
}

/**
 * The opened photo, full-screen and modal: the original (zoomable), previous/next in the gallery's order (keys,
 * buttons, swipe), a slideshow, download/open of the original, and its details with the feature panels.
 */
export function PhotoViewer(props: PhotoViewerProps) {
  const { photoId, order, onNavigate, onClose } = props;
  const photo = props.photo(photoId);
  const dialogRef = useRef<HTMLDivElement>(null);
  const nav = neighbours(order, photoId);
  const [attempt, setAttempt] = useState(0);
  const original = useOriginal(photoId, props.openOriginal, attempt);
  const thumbnail = useBlobUrl(photoId, props.loadThumbnail);
  const [zoom, setZoom] = useState<{ id: string; view: View; animate: boolean }>({
    id: photoId,
    view: FITTED,
    animate: false,
  });
  const view = zoom.id === photoId ? zoom.view : FITTED;
  const geometry = useRef<{ frame: Size; fitted: Size } | null>(null);
  const [playing, setPlaying] = useState(false);

  useModal(dialogRef, () =>
    document.querySelector<HTMLElement>(`[data-testid="photo"][data-id="${CSS.escape(photoId)}"]`),
  );

  // Focus on a control that navigation disabled (the last "next") would fall to the inert page: keep it inside.
  useEffect(() => {
    const dialog = dialogRef.current;
    const here = document.activeElement;
    if (dialog && (!dialog.contains(here) || (here as HTMLButtonElement | null)?.disabled)) dialog.focus();
  }, [photoId]);

  const showing = playing && !!nav.next;
  useEffect(() => {
    if (!showing || !nav.next) return;
    const next = nav.next;
    const timer = setTimeout(() => {
      onNavigate(next);
      if (!neighbours(order, next).next) setPlaying(false); // the last photo: the slideshow ends on it
    }, TUNABLES.slideshowIntervalMs);
    return () => clearTimeout(timer);
  }, [showing, nav.next, order, onNavigate]);

  const setView = useCallback(
    (next: View, animate: boolean) => setZoom({ id: photoId, view: next, animate }),
    [photoId],
  );
  const zoomBy = (factor: number) => {
    const g = geometry.current;
    if (!g || original.status !== 'file') return;
    setView(viewZoomAt(view, factor, { x: 0, y: 0 }, g.fitted, g.frame, TUNABLES.viewerMaxZoom), true);
  };
  const go = (id: string | null) => id && onNavigate(id);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (showing) {
      setPlaying(false); // any key stops the slideshow, and does only that
      if (e.key !== 'Tab') e.preventDefault();
      return;
    }
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTextField(e.target)) return;
    const act: Record<string, () => void> = {
      ArrowLeft: () => go(nav.previous),
      ArrowRight: () => go(nav.next),
      Escape: onClose,
      '+': () => zoomBy(TUNABLES.viewerZoomStep),
      '=': () => zoomBy(TUNABLES.viewerZoomStep),
      '-': () => zoomBy(1 / TUNABLES.viewerZoomStep),
      '0': () => setView(FITTED, true),
    };
    const run = act[e.key];
    if (run) {
      e.preventDefault();
      run();
    }
  };

  if (!photo) return null;
  const file = original.status === 'file' ? original.file : null;
  const url = original.status === 'file' ? original.url : thumbnail;
  const position = nav.index >= 0 ? `${nav.index + 1} of ${nav.count}` : null;

  return createPortal(
    <div className={styles.backdrop}>
      <div
        ref={dialogRef}
        className={styles.viewer}
        role="dialog"
        aria-modal="true"
        aria-label={photo.name}
        aria-describedby="viewer-position"
        tabIndex={-1}
        data-testid="photo-detail"
        data-id={photo.id}
        onKeyDown={onKeyDown}
      >
        <div className={styles.stage}>
          <div className={styles.toolbar}>
            <span id="viewer-position" className={styles.position} data-testid="viewer-position">
              {position}
            </span>
            <button
              type="button"
              aria-label="Zoom out"
              data-testid="zoom-out"
              disabled={!file || view.scale <= 1}
              onClick={() => zoomBy(1 / TUNABLES.viewerZoomStep)}
            >
              −
            </button>
            <button
              type="button"
              aria-label="Zoom in"
              data-testid="zoom-in"
              disabled={!file || view.scale >= TUNABLES.viewerMaxZoom}
              onClick={() => zoomBy(TUNABLES.viewerZoomStep)}
            >
              +
            </button>
            <button
              type="button"
              aria-pressed={showing}
              data-testid="slideshow"
              disabled={!nav.next}
              onClick={() => setPlaying(!showing)}
            >
              <Labelled icon={showing ? '❚❚' : '▶'} text={showing ? 'Pause' : 'Slideshow'} />
            </button>
            <button
              type="button"
              data-testid="download-original"
              disabled={!file}
              onClick={() => file && downloadBlob(file, downloadName(photo.name))}
            >
              <Labelled icon="↓" text="Download" />
            </button>
            {opensInTab(photo.mime) && (
              <button
                type="button"
                data-testid="open-original"
                disabled={!file}
                onClick={() => file && openInTab(file, photo.mime)}
              >
                <Labelled icon="↗" text="Open" />
              </button>
            )}
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
          {url && (
            <ZoomableImage
              key={`${photo.id}:${file ? 'original' : 'thumbnail'}`}
              url={url}
              alt={photo.name}
              natural={file ? { width: photo.width, height: photo.height } : null}
              zoomable={!!file}
              isOriginal={!!file}
              view={view}
              animate={zoom.animate}
              onView={setView}
              onSwipe={(direction) => go(direction === 'next' ? nav.next : nav.previous)}
              onFrame={(frame, fitted) => (geometry.current = { frame, fitted })}
            />
          )}
          <button
            type="button"
            className={`${styles.step} ${styles.previous}`}
            aria-label="Previous photo"
            data-testid="viewer-previous"
            disabled={!nav.previous}
            onClick={() => go(nav.previous)}
          >
            ‹
          </button>
          <button
            type="button"
            className={`${styles.step} ${styles.next}`}
            aria-label="Next photo"
            data-testid="viewer-next"
            disabled={!nav.next}
            onClick={() => go(nav.next)}
          >
            ›
          </button>
          <OriginalNote
            state={original.status}
            onAllow={async () => {
              const granted = await props.allowFolderAccess(photo.id);
              if (granted) setAttempt((n) => n + 1);
              return granted;
            }}
          />
        </div>
        <aside className={styles.panel} aria-label="Details">
          <h2 data-testid="detail-name">{photo.name}</h2>
          <dl data-testid="detail-info">
            {detailRows(photo).map((row) => (
              <div key={row.key} data-testid="detail-row" data-key={row.key}>
                <dt>{row.label}</dt>
                <dd>{row.value}</dd>
              </div>
            ))}
            {props.score !== undefined && (
              <div data-testid="detail-row" data-key="score">
                <dt>Score</dt>
                <dd>{props.score.toFixed(3)}</dd>
              </div>
            )}
          </dl>
          <button
            type="button"
            className="primary"
            data-testid="more-like-this"
            onClick={() => props.onMoreLikeThis(photo.id)}
          >
            More like this
          </button>
          {props.children}
        </aside>
      </div>
    </div>,
    document.body,
  );
}

/** A toolbar button's face: its icon, and its word (only the icon shows on a phone; the word still names it). */
function Labelled({ icon, text }: { icon: string; text: string }) {
  return (
    <>
      <span aria-hidden="true" className={styles.icon}>
        {icon}
      </span>
      <span className={styles.word}>{text}</span>
    </>
  );
}

/** Keys typed into a field are the field's (Escape in the caption editor cancels the edit, not the viewer). */
function isTextField(target: EventTarget): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('textarea, select')) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

/** Opens the original in a new tab, typed as the picture it was sniffed to be (never as a page that could run). */
function openInTab(file: File, mime: string): void {
  const url = URL.createObjectURL(new Blob([file], { type: mime }));
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
