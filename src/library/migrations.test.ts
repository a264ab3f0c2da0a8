import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { openLibrary } from './db';
import { getEmbedding, loadEmbeddingBlocks, missingEmbeddings } from './embeddings';
import { checkConsistency } from './maintenance';
import type { V1Embedding } from './migrations';
import { putCaption, listCaptions } from './captions';
import { getPhoto, getThumbnail, listPhotos, putPhoto } from './photos';
import { listPhotoTexts, putPhotoText } from './photoTexts';
import { rowDequantize } from './quantize';
import { ALL_STORES, DB_NAME, DB_VERSION, EMBEDDING_BLOCK_ROWS, LEGACY_ROOT_ID, type Photo } from './schema';
import { fakeId, fakePhoto, fakeThumbnail, fakeVector } from './testing';

type V1Photo = Omit<Photo, 'sources'>;

/** Writes a v1 database by hand, independent of migrations.ts, exactly as v1 shipped it. */
function createV1(factory: IDBFactory, photos: V1Photo[], embeddings: V1Embedding[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore('photos', { keyPath: 'id' });
      db.createObjectStore('thumbnails');
      db.createObjectStore('embeddings', { keyPath: ['modelId', 'photoId'] });
      db.createObjectStore('meta');
    };
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction(['photos', 'thumbnails', 'embeddings'], 'readwrite');
      for (const [i, p] of photos.entries()) {
        tx.objectStore('photos').put(p);
        tx.objectStore('thumbnails').put(fakeThumbnail(i), p.id);
      }
      for (const e of embeddings) tx.objectStore('embeddings').put(e);
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    request.onerror = () => reject(request.error);
  });
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let j = 0; j < a.length; j++) {
    dot += a[j]! * b[j]!;
    na += a[j]! * a[j]!;
    nb += b[j]! * b[j]!;
  }
  return dot / Math.sqrt(na * nb);
}

const v1Photo = (n: number): V1Photo => {
  const { sources: _sources, ...rest } = fakePhoto(n);
  return rest;
};

describe('migrations', () => {
  test('v1 float32 embeddings become v2 int8 blocks; photos, thumbnails and vectors survive', async () => {
    const factory = new IDBFactory();
    const n = EMBEDDING_BLOCK_ROWS + 6;
    const photos = Array.from({ length: n }, (_, i) => v1Photo(i));
    const clip = photos.map((p, i) => ({ modelId: 'clip', photoId: p.id, vector: fakeVector(i, 8) }));
    const orphan = { modelId: 'clip', photoId: fakeId(9999), vector: fakeVector(9999, 8) };
    const siglip = { modelId: 'siglip', photoId: fakeId(0), vector: fakeVector(7, 4) };
    await createV1(factory, photos, [...clip, orphan, siglip]);

    const lib = await openLibrary({ factory });
    expect(lib.db.version).toBe(DB_VERSION);
    expect([...lib.db.objectStoreNames].sort()).toEqual([...ALL_STORES].sort());

    expect(await getPhoto(lib, fakeId(3))).toEqual({
      ...photos[3],
      sources: [{ rootId: LEGACY_ROOT_ID, path: photos[3]!.path }],
    });
    expect((await listPhotos(lib)).length).toBe(n);
    const thumb = await getThumbnail(lib, fakeId(3));
    expect(new Uint8Array(await thumb!.arrayBuffer())).toEqual(new Uint8Array(await fakeThumbnail(3).arrayBuffer()));

    const blocks = await loadEmbeddingBlocks(lib, 'clip');
    expect(blocks.map((b) => b.count)).toEqual([EMBEDDING_BLOCK_ROWS, 6]);
    for (const e of clip) {
      const row = (await getEmbedding(lib, 'clip', e.photoId))!;
      expect(cosine(rowDequantize(row.codes, row.scale, 8, 0), e.vector)).toBeGreaterThan(0.999);
    }
    expect(await getEmbedding(lib, 'clip', orphan.photoId)).toBeUndefined();
    expect(await missingEmbeddings(lib, 'siglip')).toEqual(photos.slice(1).map((p) => p.id));
    expect(await checkConsistency(lib)).toMatchObject({ ok: true, photosWithoutThumbnail: [] });
  });

  test('v2 -> v3 adds the photo texts store and keeps what v2 held', async () => {
    const factory = new IDBFactory();
    const v2 = await openLibrary({ factory, version: 2 });
    expect([...v2.db.objectStoreNames]).not.toContain('photoTexts');
    await putPhoto(v2, fakePhoto(1));
    await putCaption(v2, 'cap', fakeId(1), 'a red picture', 'user');
    v2.close();

    const lib = await openLibrary({ factory });
    expect(lib.db.version).toBe(3);
    expect((await listPhotos(lib)).map((p) => p.id)).toEqual([fakeId(1)]);
    expect((await listCaptions(lib)).map((c) => c.text)).toEqual(['a red picture']);
    expect(await putPhotoText(lib, 'florence', fakeId(1), 'STOP', 'model')).toBe('saved');
    expect(await listPhotoTexts(lib)).toMatchObject([{ photoId: fakeId(1), text: 'STOP' }]);
  });

  test('a fresh database runs every step and matches an upgraded one', async () => {
    const fresh = await openLibrary({ factory: new IDBFactory() });
    const factory = new IDBFactory();
    (await openLibrary({ factory, version: 1 })).close();
    const upgraded = await openLibrary({ factory });
    const shape = (db: IDBDatabase) =>
      [...db.objectStoreNames].map((name) => {
        const store = db.transaction(name).objectStore(name);
        return [name, store.keyPath, store.autoIncrement, [...store.indexNames]];
      });
    expect(shape(upgraded.db)).toEqual(shape(fresh.db));
  });
});
