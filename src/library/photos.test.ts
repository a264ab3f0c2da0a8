import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { putCaption } from './captions';
import { openLibrary } from './db';
import { appendEmbeddings, getEmbedding, loadEmbeddingBlocks } from './embeddings';
import { checkConsistency } from './maintenance';
import {
  commitPhoto,
  commitPhotos,
  countPhotos,
  deletePhoto,
  getPhoto,
  getThumbnail,
  listPhotos,
  putPhoto,
} from './photos';
import { EMBEDDING_BLOCK_ROWS } from './schema';
import { dumpLibrary, fakeId, fakePhoto, fakeThumbnail, fakeVector } from './testing';

const open = () => openLibrary({ factory: new IDBFactory() });

describe('photos', () => {
  test('round trip of records and thumbnails', async () => {
    const lib = await open();
    await commitPhoto(lib, { photo: fakePhoto(1, { gps: { lat: 1, lon: 2 } }), thumbnail: fakeThumbnail(1) });
    await putPhoto(lib, fakePhoto(2));
    expect(await getPhoto(lib, fakeId(1))).toEqual(fakePhoto(1, { gps: { lat: 1, lon: 2 } }));
    expect(await getPhoto(lib, fakeId(3))).toBeUndefined();
    expect((await listPhotos(lib)).map((p) => p.id)).toEqual([fakeId(1), fakeId(2)]);
    expect(await countPhotos(lib)).toBe(2);
    const thumb = await getThumbnail(lib, fakeId(1));
    expect(thumb?.type).toBe('image/webp');
    expect([...new Uint8Array(await thumb!.arrayBuffer())]).toEqual([
      ...new Uint8Array(await fakeThumbnail(1).arrayBuffer()),
    ]);
  });

  test('identical content is stored once, remembering every path', async () => {
    const lib = await open();
    const first = fakePhoto(1);
    const copy = fakePhoto(1, {
      path: 'backup/copy.jpg',
      name: 'copy.jpg',
      sources: [{ rootId: 'r2', path: 'backup/copy.jpg' }],
    });
    expect(await commitPhoto(lib, { photo: first, thumbnail: fakeThumbnail(1) })).toBe('added');
    expect(await commitPhoto(lib, { photo: copy, thumbnail: fakeThumbnail(99) })).toBe('merged');
    const before = await dumpLibrary(lib);
    expect(await commitPhoto(lib, { photo: copy, thumbnail: fakeThumbnail(99) })).toBe('merged');
    expect(await dumpLibrary(lib)).toEqual(before);

    const stored = await getPhoto(lib, first.id);
    expect(stored?.path).toBe(first.path);
    expect(stored?.sources).toEqual([...first.sources, { rootId: 'r2', path: 'backup/copy.jpg' }]);
    expect(await countPhotos(lib)).toBe(1);
    const thumb = await getThumbnail(lib, first.id);
    expect(new Uint8Array(await thumb!.arrayBuffer())).toEqual(new Uint8Array(await fakeThumbnail(1).arrayBuffer()));
  });

  test('commitPhoto stores the vector with the photo, once', async () => {
    const lib = await open();
    const embedding = { modelId: 'clip', vector: fakeVector(1, 16) };
    await commitPhoto(lib, { photo: fakePhoto(1), thumbnail: fakeThumbnail(1), embedding });
    await commitPhoto(lib, { photo: fakePhoto(1), thumbnail: fakeThumbnail(1), embedding });
    const blocks = await loadEmbeddingBlocks(lib, 'clip');
    expect(blocks.map((b) => b.ids)).toEqual([[fakeId(1)]]);
    expect((await checkConsistency(lib)).ok).toBe(true);
  });

  test('deletePhoto leaves no thumbnail, vector or caption behind, in any model or block', async () => {
    const lib = await open();
    const n = EMBEDDING_BLOCK_ROWS + 3;
    const items = Array.from({ length: n }, (_, i) => ({
      photo: fakePhoto(i),
      thumbnail: fakeThumbnail(i),
      embedding: { modelId: 'clip-a', vector: fakeVector(i, 4) },
    }));
    await commitPhotos(lib, items);
    await appendEmbeddings(lib, 'clip-b', [
      { id: fakeId(5), vector: fakeVector(5, 8) },
      { id: fakeId(6), vector: fakeVector(6, 8) },
    ]);
    await putCaption(lib, 'blip', fakeId(5), 'a dog', 'model');
    await putCaption(lib, 'florence', fakeId(5), 'my dog', 'user');
    await putCaption(lib, 'blip', fakeId(6), 'a cat', 'model');
    const kept = await getEmbedding(lib, 'clip-a', fakeId(n - 1));

    await deletePhoto(lib, fakeId(5)); // first block
    await deletePhoto(lib, fakeId(n - 1)); // second block

    const dump = await dumpLibrary(lib);
    expect(JSON.stringify(dump)).not.toContain(fakeId(5));
    expect(JSON.stringify(dump)).not.toContain(fakeId(n - 1));
    const report = await checkConsistency(lib);
    expect(report).toMatchObject({ ok: true, photosWithoutThumbnail: [] });
    const blocks = await loadEmbeddingBlocks(lib, 'clip-a');
    expect(blocks.map((b) => b.count)).toEqual([EMBEDDING_BLOCK_ROWS - 1, 2]);
    expect(await getEmbedding(lib, 'clip-a', fakeId(n - 2))).toBeDefined();
    expect(await getEmbedding(lib, 'clip-a', fakeId(n - 1))).toBeUndefined();
    expect(kept).toBeDefined();
    expect((await loadEmbeddingBlocks(lib, 'clip-b')).map((b) => b.ids)).toEqual([[fakeId(6)]]);
  });

  test('deleting the only row of a block removes the block', async () => {
    const lib = await open();
    await commitPhoto(lib, {
      photo: fakePhoto(1),
      thumbnail: fakeThumbnail(1),
      embedding: { modelId: 'm', vector: [1, 0] },
    });
    await deletePhoto(lib, fakeId(1));
    expect(await loadEmbeddingBlocks(lib, 'm')).toEqual([]);
    expect(await checkConsistency(lib)).toMatchObject({ ok: true });
  });
});
