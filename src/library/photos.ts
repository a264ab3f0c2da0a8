/** Photo records and thumbnails; commitPhoto stores a photo with everything derived from it in one transaction. */
import { transact, type Library } from './db';
import { appendRowsInTx, quantizeRow, removeRowsInTx, type QuantizedRow } from './embeddings';
import { req } from './idb';
import { INDEXES, STORES, type Photo, type PhotoId, type PhotoSource } from './schema';

export type PutResult = 'added' | 'merged';

function sameSource(a: PhotoSource, b: PhotoSource): boolean {
  return a.rootId === b.rootId && a.path === b.path;
}

/** Same bytes seen again: keep the first record, add any new source, fill in location if it was missing. */
export function mergePhoto(existing: Photo, incoming: Photo): Photo {
  const extra = incoming.sources.filter((s) => !existing.sources.some((e) => sameSource(e, s)));
  const gps = existing.gps ?? incoming.gps;
  if (extra.length === 0 && gps === existing.gps) return existing;
  return { ...existing, sources: [...existing.sources, ...extra], ...(gps ? { gps } : {}) };
}

/** Inserts or merges by content id inside a caller's transaction over photos; writes only when something changed. */
export async function putPhotoInTx(tx: IDBTransaction, photo: Photo): Promise<PutResult> {
  const store = tx.objectStore(STORES.photos);
  const existing = (await req(store.get(photo.id))) as Photo | undefined;
  if (!existing) {
    await req(store.put(photo));
    return 'added';
  }
  const merged = mergePhoto(existing, photo);
  if (merged !== existing) await req(store.put(merged));
  return 'merged';
}

export function putPhoto(lib: Library, photo: Photo): Promise<PutResult> {
  return transact(lib, [STORES.photos], 'readwrite', (tx) => putPhotoInTx(tx, photo));
}

/** Stores the record as given, replacing what was there (sources are not merged): for forgetting moved files. */
export function replacePhoto(lib: Library, photo: Photo): Promise<void> {
  return transact(lib, [STORES.photos], 'readwrite', async (tx) => {
    await req(tx.objectStore(STORES.photos).put(photo));
  });
}

/**
 * Hides photos from the gallery and search (`hidden: true` on the record) or shows them again (the field removed),
 * in one transaction; unknown ids are ignored. Returns the records that changed, as stored now. Files are never
 * touched.
 */
export function setPhotosHidden(lib: Library, ids: readonly PhotoId[], hidden: boolean): Promise<Photo[]> {
  return transact(lib, [STORES.photos], 'readwrite', async (tx) => {
    const store = tx.objectStore(STORES.photos);
    const changed: Photo[] = [];
    for (const id of new Set(ids)) {
      const photo = (await req(store.get(id))) as Photo | undefined;
      if (!photo || (photo.hidden === true) === hidden) continue;
      const { hidden: _was, ...rest } = photo;
      const next: Photo = hidden ? { ...rest, hidden: true } : rest;
      await req(store.put(next));
      changed.push(next);
    }
    return changed;
  });
}

export function getPhoto(lib: Library, id: PhotoId): Promise<Photo | undefined> {
  return transact(lib, [STORES.photos], 'readonly', async (tx) => {
    return (await req(tx.objectStore(STORES.photos).get(id))) as Photo | undefined;
  });
}

/** Every photo record, in id order. */
export function listPhotos(lib: Library): Promise<Photo[]> {
  return transact(lib, [STORES.photos], 'readonly', async (tx) => {
    return (await req(tx.objectStore(STORES.photos).getAll())) as Photo[];
  });
}

export function countPhotos(lib: Library): Promise<number> {
  return transact(lib, [STORES.photos], 'readonly', (tx) => req(tx.objectStore(STORES.photos).count()));
}

export function getThumbnail(lib: Library, id: PhotoId): Promise<Blob | undefined> {
  return transact(lib, [STORES.thumbnails], 'readonly', async (tx) => {
    return (await req(tx.objectStore(STORES.thumbnails).get(id))) as Blob | undefined;
  });
}

export interface PhotoCommit {
  photo: Photo;
  thumbnail: Blob;
  /** The photo's vector for one model, when already computed. */
  embedding?: { modelId: string; vector: ArrayLike<number> };
}

const COMMIT_STORES = [STORES.photos, STORES.thumbnails, STORES.embeddingBlocks, STORES.embeddingRows] as const;

/**
 * Stores photos with their thumbnails (and vectors) atomically: after a crash either all of a batch is there or
 * none of it, so no vector or thumbnail ever exists without its photo. Known ids merge their sources; an existing
 * thumbnail or vector is kept. Each vector rewrites its model's last block, so batch commits when importing.
 */
export async function commitPhotos(lib: Library, items: readonly PhotoCommit[]): Promise<PutResult[]> {
  const prepared = items.map((item) => ({
    ...item,
    row: item.embedding ? quantizeRow({ id: item.photo.id, vector: item.embedding.vector }) : undefined,
  }));
  return transact(lib, COMMIT_STORES, 'readwrite', async (tx) => {
    const results: PutResult[] = [];
    const thumbnails = tx.objectStore(STORES.thumbnails);
    const rowsByModel = new Map<string, QuantizedRow[]>();
    for (const { photo, thumbnail, embedding, row } of prepared) {
      results.push(await putPhotoInTx(tx, photo));
      if ((await req(thumbnails.count(photo.id))) === 0) await req(thumbnails.put(thumbnail, photo.id));
      if (embedding && row)
        rowsByModel
          .set(embedding.modelId, rowsByModel.get(embedding.modelId) ?? [])
          .get(embedding.modelId)!
          .push(row);
    }
    // One append per model, so a batch rewrites each model's last block once rather than once per photo.
    for (const [modelId, rows] of rowsByModel) await appendRowsInTx(tx, modelId, rows);
    return results;
  });
}

export async function commitPhoto(lib: Library, item: PhotoCommit): Promise<PutResult> {
  const [result] = await commitPhotos(lib, [item]);
  return result!;
}

const DELETE_STORES = [
  STORES.photos,
  STORES.thumbnails,
  STORES.embeddingBlocks,
  STORES.embeddingRows,
  STORES.captions,
  STORES.photoTexts,
];

/** Deletes photos with their thumbnails, vectors of every model, captions and read texts, in one transaction. */
export function deletePhotos(lib: Library, ids: readonly PhotoId[]): Promise<void> {
  return transact(lib, DELETE_STORES, 'readwrite', async (tx) => {
    const captions = tx.objectStore(STORES.captions);
    for (const id of ids) {
      await req(tx.objectStore(STORES.photos).delete(id));
      await req(tx.objectStore(STORES.thumbnails).delete(id));
      const keys = await req(captions.index(INDEXES.captionsByPhoto).getAllKeys(id));
      for (const key of keys) await req(captions.delete(key));
      const texts = tx.objectStore(STORES.photoTexts);
      for (const key of await req(texts.index(INDEXES.photoTextsByPhoto).getAllKeys(id))) await req(texts.delete(key));
    }
    await removeRowsInTx(tx, ids);
  });
}

export function deletePhoto(lib: Library, id: PhotoId): Promise<void> {
  return deletePhotos(lib, [id]);
}
