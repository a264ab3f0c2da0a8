/** Labels and captions out of the app: one row per photo, as CSV (spreadsheets) or JSON (scripts). */
import type { Caption, LabelSet, Photo } from '../../library/schema';
import { csvFormat } from '../../shared/csv';
import type { PhotoLabel } from '../../shared/labels';

export interface ExportRow {
  readonly file: string;
  readonly id: string;
  readonly labels: readonly PhotoLabel[];
  readonly caption: string;
  readonly captionSource: Caption['source'] | '';
}

/** Every photo, by path, with its labels (best first) and shown caption. */
export function exportRows(
  photos: readonly Photo[],
  photoLabels: ReadonlyMap<string, readonly PhotoLabel[]> | null,
  captions: ReadonlyMap<string, Caption>,
): ExportRow[] {
  return [...photos]
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((photo) => {
      const caption = captions.get(photo.id);
      return {
        file: photo.path,
        id: photo.id,
        labels: photoLabels?.get(photo.id) ?? [],
        caption: caption?.text ?? '',
        captionSource: caption?.source ?? '',
      };
    });
}

export const CSV_HEADER = ['file', 'labels', 'scores', 'caption', 'caption_source', 'id'] as const;

/** RFC 4180 CSV; several labels share a cell separated by "; ", with their scores in the same order. */
export function rowsToCsv(rows: readonly ExportRow[]): string {
  return csvFormat([
    CSV_HEADER,
    ...rows.map((row) => [
      row.file,
      row.labels.map((l) => l.label).join('; '),
      row.labels.map((l) => l.score.toFixed(4)).join('; '),
      row.caption,
      row.captionSource,
      row.id,
    ]),
  ]);
}

export function rowsToJson(
  rows: readonly ExportRow[],
  context: { labelSet: LabelSet | undefined; captioner: string; exportedAt: Date },
): string {
  const { labelSet, captioner, exportedAt } = context;
  const document = {
    format: 'shoebox-labels',
    version: 1,
    exportedAt: exportedAt.toISOString(),
    labelSet: labelSet && {
      name: labelSet.name,
      labels: labelSet.labels,
      templates: labelSet.templates,
      mode: labelSet.mode,
      threshold: labelSet.threshold,
      thresholds: labelSet.thresholds,
    },
    captioner,
    photos: rows.map((row) => ({
      file: row.file,
      id: row.id,
      labels: row.labels.map((l) => ({ label: l.label, score: Number(l.score.toFixed(4)) })),
      caption: row.caption || null,
      captionSource: row.captionSource || null,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
