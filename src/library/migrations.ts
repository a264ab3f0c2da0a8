/**
 * Schema migrations, run in order inside the versionchange transaction by openLibrary. Step N upgrades a
 * version N-1 database to version N; a fresh database runs every step. Steps are frozen history: they use
 * literal store names rather than STORES, so renaming a constant later cannot rewrite the past.
 */
import { req } from './idb';
import { quantizeRowInto } from './quantize';
import { EMBEDDING_BLOCK_ROWS, LEGACY_ROOT_ID } from './schema';

export type Migration = (db: IDBDatabase, tx: IDBTransaction) => Promise<void>;

/** v1 as shipped: float32 embeddings, one record per (model, photo). Kept for the v1 -> v2 step and its test. */
export interface V1Embedding {
  modelId: string;
  photoId: string;
  vector: Float32Array;
}

const v1: Migration = async (db) => {
  db.createObjectStore('photos', { keyPath: 'id' });
  db.createObjectStore('thumbnails');
  db.createObjectStore('embeddings', { keyPath: ['modelId', 'photoId'] });
  db.createObjectStore('meta');
};

/** v2: int8 embedding blocks, photo sources, captions, label sets, roots, the resumable import queue. */
const v2: Migration = async (db, tx) => {
  db.createObjectStore('embeddingBlocks', { keyPath: ['modelId', 'blockNo'] });
  db.createObjectStore('embeddingRows', { keyPath: ['modelId', 'photoId'] }).createIndex('byPhoto', 'photoId');
  db.createObjectStore('captions', { keyPath: ['modelId', 'photoId'] }).createIndex('byPhoto', 'photoId');
  db.createObjectStore('labelSets', { keyPath: 'id' });
  db.createObjectStore('roots', { keyPath: 'id' });
  db.createObjectStore('importQueue', { keyPath: ['rootId', 'path'] }).createIndex('byRootStatus', [
    'rootId',
    'status',
  ]);
  db.createObjectStore('problems', { keyPath: 'seq', autoIncrement: true });

  const photos = tx.objectStore('photos');
  const photoIds = new Set((await req(photos.getAllKeys())).map(String));
  for (const photo of (await req(photos.getAll())) as Array<{ id: string; path: string; sources?: unknown }>) {
    if (!photo.sources) await req(photos.put({ ...photo, sources: [{ rootId: LEGACY_ROOT_ID, path: photo.path }] }));
  }

  // Rows arrive in key order, i.e. grouped by model; v1 orphans (no photo) are dropped here.
  const old = ((await req(tx.objectStore('embeddings').getAll())) as V1Embedding[]).filter((e) =>
    photoIds.has(e.photoId),
  );
  const byModel = new Map<string, V1Embedding[]>();
  for (const e of old)
    byModel
      .set(e.modelId, byModel.get(e.modelId) ?? [])
      .get(e.modelId)!
      .push(e);
  const blocks = tx.objectStore('embeddingBlocks');
  const rows = tx.objectStore('embeddingRows');
  for (const [modelId, list] of byModel) {
    const dims = list[0]?.vector.length ?? 0;
    for (let start = 0, blockNo = 0; start < list.length; start += EMBEDDING_BLOCK_ROWS, blockNo++) {
      const chunk = list.slice(start, start + EMBEDDING_BLOCK_ROWS);
      const codes = new Int8Array(chunk.length * dims);
      const scales = new Float32Array(chunk.length);
      chunk.forEach((e, i) => {
        if (e.vector.length !== dims) throw new Error(`v1 embedding ${modelId}/${e.photoId} has wrong dims`);
        scales[i] = quantizeRowInto(e.vector, codes, i);
      });
      const ids = chunk.map((e) => e.photoId);
      await req(blocks.put({ modelId, blockNo, dims, count: chunk.length, ids, codes, scales }));
      for (const photoId of ids) await req(rows.put({ modelId, photoId, blockNo }));
    }
  }
  db.deleteObjectStore('embeddings');
};

/** v3: text read from photos (OCR), per model and photo, like captions. */
const v3: Migration = async (db) => {
  db.createObjectStore('photoTexts', { keyPath: ['modelId', 'photoId'] }).createIndex('byPhoto', 'photoId');
};

/** MIGRATIONS[n - 1] upgrades version n-1 to n. Append only. */
export const MIGRATIONS: readonly Migration[] = [v1, v2, v3];
