/** Text read from photos (OCR), per model; as with captions, a user's correction always wins over a model's. */
import { transact, type Library } from './db';
import { prefixRange, req } from './idb';
import { putTextRecordInTx, type CaptionPutResult } from './captions';
import { STORES, type CaptionSource, type PhotoId, type PhotoText } from './schema';

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

/** Every model's texts, or one model's. */
export function listPhotoTexts(lib: Library, modelId?: string): Promise<PhotoText[]> {
  return transact(lib, [STORES.photoTexts], 'readonly', async (tx) => {
    const range = modelId === undefined ? undefined : prefixRange(modelId);
    return (await req(tx.objectStore(STORES.photoTexts).getAll(range))) as PhotoText[];
  });
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
