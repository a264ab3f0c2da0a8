import { useState } from 'react';
import { describeError } from '../../shared/errors';
import styles from './SelectionBar.module.css';

/**
 * Something the app offers to do with the selected photos; features plug theirs in through the app. `run` returns
 * what to tell the user (or nothing).
 */
export interface SelectionAction {
  readonly id: string;
  readonly label: string;
  /** When given, the user picks one of these first (which label to apply); `prompt` is the picker's name. */
  readonly choices?: { readonly prompt: string; readonly values: readonly string[] };
  run(ids: readonly string[], choice?: string): Promise<string | void> | string | void;
}

export interface SelectionBarProps {
  ids: readonly string[];
  actions: readonly SelectionAction[];
  onClear: () => void;
}

/** The bar shown while photos are selected: how many, the actions, and a way out (Escape does the same). */
export function SelectionBar({ ids, actions, onClear }: SelectionBarProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const run = async (action: SelectionAction, choice?: string) => {
    setBusy(action.id);
    setMessage(null);
    try {
      const said = await action.run(ids, choice);
      if (said) setMessage({ text: said, error: false });
    } catch (error) {
      setMessage({ text: `${action.label}: ${describeError(error)}`, error: true });
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className={styles.bar} role="toolbar" aria-label="Selected photos" data-testid="selection-bar">
      <button type="button" className={styles.clear} data-testid="selection-clear" onClick={onClear}>
        <span aria-hidden="true">✕</span>
        <span className="visually-hidden">Clear the selection</span>
      </button>
      <span className={styles.count} data-testid="selection-count" data-count={ids.length} aria-live="polite">
        {ids.length} selected
      </span>
      <span className={styles.actions}>
        {actions.map((action) =>
          action.choices ? (
            <select
              key={action.id}
              data-testid={`selection-action-${action.id}`}
              aria-label={action.choices.prompt}
              value=""
              disabled={busy !== null}
              onChange={(e) => void run(action, e.target.value)}
            >
              <option value="" disabled>
                {action.label}…
              </option>
              {action.choices.values.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          ) : (
            <button
              key={action.id}
              type="button"
              data-testid={`selection-action-${action.id}`}
              disabled={busy !== null}
              onClick={() => void run(action)}
            >
              {busy === action.id ? `${action.label}…` : action.label}
            </button>
          ),
        )}
      </span>
      {message && (
        <span className={styles.message} data-testid="selection-message" data-error={message.error} role="status">
          {message.text}
        </span>
      )}
    </div>
  );
}
