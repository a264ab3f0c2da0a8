import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { expect, test } from 'vitest';
import { openLibrary } from './db';
import { appendEmbeddings, loadEmbeddingBlocks, missingEmbeddings } from './embeddings';
import { commitPhoto, listPhotos } from './photos';
import { fakePhoto, fakeThumbnail, fakeVector } from './testing';

test('smoke', async () => {
  const lib = await openLibrary({ factory: new IDBFactory() });
  await commitPhoto(lib, {
    photo: fakePhoto(1),
    thumbnail: fakeThumbnail(1),
    embedding: { modelId: 'm', vector: fakeVector(1, 8) },
  });
  await commitPhoto(lib, { photo: fakePhoto(2), thumbnail: fakeThumbnail(2) });
  expect(await missingEmbeddings(lib, 'm')).toEqual([fakePhoto(2).id]);
  expect(await appendEmbeddings(lib, 'm', [{ id: fakePhoto(2).id, vector: fakeVector(2, 8) }])).toEqual({
    added: 1,
    skipped: [],
  });
  const blocks = await loadEmbeddingBlocks(lib, 'm');
  expect(blocks[0]!.count).toBe(2);
  expect((await listPhotos(lib)).length).toBe(2);
});
