import type { PhotoText } from '../../library/schema';
import { csvFormat } from '../../shared/csv';

export const TEXTS_CSV_HEADER = ['file', 'text', 'source', 'model', 'id'] as const;

/** One row per photo with read text, by path; lines of the text stay in one cell (the CSV writer quotes them). */
export function textsToCsv(
  photos: readonly { readonly id: string; readonly path: string }[],
  texts: ReadonlyMap<string, PhotoText>,
): string {
  const rows = photos
    .filter((p) => texts.has(p.id))
    .map((p) => {
      const t = texts.get(p.id)!;
      return [p.path, t.text, t.source, t.modelId, p.id];
    })
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
  return csvFormat([TEXTS_CSV_HEADER, ...rows]);
}
