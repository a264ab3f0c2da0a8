import { useRef, useState } from 'react';
import type { Caption } from '../../library/schema';
import styles from './CaptionPanel.module.css';

export interface CaptionPanelProps {
  caption: Caption | undefined;
  /** The model is writing this photo's caption now. */
  pending: boolean;
  error: string | null;
  captionerName: string;
  /** The captioner can write a detailed caption (Florence-2). */
  offersDetailed: boolean;
  onGenerate: (options: { detailed: boolean }) => void;
  onSave: (text: string) => void;
  onRevert: () => void;
}

/** The photo's caption in its detail view: ask the model for one, or write your own (yours is always kept). */
export function CaptionPanel(props: CaptionPanelProps) {
  const { caption, pending, error, captionerName, offersDetailed } = props;
  const [draft, setDraft] = useState<string | null>(null);
  /** Asking whether to drop typed text (Escape or Cancel with changes): the user's words are never lost silently. */
  const [asking, setAsking] = useState(false);
  const [detailed, setDetailed] = useState(false);
  const byUser = caption?.source === 'user';
  const editButton = useRef<HTMLButtonElement>(null);
  const stopEditing = () => {
    setDraft(null);
    setAsking(false);
    // The editor goes away: focus goes back to "Edit", not to the page (where keys would reach nothing).
    requestAnimationFrame(() => editButton.current?.focus());
  };
  const field = useRef<HTMLTextAreaElement>(null);
  const keepEditing = () => {
    setAsking(false);
    field.current?.focus();
  };
  const cancel = () => (draft !== null && draft !== (caption?.text ?? '') ? setAsking(true) : stopEditing());

  return (
    <section aria-label="Caption" data-testid="caption-panel">
      <h3>Caption</h3>
      {draft === null ? (
        <>
          {caption ? (
            <p className={styles.text} data-testid="caption" data-source={caption.source}>
              {caption.text}
            </p>
          ) : (
            <p className={`muted ${styles.text}`} data-testid="caption-empty">
              {pending ? 'Writing a caption…' : 'No caption yet.'}
            </p>
          )}
          <p className={styles.meta}>
            {byUser ? 'Written by you · kept over any model' : caption ? `By ${captionerName}` : ''}
          </p>
          <div className={styles.actions}>
            {byUser ? (
              <button type="button" data-testid="caption-revert" disabled={pending} onClick={props.onRevert}>
                Use the model's caption
              </button>
            ) : (
              <button
                type="button"
                data-testid="caption-generate"
                disabled={pending}
                onClick={() => props.onGenerate({ detailed })}
              >
                {pending ? 'Captioning…' : caption ? 'Regenerate' : 'Caption'}
              </button>
            )}
            <button
              ref={editButton}
              type="button"
              data-testid="caption-edit-start"
              onClick={() => setDraft(caption?.text ?? '')}
            >
              Edit
            </button>
            {offersDetailed && !byUser && (
              <label className={styles.detailed}>
                <input type="checkbox" checked={detailed} onChange={(e) => setDetailed(e.target.checked)} /> Detailed
              </label>
            )}
          </div>
        </>
      ) : (
        <form
          className={styles.form}
          onSubmit={(e) => {
            e.preventDefault();
            props.onSave(draft);
            stopEditing();
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            // Escape belongs to the editor: it cancels the edit (or the question), never closes the viewer.
            e.preventDefault();
            e.stopPropagation();
            if (asking) keepEditing();
            else cancel();
          }}
        >
          <textarea
            ref={field}
            className="input"
            data-testid="caption-edit"
            aria-label="Your caption"
            rows={3}
            value={draft}
            autoFocus
            placeholder="Describe the photo in your words. Leave empty to go back to the model's caption."
            onChange={(e) => setDraft(e.target.value)}
          />
          <div className={styles.actions}>
            <button type="submit" className="primary" data-testid="caption-save">
              Save
            </button>
            <button type="button" data-testid="caption-edit-cancel" onClick={cancel}>
              Cancel
            </button>
          </div>
          {asking && (
            <div
              className={styles.ask}
              role="alertdialog"
              aria-label="Drop your changes?"
              data-testid="caption-discard"
            >
              <p>Drop what you typed?</p>
              <button type="button" className="danger" data-testid="caption-discard-confirm" onClick={stopEditing}>
                Drop it
              </button>
              <button type="button" data-testid="caption-discard-keep" autoFocus onClick={keepEditing}>
                Keep editing
              </button>
            </div>
          )}
        </form>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
