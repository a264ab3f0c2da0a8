/** Captions per captioning model; a user's edit always wins over a model's output. */
import { transact, type Library } from './db';
import { prefixRange, req } from './idb';
import { INDEXES, STORES, type Caption, type CaptionSource, type PhotoId, type PhotoText } from './schema';

/** 'unchanged': an import found the same or a newer caption already stored. */
export type CaptionPutResult = 'saved' | 'unchanged' | 'kept-user-caption' | 'no-such-photo';

/** Import merge rule: a user caption beats a model one; between equals, the newer one wins. */
export function captionWins(existing: Caption | PhotoText | undefined, incoming: Caption | PhotoText): boolean {
  if (!existing) return true;
  if (existing.source !== incoming.source) return incoming.source === 'user';
  return incoming.at > existing.at;
}

/**
 * Puts inside a caller's transaction over captions + photos. Never writes a caption for a missing photo, never
 * lets a model caption replace a user one; with `onlyIfNewer` (imports) an equal-source caption must be newer.
 */
export function putCaptionInTx(tx: IDBTransaction, caption: Caption, onlyIfNewer = false): Promise<CaptionPutResult> {
  return putTextRecordInTx(tx, STORES.captions, caption, onlyIfNewer);
}

/** The rules of `putCaptionInTx` for any store of one text per model and photo (captions, photo texts). */
export async function putTextRecordInTx(
  tx: IDBTransaction,
  storeName: typeof STORES.captions | typeof STORES.photoTexts,
  record: Caption | PhotoText,
  onlyIfNewer: boolean,
): Promise<CaptionPutResult> {
  if ((await req(tx.objectStore(STORES.photos).count(record.photoId))) === 0) return 'no-such-photo';
  const store = tx.objectStore(storeName);
  const existing = (await req(store.get([record.modelId, record.photoId]))) as Caption | PhotoText | undefined;
  if (existing?.source === 'user' && record.source === 'model') return 'kept-user-caption';
  if (onlyIfNewer && !captionWins(existing, record)) return 'unchanged';
  await req(store.put(record));
  return 'saved';
}

/** Stores a caption; a 'model' caption never overwrites a 'user' one for the same model and photo. */
export function putCaption(
  lib: Library,
  modelId: string,
  photoId: PhotoId,
  text: string,
  source: CaptionSource,
  at: number = Date.now(),
): Promise<CaptionPutResult> {
  return transact(lib, [STORES.captions, STORES.photos], 'readwrite', (tx) =>
    putCaptionInTx(tx, { modelId, photoId, text, source, at }),
  );
}

export function getCaption(lib: Library, modelId: string, photoId: PhotoId): Promise<Caption | undefined> {
  return transact(lib, [STORES.captions], 'readonly', async (tx) => {
    return (await req(tx.objectStore(STORES.captions).get([modelId, photoId]))) as Caption | undefined;
  });
}

/** Every model's caption for one photo. */
export function captionsForPhoto(lib: Library, photoId: PhotoId): Promise<Caption[]> {
  return transact(lib, [STORES.captions], 'readonly', async (tx) => {
    const index = tx.objectStore(STORES.captions).index(INDEXES.captionsByPhoto);
    return (await req(index.getAll(photoId))) as Caption[];
  });
}

/** Every caption of one model, or of all models when omitted. */
export function listCaptions(lib: Library, modelId?: string): Promise<Caption[]> {
  return transact(lib, [STORES.captions], 'readonly', async (tx) => {
    const range = modelId === undefined ? undefined : prefixRange(modelId);
    return (await req(tx.objectStore(STORES.captions).getAll(range))) as Caption[];
  });
}

/** Removes a caption, e.g. the user cleared their edit so the model's text may come back. */
export function deleteCaption(lib: Library, modelId: string, photoId: PhotoId): Promise<void> {
  return transact(lib, [STORES.captions], 'readwrite', (tx) =>
    req(tx.objectStore(STORES.captions).delete([modelId, photoId])),
  );
}

/** Photos without a caption from this model: what a captioning run still has to do. */
export function missingCaptions(lib: Library, modelId: string): Promise<PhotoId[]> {
  return transact(lib, [STORES.photos, STORES.captions], 'readonly', async (tx) => {
    const ids = (await req(tx.objectStore(STORES.photos).getAllKeys())) as PhotoId[];
    const keys = (await req(tx.objectStore(STORES.captions).getAllKeys(prefixRange(modelId)))) as [string, PhotoId][];
    const have = new Set(keys.map((key) => key[1]));
    return ids.filter((id) => !have.has(id));
  });
}
