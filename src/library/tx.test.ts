import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { openLibrary, transact } from './db';
import { appendEmbeddings } from './embeddings';
import { LibraryTooNewError, StorageFullError, req, toLibraryError } from './idb';
import { commitPhotos } from './photos';
import { DB_NAME, DB_VERSION, STORES } from './schema';
import { dumpLibrary, fakeId, fakePhoto, fakeThumbnail, fakeVector } from './testing';

const open = () => openLibrary({ factory: new IDBFactory() });

describe('transactions', () => {
  test('a body that throws mid-way leaves nothing written', async () => {
    const lib = await open();
    const before = await dumpLibrary(lib);
    const failing = transact(lib, [STORES.photos, STORES.thumbnails], 'readwrite', async (tx) => {
      await req(tx.objectStore(STORES.photos).put(fakePhoto(1)));
      await req(tx.objectStore(STORES.thumbnails).put(fakeThumbnail(1), fakeId(1)));
      throw new Error('decoder crashed');
    });
    await expect(failing).rejects.toThrow('decoder crashed');
    expect(await dumpLibrary(lib)).toEqual(before);
  });

  test('a failing request aborts the writes before it', async () => {
    const lib = await open();
    await transact(lib, [STORES.photos], 'readwrite', (tx) => req(tx.objectStore(STORES.photos).add(fakePhoto(2))));
    const before = await dumpLibrary(lib);
    const failing = transact(lib, [STORES.photos, STORES.thumbnails], 'readwrite', async (tx) => {
      await req(tx.objectStore(STORES.thumbnails).put(fakeThumbnail(1), fakeId(1)));
      await req(tx.objectStore(STORES.photos).add(fakePhoto(1)));
      await req(tx.objectStore(STORES.photos).add(fakePhoto(2))); // ConstraintError: key exists
    });
    await expect(failing).rejects.toMatchObject({ name: 'ConstraintError' });
    expect(await dumpLibrary(lib)).toEqual(before);
  });

  test('a batch commit is all or nothing: a bad vector in the last item keeps the first out too', async () => {
    const lib = await open();
    await commitPhotos(lib, [
      { photo: fakePhoto(0), thumbnail: fakeThumbnail(0), embedding: { modelId: 'm', vector: fakeVector(0, 4) } },
    ]);
    const before = await dumpLibrary(lib);
    const batch = commitPhotos(lib, [
      { photo: fakePhoto(1), thumbnail: fakeThumbnail(1), embedding: { modelId: 'm', vector: fakeVector(1, 4) } },
      { photo: fakePhoto(2), thumbnail: fakeThumbnail(2), embedding: { modelId: 'm', vector: fakeVector(2, 3) } },
    ]);
    await expect(batch).rejects.toThrow(/dims/);
    expect(await dumpLibrary(lib)).toEqual(before);
  });

  test('QuotaExceededError becomes StorageFullError and the transaction rolls back', async () => {
    const lib = await open();
    const failing = transact(lib, [STORES.photos], 'readwrite', async (tx) => {
      await req(tx.objectStore(STORES.photos).put(fakePhoto(1)));
      throw new DOMException('quota', 'QuotaExceededError');
    });
    await expect(failing).rejects.toBeInstanceOf(StorageFullError);
    expect((await dumpLibrary(lib)).photos).toEqual([]);
    expect(toLibraryError(new DOMException('x', 'QuotaExceededError'))).toBeInstanceOf(StorageFullError);
    const other = new Error('other');
    expect(toLibraryError(other)).toBe(other);
  });

  test('a non-finite vector is refused before anything is written', async () => {
    const lib = await open();
    await commitPhotos(lib, [{ photo: fakePhoto(1), thumbnail: fakeThumbnail(1) }]);
    await expect(appendEmbeddings(lib, 'm', [{ id: fakeId(1), vector: [1, NaN] }])).rejects.toThrow(/non-finite/);
  });

  test('a database from a newer Shoebox is reported as such', async () => {
    const factory = new IDBFactory();
    await new Promise<void>((resolve) => {
      const request = factory.open(DB_NAME, 99);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
    });
    await expect(openLibrary({ factory })).rejects.toBeInstanceOf(LibraryTooNewError);
  });

  test('an open library steps aside when another tab upgrades', async () => {
    const factory = new IDBFactory();
    const lib = await openLibrary({ factory, version: 1 });
    const upgraded = await openLibrary({ factory });
    expect(upgraded.db.version).toBe(DB_VERSION);
    expect(() => lib.db.transaction(STORES.photos)).toThrow();
  });
});
