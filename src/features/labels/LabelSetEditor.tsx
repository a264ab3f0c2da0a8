import { useState } from 'react';
import type { LabelSetDraft } from './labels';
import { parseLabels } from './labels';
import type { LabelSet } from '../../library/schema';
import styles from './LabelSetEditor.module.css';

export interface LabelSetEditorProps {
  /** The set being edited; undefined for a new one. */
  set: LabelSet | undefined;
  defaultTemplates: readonly string[];
  defaultConfidence: number;
  defaultThreshold: number;
  busy: boolean;
  onApply: (draft: LabelSetDraft) => void;
}

/** Write a label set: the labels, the prompt templates averaged for each, and how a photo gets its labels. */
export function LabelSetEditor({ set, defaultTemplates, ...props }: LabelSetEditorProps) {
  const [name, setName] = useState(set?.name ?? '');
  const [labels, setLabels] = useState(set?.labels.join(', ') ?? '');
  const [templates, setTemplates] = useState((set?.templates ?? defaultTemplates).join('\n'));
  const [mode, setMode] = useState<LabelSet['mode']>(set?.mode ?? 'single');
  const [confidence, setConfidence] = useState(
    set?.mode === 'single' ? (set.threshold ?? props.defaultConfidence) : props.defaultConfidence,
  );
  const [threshold, setThreshold] = useState(
    set?.mode === 'multi' ? (set.threshold ?? props.defaultThreshold) : props.defaultThreshold,
  );
  const [perLabel, setPerLabel] = useState<Record<string, number>>(set?.thresholds ?? {});
  const parsed = parseLabels(labels);
  const cutoff = mode === 'single' ? confidence : threshold;

  return (
    <form
      className={styles.editor}
      data-testid="label-editor"
      onSubmit={(e) => {
        e.preventDefault();
        if (props.busy) return;
        props.onApply({ id: set?.id, name, labels, templates, mode, threshold: cutoff, thresholds: perLabel });
      }}
    >
      <label className="field">
        <span>Labels</span>
        <input
          className="input"
          data-testid="label-set-input"
          value={labels}
          placeholder="cat, dog, receipt, screenshot, mountain, beach"
          onChange={(e) => setLabels(e.target.value)}
        />
        <small className="muted small">Separate labels with commas.</small>
      </label>
      <label className="field">
        <span>Name</span>
        <input
          className="input"
          data-testid="label-set-name"
          value={name}
          placeholder={parsed.slice(0, 3).join(', ') || 'My labels'}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label className="field">
        <span>Prompt templates</span>
        <textarea
          className={`input ${styles.templates}`}
          data-testid="label-templates"
          rows={Math.min(6, Math.max(2, templates.split('\n').length))}
          value={templates}
          onChange={(e) => setTemplates(e.target.value)}
        />
        <small className="muted small">
          One a line; <code>{'{}'}</code> is replaced by the label. Each label is the average of its prompts.
        </small>
      </label>
      <fieldset className={`field ${styles.mode}`}>
        <legend>Each photo gets</legend>
        <label>
          <input
            type="radio"
            name="label-mode"
            data-testid="label-mode-single"
            checked={mode === 'single'}
            onChange={() => setMode('single')}
          />{' '}
          one label (the most likely)
        </label>
        <label>
          <input
            type="radio"
            name="label-mode"
            data-testid="label-mode-multi"
            checked={mode === 'multi'}
            onChange={() => setMode('multi')}
          />{' '}
          every label that fits
        </label>
      </fieldset>
      <label className="field">
        <span>
          {mode === 'single' ? 'Confidence needed' : 'Similarity needed'}{' '}
          <output data-testid="label-confidence-value">{cutoff.toFixed(2)}</output>
        </span>
        <input
          type="range"
          data-testid="label-confidence"
          min={0}
          max={1}
          step={0.01}
          value={cutoff}
          onChange={(e) => (mode === 'single' ? setConfidence : setThreshold)(Number(e.target.value))}
        />
        <small className="muted small">
          {mode === 'single'
            ? 'Below this probability a photo is "none of these".'
            : 'A label is given when the photo is at least this similar to it (cosine).'}
        </small>
      </label>
      {mode === 'multi' && parsed.length > 0 && (
        <details className={styles.perLabel}>
          <summary>Per-label similarity</summary>
          {parsed.map((label) => (
            <label key={label} className={styles.perLabelRow}>
              <span>{label}</span>
              <input
                className="input"
                type="number"
                step={0.01}
                min={-1}
                max={1}
                data-testid="label-threshold"
                data-label={label}
                placeholder={threshold.toFixed(2)}
                value={perLabel[label] ?? ''}
                onChange={(e) => {
                  const { [label]: _, ...rest } = perLabel;
                  setPerLabel(e.target.value === '' ? rest : { ...rest, [label]: Number(e.target.value) });
                }}
              />
            </label>
          ))}
        </details>
      )}
      <button
        type="submit"
        className={`primary ${styles.apply}`}
        data-testid="label-apply"
        // aria-disabled while labelling: a disabled button would drop the keyboard focus to the page.
        aria-disabled={props.busy}
        disabled={parsed.length === 0}
      >
        {props.busy ? 'Labelling…' : set ? 'Save and relabel' : 'Label my photos'}
      </button>
    </form>
  );
}
