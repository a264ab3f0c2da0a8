import type { Problem } from '../../library/schema';
import styles from './ImportReport.module.css';

export interface ImportReportProps {
  problems: readonly Problem[];
  onClear: () => void;
}

/** Every file that could not be imported, by name, with the reason. Names are text, never markup. */
export function ImportReport({ problems, onClear }: ImportReportProps) {
  if (problems.length === 0) return null;
  return (
    <details className={styles.report} data-testid="import-report">
      <summary>
        {problems.length} {problems.length === 1 ? 'file was' : 'files were'} not imported
      </summary>
      <ul>
        {problems.map((p) => (
          <li
            key={`${p.rootId ?? ''}/${p.path}`}
            data-testid="import-problem"
            data-name={p.path}
            data-reason={p.reason}
          >
            <span className={styles.name}>{p.path}</span> — <span className="muted">{p.reason}</span>
          </li>
        ))}
      </ul>
      <button type="button" onClick={onClear}>
        Clear report
      </button>
    </details>
  );
}
