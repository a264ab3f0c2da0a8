import { useEffect, useRef, useState } from 'react';
import {
  DEFAULT_MULTI_THRESHOLD,
  DEFAULT_SINGLE_CONFIDENCE,
  type LabelRun,
  type LabelSetDraft,
  type Labels,
} from './labels';
import type { Caption, Photo } from '../../library/schema';
import { describeError } from '../../shared/errors';
import { useStore } from '../../shared/store';
import { findModel, isEmbedder } from '../../engine/models';
import { DEFAULT_PROMPT_TEMPLATES } from '../../search/zeroShot';
import { ExportLinks } from './ExportLinks';
import { exportRows, rowsToCsv, rowsToJson } from './export';
import { LabelCounts } from './LabelCounts';
import { LabelSetEditor } from './LabelSetEditor';
import { TaughtLabels } from './TaughtLabels';
import { TUNABLES } from '../tunables';
import styles from './LabelsView.module.css';

const NEW_SET = '';

export interface LabelsViewProps {
  labels: Labels;
  photos: readonly Photo[];
  embedderId: string;
  captionerId: string;
  /** The shown caption of each photo, for the export. */
  captions: () => ReadonlyMap<string, Caption>;
  /** Shows the gallery filtered by a label. */
  onShowLabel: (label: string) => void;
  /** Thumbnails of the photos a taught label is least sure of. */
  loadThumbnail: (id: string) => Promise<Blob | undefined>;
}

/** The Labels tab: write and switch label sets, see photos per label, export labels and captions. */
export function LabelsView({
  labels: slice,
  photos,
  embedderId,
  captionerId,
  captions,
  onShowLabel,
  loadThumbnail,
}: LabelsViewProps) {
  const labels = useStore(slice.store);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<Deleted | null>(null);
  const editorRef = useRef<HTMLDivElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!deleted) return;
    undoRef.current?.focus(); // the Delete button is gone with the set: focus moves to what can bring it back
    const t = setTimeout(() => setDeleted(null), TUNABLES.undoMs);
    return () => clearTimeout(t);
  }, [deleted]);
  const active = labels.sets.find((s) => s.id === labels.activeId);
  const editing = creating ? undefined : active;
  const embedder = findModel(embedderId);
  const templates = embedder && isEmbedder(embedder) ? embedder.promptTemplates : DEFAULT_PROMPT_TEMPLATES;

  const apply = async (draft: LabelSetDraft) => {
    try {
      await slice.save(draft);
      setCreating(false);
      setError(null);
      // Applying a new set remounts the editor: focus goes back to its button instead of dropping to the page.
      requestAnimationFrame(() =>
        editorRef.current?.querySelector<HTMLElement>('[data-testid="label-apply"]')?.focus(),
      );
    } catch (e) {
      setError(describeError(e));
    }
  };
  const rows = () => exportRows(photos, labels.photoLabels, captions(), active);

  return (
    <div className="feature-page" data-testid="labels-view">
      <section className="card">
        <div className={styles.cardHead}>
          <h2>Labels</h2>
          <select
            className="input"
            data-testid="label-set-select"
            aria-label="Label set"
            value={creating ? NEW_SET : (labels.activeId ?? NEW_SET)}
            onChange={(e) => {
              setCreating(e.target.value === NEW_SET);
              if (e.target.value !== NEW_SET) void slice.activate(e.target.value);
            }}
          >
            {labels.sets.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
            <option value={NEW_SET}>New label set…</option>
          </select>
          {editing && (
            <button
              type="button"
              data-testid="label-set-delete"
              onClick={() => void slice.remove(editing.id).then((removed) => removed && setDeleted(removed))}
            >
              Delete set
            </button>
          )}
          {active && (
            <button type="button" data-testid="label-set-off" onClick={() => void slice.activate(null)}>
              Turn labels off
            </button>
          )}
        </div>
        {deleted && (
          <p className="notice" role="status" data-testid="label-set-deleted">
            Deleted “{deleted.set.name}”.{' '}
            <button
              type="button"
              data-testid="label-set-undo"
              ref={undoRef}
              onClick={() => {
                setDeleted(null);
                void slice.restore(deleted);
              }}
            >
              Undo
            </button>
          </p>
        )}
        <p className="muted">
          Write the labels you want, and every photo is sorted into them from what was learnt when it was indexed: no
          photo is looked at again, so relabeling a whole library takes a moment.
        </p>
        <div ref={editorRef}>
          <LabelSetEditor
            key={editing?.id ?? 'new'}
            set={editing}
            defaultTemplates={templates}
            defaultConfidence={DEFAULT_SINGLE_CONFIDENCE}
            defaultThreshold={DEFAULT_MULTI_THRESHOLD}
            busy={labels.busy}
            onApply={(draft) => void apply(draft)}
          />
        </div>
        {(error ?? labels.error) && (
          <p className="form-error" role="alert">
            {error ?? labels.error}
          </p>
        )}
      </section>

      <section className="card">
        <h3>Photos per label{active ? ` · ${active.name}` : ''}</h3>
        {active ? (
          <>
            <LabelCounts
              counts={labels.counts}
              onPick={(label) => {
                slice.setFilter(label);
                onShowLabel(label);
              }}
            />
            <p className="muted small" data-testid="label-status" data-busy={labels.busy} role="status">
              {runText(labels.lastRun)}
            </p>
          </>
        ) : (
          <p className="muted">No label set is active. Write one above.</p>
        )}
      </section>

      <section className="card" data-testid="taught-labels">
        <h3>Taught by example</h3>
        <p className="muted">
          Select photos in the gallery and teach them as a label (a new name or one of this set): Shoebox learns it from
          their stored vectors and labels the whole library. Mark the photos it is least sure of to teach it more.
        </p>
        {labels.taught.length > 0 ? (
          <TaughtLabels
            reports={labels.taught}
            photos={photos}
            loadThumbnail={loadThumbnail}
            onMark={(id, label, asExample) => slice.teach([id], label, asExample)}
            onForget={(label) => slice.unteach(label)}
          />
        ) : (
          <p className="muted small">No label of {active ? active.name : 'a set'} is taught yet.</p>
        )}
      </section>

      <section className="card">
        <h3>Export labels and captions</h3>
        <p className="muted">One row per photo: file, labels with their scores, and caption.</p>
        <ExportLinks
          rows={rows}
          toCsv={rowsToCsv}
          toJson={(r) => rowsToJson(r, { labelSet: active, captioner: captionerId, exportedAt: new Date() })}
          disabled={photos.length === 0}
        />
      </section>
    </div>
  );
}

type Deleted = NonNullable<Awaited<ReturnType<Labels['remove']>>>;

function runText(run: LabelRun | null): string {
  if (!run) return 'Labelling…';
  const prompts = run.promptsEmbedded === 1 ? '1 prompt' : `${run.promptsEmbedded} prompts`;
  return (
    `Labelled ${run.photos} photos in ${run.ms < 1 ? '<1' : Math.round(run.ms)} ms from their stored vectors` +
    ` · ${prompts} embedded · no photo re-indexed`
  );
}
