import type { PhotoAsk } from './photoAsk';
import { notesToCsv } from './notesCsv';
import { downloadBlob } from '../../shared/download';
import { useStore } from '../../shared/store';
import styles from './ask.module.css';

/** "Export notes (CSV)" beside the gallery's other activities, once any photo has a note. */
export function NotesExport({ ask, photos }: { ask: PhotoAsk; photos: readonly { id: string; path: string }[] }) {
  const { notes } = useStore(ask.store);
  if (notes.size === 0) return null;
  return (
    <div className={styles.activity}>
      <button
        type="button"
        className="pill"
        data-testid="notes-export-csv"
        onClick={() => downloadBlob(new Blob([notesToCsv(photos, notes)], { type: 'text/csv' }), 'shoebox-notes.csv')}
      >
        Export notes (CSV)
      </button>
    </div>
  );
}
