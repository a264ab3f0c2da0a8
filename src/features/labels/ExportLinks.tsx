import type { MouseEvent } from 'react';
import type { ExportRow } from './export';
import styles from './ExportLinks.module.css';

export interface ExportLinksProps {
  /** Builds the rows at click time, so the file holds what the library has now. */
  rows: () => ExportRow[];
  toCsv: (rows: ExportRow[]) => string;
  toJson: (rows: ExportRow[]) => string;
  disabled: boolean;
}

/** Download links for labels and captions; the file is made when clicked and its URL freed soon after. */
export function ExportLinks({ rows, toCsv, toJson, disabled }: ExportLinksProps) {
  const download = (format: (rows: ExportRow[]) => string, type: string) => (e: MouseEvent<HTMLAnchorElement>) => {
    if (disabled) {
      e.preventDefault();
      return;
    }
    const url = URL.createObjectURL(new Blob([format(rows())], { type }));
    e.currentTarget.href = url;
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  };
  return (
    <div className={styles.links}>
      <a
        className="button"
        href="#export-csv"
        download="shoebox-labels.csv"
        data-testid="export-csv"
        aria-disabled={disabled}
        onClick={download(toCsv, 'text/csv')}
      >
        Download CSV
      </a>
      <a
        className="button"
        href="#export-json"
        download="shoebox-labels.json"
        data-testid="export-json"
        aria-disabled={disabled}
        onClick={download(toJson, 'application/json')}
      >
        Download JSON
      </a>
    </div>
  );
}
