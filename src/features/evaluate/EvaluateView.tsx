import { useEffect } from 'react';
import { findModel } from '../../engine/models';
import { downloadBlob } from '../../shared/download';
import { useStore } from '../../shared/store';
import type { Evaluation } from './evaluate';
import { reportCsv } from './evaluateReport';
import { CaptionReport } from './CaptionReport';
import { ClassificationReport } from './ClassificationReport';
import { EmbeddingMap } from './EmbeddingMap';
import { drawHeatmaps } from './heatmap';
import { CaptionSetup, ClassificationSetup, usable } from './Setup';
import styles from './evaluate.module.css';

/** "How well will a model work on my photos?": zero-shot classification and caption metrics on the user's own set. */
export function EvaluateView({
  evaluation,
  modelSource,
  indexing,
}: {
  evaluation: Evaluation;
  modelSource: 'hub' | 'demo';
  indexing: boolean;
}) {
  const state = useStore(evaluation.store);
  const blocked = indexing ? 'An import is using the model; evaluate when it is done.' : null;

  useEffect(() => {
    // Only models that can load here stay selected (a hub model in demo mode cannot).
    const loadable = state.embedderIds.filter((id) => {
      const spec = findModel(id);
      return spec !== undefined && usable(spec, modelSource);
    });
    if (loadable.length !== state.embedderIds.length) evaluation.setEmbedderIds(loadable);
  }, [modelSource, state.embedderIds, evaluation]);

  const hasReport = state.classification.length > 0 || state.captions !== null;
  const exportCsv = () =>
    downloadBlob(
      new Blob([reportCsv(state.classification, state.captions)], { type: 'text/csv' }),
      `shoebox-evaluation-${state.dataset?.name ?? 'report'}.csv`,
    );
  const exportPng = () =>
    drawHeatmaps(state.classification).toBlob((blob) => {
      if (blob) downloadBlob(blob, `shoebox-confusion-${state.dataset?.name ?? 'report'}.png`);
    }, 'image/png');

  return (
    <div className={styles.view} data-testid="evaluate-view">
      <p className={styles.intro}>
        How well will a model work on <em>your</em> photos? Pick a folder whose subfolders are the classes, like{' '}
        <code>pets/cat/…</code> and <code>pets/dog/…</code>: each model labels every photo from the class names alone, a
        linear probe learns the classes from part of the photos and is scored on the rest, and the report shows how
        often each is right, and a map shows how the model groups your photos. Or evaluate the library itself, its
        folders as the classes. Everything runs on this device.
      </p>
      <div className={styles.setup}>
        <ClassificationSetup evaluation={evaluation} state={state} modelSource={modelSource} blocked={blocked} />
        <CaptionSetup evaluation={evaluation} state={state} modelSource={modelSource} blocked={blocked} />
      </div>
      {state.progress && (
        <div
          className={styles.progress}
          data-testid="eval-progress"
          data-done={state.progress.done}
          data-total={state.progress.total}
        >
          <span>
            {state.progress.modelName}: {state.progress.step}
            {state.progress.total > 0 && ` (${state.progress.done} / ${state.progress.total})`}
          </span>
          <progress max={Math.max(1, state.progress.total)} value={state.progress.done} />
          <button type="button" data-testid="eval-cancel" onClick={evaluation.cancel}>
            Cancel
          </button>
        </div>
      )}
      {state.message && (
        <p className={styles.message} data-testid="eval-message" role="status">
          {state.message}
        </p>
      )}
      {hasReport && (
        <div className={styles.report} data-testid="eval-report">
          <div className={styles.reportBar}>
            <h2>Report</h2>
            <button type="button" data-testid="eval-export-csv" onClick={exportCsv}>
              Export CSV
            </button>
            <button
              type="button"
              data-testid="eval-export-png"
              disabled={state.classification.length === 0}
              onClick={exportPng}
            >
              Export chart (PNG)
            </button>
          </div>
          {state.classification.length > 0 && <ClassificationReport results={state.classification} />}
          {state.classification.some((r) => r.map) && (
            <EmbeddingMap
              results={state.classification}
              datasetName={state.dataset?.name ?? ''}
              imageOf={evaluation.photoImage}
            />
          )}
          {state.captions && <CaptionReport result={state.captions} />}
        </div>
      )}
    </div>
  );
}
