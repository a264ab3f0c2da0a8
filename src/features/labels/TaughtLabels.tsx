import { useState } from 'react';
import type { Photo } from '../../library/schema';
import { describeError } from '../../shared/errors';
import { useThumbnailUrl } from '../../shared/useThumbnailUrl';
import type { TaughtReport } from './taught';
import styles from './TaughtLabels.module.css';

export interface TaughtLabelsProps {
  reports: readonly TaughtReport[];
  photos: readonly Photo[];
  loadThumbnail: (id: string) => Promise<Blob | undefined>;
  /** Marks one photo as an example (or counter-example) of a label; the library is labelled again. */
  onMark: (id: string, label: string, asExample: boolean) => Promise<unknown>;
  onForget: (label: string) => Promise<unknown>;
}

/**
 * The labels taught by example: what each learnt from, its cross-validated accuracy, and the photos it is least
 * sure of, each with a way to say "yes, this" or "no, not this" where another example helps most.
 */
export function TaughtLabels({ reports, photos, loadThumbnail, onMark, onForget }: TaughtLabelsProps) {
  const [error, setError] = useState<string | null>(null);
  const byId = new Map(photos.map((p) => [p.id, p]));
  const act = (work: Promise<unknown>) =>
    void work.then(
      () => setError(null),
      (e: unknown) => setError(describeError(e)),
    );
  return (
    <>
      {reports.map((report) => (
        <div key={report.label} className={styles.label} data-testid="taught-label" data-label={report.label}>
          <div className={styles.head}>
            <h4>{report.label}</h4>
            <button type="button" data-testid="taught-forget" onClick={() => act(onForget(report.label))}>
              Forget examples
            </button>
          </div>
          <p className="muted small">
            Learnt from {plural(report.examples, 'example')}
            {report.counterExamples > 0 ? `, ${plural(report.counterExamples, 'counter-example')}` : ''} and{' '}
            {plural(report.sampled, 'other photo')} sampled as negatives
            {report.prompts ? ', with its prompts' : ''} · {plural(report.labelled, 'photo')} labelled.
          </p>
          <Accuracy report={report} />
          {report.leastSure.length > 0 && (
            <>
              <p className="muted small">Least sure of (another example here helps most):</p>
              <ul className={styles.unsure} data-testid="taught-least-sure">
                {report.leastSure.map(({ id, probability }) => (
                  <li
                    key={id}
                    className={styles.item}
                    data-testid="taught-least-sure-item"
                    data-id={id}
                    data-name={byId.get(id)?.path ?? ''}
                    data-probability={probability.toFixed(4)}
                  >
                    <Thumb id={id} load={loadThumbnail} />
                    <span className={styles.name} title={byId.get(id)?.path}>
                      {byId.get(id)?.name ?? id.slice(0, 8)}
                    </span>
                    <span className={styles.probability}>{Math.round(probability * 100)}%</span>
                    <span className={styles.marks}>
                      <button
                        type="button"
                        data-testid="taught-mark-example"
                        aria-label={`${byId.get(id)?.name ?? id} is ${report.label}`}
                        onClick={() => act(onMark(id, report.label, true))}
                      >
                        ✓ Yes
                      </button>
                      <button
                        type="button"
                        data-testid="taught-mark-counter"
                        aria-label={`${byId.get(id)?.name ?? id} is not ${report.label}`}
                        onClick={() => act(onMark(id, report.label, false))}
                      >
                        ✗ No
                      </button>
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ))}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

function Accuracy({ report }: { report: TaughtReport }) {
  const cv = report.crossValidation;
  if (!cv)
    return (
      <p className="muted small" data-testid="taught-accuracy" data-accuracy="">
        Mark at least 2 examples to see its cross-validated accuracy.
      </p>
    );
  return (
    <p
      className={styles.accuracy}
      data-testid="taught-accuracy"
      data-accuracy={cv.accuracy.toFixed(4)}
      data-folds={cv.folds}
      data-rows={cv.rows}
    >
      <strong>{(cv.accuracy * 100).toFixed(1)}%</strong> cross-validated accuracy ({cv.folds}-fold, stratified, over the{' '}
      {cv.rows} photos it learnt from: {cv.correct} right) · {cv.examplesCorrect} of {cv.examples} held-out examples
      found. Sampled photos that are really {report.label} count as mistakes here.
    </p>
  );
}

function Thumb({ id, load }: { id: string; load: (id: string) => Promise<Blob | undefined> }) {
  const url = useThumbnailUrl(id, load);
  return url ? <img className={styles.thumb} src={url} alt="" /> : <span className={styles.thumb} />;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
