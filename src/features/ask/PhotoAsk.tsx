import { useEffect, useState } from 'react';
import type { PhotoAsk as PhotoAskSlice } from './photoAsk';
import { useStore } from '../../shared/store';
import styles from './ask.module.css';

/** The detail view's "Ask this photo": a question box, the answer streaming in, Stop, and the photo's saved notes. */
export function PhotoAsk({ ask, photoId, modelName }: { ask: PhotoAskSlice; photoId: string; modelName: string }) {
  const state = useStore(ask.store);
  const [question, setQuestion] = useState('');
  useEffect(() => void ask.checkDevice(), [ask]);
  const current = state.current?.photoId === photoId ? state.current : null;
  const busy = current?.status === 'loading' || current?.status === 'streaming';
  const notes = state.notes.get(photoId) ?? [];
  return (
    <section className={styles.panel} data-testid="photo-ask" aria-label="Ask this photo">
      <h3>Ask this photo</h3>
      <form
        className={styles.form}
        onSubmit={(e) => {
          e.preventDefault();
          void ask.ask(photoId, question);
        }}
      >
        <input
          type="text"
          data-testid="ask-question"
          aria-label="Your question about this photo"
          placeholder="What colour is this?"
          maxLength={500}
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
        />
        {busy ? (
          <button type="button" className="pill" data-testid="ask-stop" onClick={() => ask.stop()}>
            Stop
          </button>
        ) : (
          <button type="submit" className="pill" data-testid="ask-submit" disabled={!question.trim()}>
            Ask
          </button>
        )}
      </form>
      {state.onWasm && (
        <p className={styles.warning} data-testid="ask-slow">
          No WebGPU here: {modelName} runs on the CPU (WASM), much slower than on a GPU (its speed here is not
          measured).
        </p>
      )}
      {current && (
        <div className={styles.answer} data-testid="ask-answer" data-status={current.status} aria-live="polite">
          <p className={styles.text} data-testid="ask-answer-text">
            {current.answer || (current.status === 'loading' ? `Loading ${modelName}…` : '')}
          </p>
          {current.status === 'stopped' && <span className="muted">Stopped.</span>}
          {(current.status === 'done' || current.status === 'stopped') && current.answer && (
            <button
              type="button"
              className="pill"
              data-testid="ask-save-note"
              disabled={current.saved}
              onClick={() => void ask.saveNote()}
            >
              {current.saved ? 'Saved as a note' : 'Save as note'}
            </button>
          )}
        </div>
      )}
      {state.error && (
        <p className={styles.error} role="alert" data-testid="ask-error">
          {state.error}
        </p>
      )}
      {notes.length > 0 && (
        <>
          <h3>Notes</h3>
          <ul className={styles.notes}>
            {notes.map((note) => (
              <li key={note.modelId} data-testid="photo-note">
                <p className={styles.question}>{note.note?.question}</p>
                <p className={styles.text}>{note.note?.answer}</p>
                <button
                  type="button"
                  className="pill"
                  data-testid="photo-note-delete"
                  aria-label="Delete this note"
                  onClick={() => void ask.deleteNote(note)}
                >
                  Delete
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
