import { useState } from 'react';
import type { Caption } from '../../library/schema';

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
  const [detailed, setDetailed] = useState(false);
  const byUser = caption?.source === 'user';

  return (
    <section className="caption-panel" aria-label="Caption" data-testid="caption-panel">
      <h3>Caption</h3>
      {draft === null ? (
        <>
          {caption ? (
            <p className="caption-text" data-testid="caption" data-source={caption.source}>
              {caption.text}
            </p>
          ) : (
            <p className="caption-text muted" data-testid="caption-empty">
              {pending ? 'Writing a caption…' : 'No caption yet.'}
            </p>
          )}
          <p className="caption-meta">
            {byUser ? 'Written by you · kept over any model' : caption ? `By ${captionerName}` : ''}
          </p>
          <div className="caption-actions">
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
            <button type="button" data-testid="caption-edit-start" onClick={() => setDraft(caption?.text ?? '')}>
              Edit
            </button>
            {offersDetailed && !byUser && (
              <label className="caption-detailed">
                <input type="checkbox" checked={detailed} onChange={(e) => setDetailed(e.target.checked)} /> Detailed
              </label>
            )}
          </div>
        </>
      ) : (
        <form
          className="caption-form"
          onSubmit={(e) => {
            e.preventDefault();
            props.onSave(draft);
            setDraft(null);
          }}
        >
          <textarea
            data-testid="caption-edit"
            aria-label="Your caption"
            rows={3}
            value={draft}
            autoFocus
            placeholder="Describe the photo in your words. Leave empty to go back to the model's caption."
            onChange={(e) => setDraft(e.target.value)}
          />
          <div className="caption-actions">
            <button type="submit" className="primary" data-testid="caption-save">
              Save
            </button>
            <button type="button" data-testid="caption-edit-cancel" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="caption-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
