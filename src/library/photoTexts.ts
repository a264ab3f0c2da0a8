/** Text read from photos (OCR), per model; as with captions, a user's correction always wins over a model's. */
import { transact, type Library } from './db';
import { prefixRange, req } from './idb';
import { putTextRecordInTx, type CaptionPutResult } from './captions';
import { STORES, type CaptionSource, type PhotoId, type PhotoNote, type PhotoText } from './schema';

/** A saved note's modelId starts with this (then its time), so notes never read as a model's text. */
export const NOTE_PREFIX = 'note:';

export function isNote(text: Pick<PhotoText, 'modelId'>): boolean {
  return text.modelId.startsWith(NOTE_PREFIX);
}

/** Puts inside a caller's transaction over photoTexts + photos; the same rules as `putCaptionInTx`. */
export function putPhotoTextInTx(tx: IDBTransaction, text: PhotoText, onlyIfNewer = false): Promise<CaptionPutResult> {
  return putTextRecordInTx(tx, STORES.photoTexts, text, onlyIfNewer);
}

/** Stores a photo's text; a model's never replaces the user's for the same model and photo. */
export function putPhotoText(
  lib: Library,
  modelId: string,
  photoId: PhotoId,
  text: string,
  source: CaptionSource,
  at: number = Date.now(),
): Promise<CaptionPutResult> {
  return transact(lib, [STORES.photoTexts, STORES.photos], 'readwrite', (tx) =>
    putPhotoTextInTx(tx, { modelId, photoId, text, source, at }),
  );
}

/** Every model's texts, or one model's (never the notes saved from "Ask a photo": see `listNotes`). */
export function listPhotoTexts(lib: Library, modelId?: string): Promise<PhotoText[]> {
  return transact(lib, [STORES.photoTexts], 'readonly', async (tx) => {
    const range = modelId === undefined ? undefined : prefixRange(modelId);
    const texts = (await req(tx.objectStore(STORES.photoTexts).getAll(range))) as PhotoText[];
    return texts.filter((t) => !isNote(t));
  });
}

/** Every saved note, oldest first. */
export function listNotes(lib: Library): Promise<PhotoText[]> {
  return transact(lib, [STORES.photoTexts], 'readonly', async (tx) => {
    // Keys [modelId, photoId] sort by modelId first: every 'note:…' id lies between 'note:' and 'note:\uffff'.
    const range = IDBKeyRange.bound([NOTE_PREFIX], [`${NOTE_PREFIX}\uffff`]);
    const notes = (await req(tx.objectStore(STORES.photoTexts).getAll(range))) as PhotoText[];
    return notes.filter((t) => t.note).sort((a, b) => a.at - b.at);
  });
}

/** Deletes one note (its record's modelId is `note:<at>`). */
export function deleteNote(lib: Library, note: Pick<PhotoText, 'modelId' | 'photoId'>): Promise<void> {
  return deletePhotoText(lib, note.modelId, note.photoId);
}

/** Saves a question and its answer as a note on a photo; returns the stored record (or null: no such photo). */
export async function putNote(
  lib: Library,
  photoId: PhotoId,
  note: PhotoNote,
  at = Date.now(),
): Promise<PhotoText | null> {
  const record: PhotoText = {
    modelId: `${NOTE_PREFIX}${at}`,
    photoId,
    text: `${note.question}\n${note.answer}`,
    source: 'user',
    at,
    note,
  };
  const result = await transact(lib, [STORES.photoTexts, STORES.photos], 'readwrite', (tx) =>
    putPhotoTextInTx(tx, record),
  );
  return result === 'saved' ? record : null;
}

export function deletePhotoText(lib: Library, modelId: string, photoId: PhotoId): Promise<void> {
  return transact(lib, [STORES.photoTexts], 'readwrite', (tx) =>
    req(tx.objectStore(STORES.photoTexts).delete([modelId, photoId])),
  );
}

/** Photos this model has not read yet, in the order given by `first` (those it lists, then the rest). */
export function unreadPhotos(lib: Library, modelId: string, first: readonly PhotoId[] = []): Promise<PhotoId[]> {
  return transact(lib, [STORES.photos, STORES.photoTexts], 'readonly', async (tx) => {
    const ids = (await req(tx.objectStore(STORES.photos).getAllKeys())) as PhotoId[];
    const keys = (await req(tx.objectStore(STORES.photoTexts).getAllKeys(prefixRange(modelId)))) as [string, PhotoId][];
    const done = new Set(keys.map((key) => key[1]));
    const todo = new Set(ids.filter((id) => !done.has(id)));
    const ahead = first.filter((id) => todo.has(id));
    const aheadSet = new Set(ahead);
    return [...ahead, ...[...todo].filter((id) => !aheadSet.has(id))];
  });
}
