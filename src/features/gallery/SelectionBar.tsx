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
  /**
   * When given, the user writes a name (`suggestions` offered) and presses one of `submits`: `run` gets the name as
   * `choice` and the submit's id as `variant` (teach a label: as examples, or as counter-examples).
   */
  readonly text?: {
    readonly prompt: string;
    readonly placeholder: string;
    readonly suggestions: readonly string[];
    readonly submits: readonly { readonly id: string; readonly label: string }[];
  };
  run(ids: readonly string[], choice?: string, variant?: string): Promise<string | void> | string | void;
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
  const run = async (action: SelectionAction, choice?: string, variant?: string) => {
    setBusy(action.id);
    setMessage(null);
    try {
      const said = await action.run(ids, choice, variant);
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
          action.text ? (
            <TextAction
              key={action.id}
              action={action}
              busy={busy}
              onRun={(value, variant) => void run(action, value, variant)}
            />
          ) : action.choices ? (
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

/** A name to write and a button per way to use it (the teach action: examples or counter-examples). */
function TextAction({
  action,
  busy,
  onRun,
}: {
  action: SelectionAction;
  busy: string | null;
  onRun: (value: string, variant: string) => void;
}) {
  const [value, setValue] = useState('');
  const text = action.text!;
  const listId = `selection-${action.id}-suggestions`;
  return (
    <form
      className={styles.text}
      aria-label={text.prompt}
      data-testid={`selection-action-${action.id}`}
      onSubmit={(e) => {
        e.preventDefault();
        onRun(value, text.submits[0]!.id);
      }}
    >
      <input
        className="input"
        data-testid={`selection-action-${action.id}-name`}
        aria-label={text.prompt}
        placeholder={text.placeholder}
        list={listId}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <datalist id={listId}>
        {text.suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      {text.submits.map((submit) => (
        <button
          key={submit.id}
          type="button"
          data-testid={`selection-action-${action.id}-${submit.id}`}
          disabled={busy !== null || value.trim() === ''}
          onClick={() => onRun(value, submit.id)}
        >
          {busy === action.id ? `${submit.label}…` : submit.label}
        </button>
      ))}
    </form>
  );
}
