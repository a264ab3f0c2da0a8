import type { LabelCount } from './labels';
import { NO_LABEL } from '../../shared/labels';
import styles from './LabelCounts.module.css';

/** Photos per label as buttons: picking one shows just those photos in the gallery. */
export function LabelCounts({ counts, onPick }: { counts: readonly LabelCount[]; onPick: (label: string) => void }) {
  return (
    <ul className={styles.counts}>
      {counts.map(({ label, count }) => (
        <li key={label}>
          <button
            type="button"
            className={label === NO_LABEL ? `${styles.chip} ${styles.none}` : styles.chip}
            data-testid="label-count"
            data-label={label}
            data-count={count}
            disabled={count === 0}
            onClick={() => onPick(label)}
          >
            <span>{label === NO_LABEL ? 'none of these' : label}</span>
            <span className={styles.count}>{count}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
