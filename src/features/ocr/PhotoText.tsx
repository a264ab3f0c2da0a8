import { useState } from 'react';
import type { PhotoTexts } from './photoTexts';
import { useStore } from '../../shared/store';
import styles from './ocr.module.css';

/** The detail view's "Text in photo" and "Describe in detail", wired to the text slice (rendered as a child). */
export function PhotoText({ texts, photoId, readerName }: { texts: PhotoTexts; photoId: string; readerName: string }) {
  const state = useStore(texts.store);
  const shown = state.byId.get(photoId);
  const [draft, setDraft] = useState<string | null>(null);
  const pending = state.pending.has(photoId);
  const describing = state.describing.has(photoId);
  const detailed = state.detailed.get(photoId);
  return (
    <section className={styles.panel} data-testid="photo-text" data-source={shown?.source ?? ''}>
      <h3>Text in photo</h3>
      {draft === null ? (
        <>
          <p className={styles.text} data-testid="photo-text-value">
            {shown ? shown.text || 'No text found.' : 'Not read yet.'}
          </p>
          <div className={styles.actions}>
            <button
              type="button"
              className="pill"
              data-testid="photo-text-read"
              disabled={pending}
              onClick={() => void texts.readOne(photoId)}
            >
              {pending ? 'Reading…' : `Read text (${readerName})`}
            </button>
            <button
              type="button"
              className="pill"
              data-testid="photo-text-edit"
              onClick={() => setDraft(shown?.text ?? '')}
            >
              Edit
            </button>
          </div>
        </>
      ) : (
        <>
          <textarea
            className={styles.editor}
            data-testid="photo-text-input"
            aria-label="Text in photo"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <div className={styles.actions}>
            <button
              type="button"
              className="pill"
              data-testid="photo-text-save"
              onClick={() => {
                void texts.edit(photoId, draft);
                setDraft(null);
              }}
            >
              Save
            </button>
            <button type="button" className="pill" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </>
      )}
      <h3>Detailed caption</h3>
      {detailed && (
        <p className={styles.text} data-testid="detailed-caption">
          {detailed}
        </p>
      )}
      <div className={styles.actions}>
        <button
          type="button"
          className="pill"
          data-testid="detailed-caption-make"
          disabled={describing}
          onClick={() => void texts.describe(photoId)}
        >
          {describing ? 'Describing…' : 'Describe in detail (from the original)'}
        </button>
      </div>
    </section>
  );
}
