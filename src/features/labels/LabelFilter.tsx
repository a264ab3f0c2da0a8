import type { LabelCount } from './labels';
import { NO_LABEL } from '../../shared/labels';
import styles from './LabelFilter.module.css';

export interface LabelFilterProps {
  setName: string;
  counts: readonly LabelCount[];
  value: string | null;
  onChange: (label: string | null) => void;
}

/** Above the gallery while a label set is active: show every photo, or only those with one label. */
export function LabelFilter({ setName, counts, value, onChange }: LabelFilterProps) {
  const ALL = '\u0000all';
  return (
    <div className={styles.bar}>
      <label>
        <span className="muted">Labels: {setName}</span>
        <select
          className="input"
          data-testid="label-filter"
          value={value ?? ALL}
          onChange={(e) => onChange(e.target.value === ALL ? null : e.target.value)}
        >
          <option value={ALL}>All photos</option>
          {counts.map(({ label, count }) => (
            <option key={label} value={label}>
              {label === NO_LABEL ? 'none of these' : label} ({count})
            </option>
          ))}
        </select>
      </label>
      {value !== null && (
        <button type="button" className="pill" data-testid="label-filter-clear" onClick={() => onChange(null)}>
          Show all
        </button>
      )}
    </div>
  );
}
