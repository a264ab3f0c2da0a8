import type { PhotoText } from '../../library/schema';
import { csvFormat } from '../../shared/csv';

export const NOTES_CSV_HEADER = ['file', 'question', 'answer', 'model', 'saved', 'id'] as const;

/** One row per saved note, by path then time; question and answer are the user's and the model's text, escaped. */
export function notesToCsv(
  photos: readonly { readonly id: string; readonly path: string }[],
  notes: ReadonlyMap<string, readonly PhotoText[]>,
): string {
  const rows = photos
    .flatMap((p) =>
      (notes.get(p.id) ?? []).map((n) => [
        p.path,
        n.note?.question ?? '',
        n.note?.answer ?? '',
        n.note?.modelId ?? '',
        new Date(n.at).toISOString(),
        p.id,
      ]),
    )
    .sort((a, b) => a[0]!.localeCompare(b[0]!) || a[4]!.localeCompare(b[4]!));
  return csvFormat([NOTES_CSV_HEADER, ...rows]);
}
