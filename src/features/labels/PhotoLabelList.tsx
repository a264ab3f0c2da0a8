import type { PhotoLabel } from '../../shared/labels';
import styles from './PhotoLabelList.module.css';

/** The opened photo's labels with their scores, in its detail view. */
export function PhotoLabelList({ labels }: { labels: readonly PhotoLabel[] | undefined }) {
  if (!labels) return null;
  return (
    <section aria-label="Labels" data-testid="photo-labels">
      <h3>Labels</h3>
      {labels.length === 0 ? (
        <p className="muted small">None of these.</p>
      ) : (
        <ul className={styles.list}>
          {labels.map((l) => (
            <li key={l.label} data-testid="photo-label" data-label={l.label} data-score={l.score.toFixed(3)}>
              <span className="chip">{l.label}</span>{' '}
              <span className="muted small">{l.byUser ? 'applied by you' : l.score.toFixed(2)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
