import type { PhotoTexts } from './photoTexts';
import { textsToCsv } from './textsCsv';
import { downloadBlob } from '../../shared/download';
import { useStore } from '../../shared/store';
import styles from './ocr.module.css';

/**
 * "Read text in all photos" above the gallery (when a model that reads text is available), and while the run goes,
 * its progress with pause, resume and cancel.
 */
export function TextActivity({
  texts,
  available,
  photos,
}: {
  texts: PhotoTexts;
  available: boolean;
  photos: readonly { readonly id: string; readonly path: string }[];
}) {
  const { background, error, byId } = useStore(texts.store);
  if (!available) return null;
  if (!background.running) {
    return (
      <div className={styles.activity}>
        <button type="button" className="pill" data-testid="ocr-read-all" onClick={() => texts.readAll()}>
          Read text in all photos
        </button>
        {byId.size > 0 && (
          <button
            type="button"
            className="pill"
            data-testid="ocr-export-csv"
            onClick={() =>
              downloadBlob(new Blob([textsToCsv(photos, byId)], { type: 'text/csv' }), 'shoebox-photo-text.csv')
            }
          >
            Export text (CSV)
          </button>
        )}
        {error && (
          <span className={styles.error} data-testid="ocr-message" role="alert">
            {error}
          </span>
        )}
      </div>
    );
  }
  return (
    <div
      className={styles.activity}
      data-testid="ocr-activity"
      data-done={background.done}
      data-total={background.total}
      data-paused={background.paused}
      role="status"
    >
      <progress value={background.done} max={Math.max(1, background.total)} />
      <span>
        {background.paused ? 'Reading text paused' : 'Reading text'} · {background.done} of {background.total}
        {background.failed > 0 && ` · ${background.failed} unreadable`}
      </span>
      {background.paused ? (
        <button type="button" className="pill" data-testid="ocr-resume" onClick={texts.resume}>
          Resume
        </button>
      ) : (
        <button type="button" className="pill" data-testid="ocr-pause" onClick={texts.pause}>
          Pause
        </button>
      )}
      <button type="button" className="pill" data-testid="ocr-cancel" onClick={texts.cancel}>
        Cancel
      </button>
    </div>
  );
}
