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
  /** Where the set has labels taught by example: the labels this photo is an example / a counter-example of. */
  readonly exampleOf?: readonly string[];
  readonly counterExampleOf?: readonly string[];
}

/** Every photo, by path, with its labels (best first) and shown caption. */
export function exportRows(
  photos: readonly Photo[],
  photoLabels: ReadonlyMap<string, readonly PhotoLabel[]> | null,
  captions: ReadonlyMap<string, Caption>,
  set?: LabelSet,
): ExportRow[] {
  const taught = Object.entries(set?.examples ?? {});
  const marked = (id: string, side: 'examples' | 'counterExamples') =>
    taught.flatMap(([label, t]) => (t[side].includes(id) ? [label] : []));
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
        ...(taught.length > 0
          ? { exampleOf: marked(photo.id, 'examples'), counterExampleOf: marked(photo.id, 'counterExamples') }
          : {}),
      };
    });
}

export const CSV_HEADER = ['file', 'labels', 'scores', 'caption', 'caption_source', 'id'] as const;

/** Added after CSV_HEADER when the set has labels taught by example. */
export const CSV_TAUGHT_HEADER = ['example_of', 'counter_example_of'] as const;

/**
 * RFC 4180 CSV; several labels share a cell separated by "; ", with their scores in the same order. Where the set
 * has labels taught by example, two more columns name the labels each photo is an example / counter-example of.
 */
export function rowsToCsv(rows: readonly ExportRow[]): string {
  const taught = rows.some((row) => row.exampleOf !== undefined);
  return csvFormat([
    taught ? [...CSV_HEADER, ...CSV_TAUGHT_HEADER] : CSV_HEADER,
    ...rows.map((row) => [
      row.file,
      row.labels.map((l) => l.label).join('; '),
      row.labels.map((l) => l.score.toFixed(4)).join('; '),
      row.caption,
      row.captionSource,
      row.id,
      ...(taught ? [(row.exampleOf ?? []).join('; '), (row.counterExampleOf ?? []).join('; ')] : []),
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
      ...(row.exampleOf ? { exampleOf: row.exampleOf, counterExampleOf: row.counterExampleOf } : {}),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
