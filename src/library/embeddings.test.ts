import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { openLibrary } from './db';
import {
  appendEmbeddings,
  deleteEmbeddings,
  getEmbedding,
  hasEmbedding,
  hasEmbeddings,
  listEmbeddingModels,
  loadEmbeddingBlocks,
  missingEmbeddings,
} from './embeddings';
import { checkConsistency } from './maintenance';
import { commitPhoto, commitPhotos, putPhoto } from './photos';
import { enqueueFiles, markDone, pendingFiles } from './queue';
import { rowDequantize } from './quantize';
import { EMBEDDING_BLOCK_ROWS } from './schema';
import { fakeId, fakePhoto, fakeThumbnail, fakeVector } from './testing';

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

async function withPhotos(factory: IDBFactory, n: number) {
  const lib = await openLibrary({ factory });
  await commitPhotos(
    lib,
    Array.from({ length: n }, (_, i) => ({ photo: fakePhoto(i), thumbnail: fakeThumbnail(i) })),
  );
  return lib;
}

describe('embeddings', () => {
  test('stored format: codes = round(x/scale), scale = max|x|/127 of the normalized vector', async () => {
    const lib = await withPhotos(new IDBFactory(), 1);
    await appendEmbeddings(lib, 'm', [{ id: fakeId(0), vector: [3, -4, 0, 0.5] }]);
    const row = (await getEmbedding(lib, 'm', fakeId(0)))!;
    const norm = Math.sqrt(9 + 16 + 0.25);
    expect(row.scale).toBeCloseTo(4 / norm / 127, 7);
    expect([...row.codes]).toEqual([3, -4, 0, 0.5].map((x) => Math.round(x / norm / row.scale)));
    expect(Math.max(...[...row.codes].map(Math.abs))).toBe(127);
  });

  test('hasEmbeddings says whether a model has any vector, per model, not confused by a prefix', async () => {
    const lib = await withPhotos(new IDBFactory(), 2);
    expect(await hasEmbeddings(lib, 'clip')).toBe(false);
    await appendEmbeddings(lib, 'clip-large', [{ id: fakeId(0), vector: [1, 0] }]);
    expect(await hasEmbeddings(lib, 'clip')).toBe(false);
    await appendEmbeddings(lib, 'clip', [{ id: fakeId(1), vector: [0, 1] }]);
    expect(await hasEmbeddings(lib, 'clip')).toBe(true);
    await deleteEmbeddings(lib, 'clip');
    expect(await hasEmbeddings(lib, 'clip')).toBe(false);
  });

  test('a zero vector is stored as zeros, not NaN', async () => {
    const lib = await withPhotos(new IDBFactory(), 1);
    await appendEmbeddings(lib, 'm', [{ id: fakeId(0), vector: [0, 0, 0] }]);
    expect(await getEmbedding(lib, 'm', fakeId(0))).toEqual({ id: fakeId(0), codes: new Int8Array(3), scale: 0 });
  });

  test('rows fill the last block, then open new ones, and survive a reopen', async () => {
    const factory = new IDBFactory();
    const n = EMBEDDING_BLOCK_ROWS * 2 + 10;
    const dims = 8;
    let lib = await withPhotos(factory, n);
    const rows = Array.from({ length: n }, (_, i) => ({ id: fakeId(i), vector: fakeVector(i, dims) }));
    await appendEmbeddings(lib, 'clip', rows.slice(0, 1000));
    await appendEmbeddings(lib, 'clip', rows.slice(1000, 1030)); // crosses the first boundary
    await appendEmbeddings(lib, 'clip', rows.slice(1030));
    lib.close();

    lib = await openLibrary({ factory });
    const blocks = await loadEmbeddingBlocks(lib, 'clip');
    expect(blocks.map((b) => [b.blockNo, b.count])).toEqual([
      [0, EMBEDDING_BLOCK_ROWS],
      [1, EMBEDDING_BLOCK_ROWS],
      [2, 10],
    ]);
    expect(blocks.flatMap((b) => b.ids)).toEqual(rows.map((r) => r.id));
    const byId = new Map(rows.map((r) => [r.id, r.vector]));
    for (const b of blocks) {
      for (let i = 0; i < b.count; i++) {
        const original = byId.get(b.ids[i]!)!;
        expect(cosine(rowDequantize(b.codes, b.scales[i]!, dims, i), original)).toBeGreaterThan(0.999);
      }
    }
    expect(await listEmbeddingModels(lib)).toEqual([{ modelId: 'clip', dims, count: n, blocks: 3 }]);
    expect((await checkConsistency(lib)).ok).toBe(true);
  });

  test('a photo id is never stored twice per model, and never without its photo', async () => {
    const lib = await withPhotos(new IDBFactory(), 2);
    const v = fakeVector(1, 4);
    expect(
      await appendEmbeddings(lib, 'm', [
        { id: fakeId(0), vector: v },
        { id: fakeId(0), vector: v },
      ]),
    ).toEqual({
      added: 1,
      skipped: [fakeId(0)],
    });
    expect(
      await appendEmbeddings(lib, 'm', [
        { id: fakeId(0), vector: v },
        { id: fakeId(7), vector: v },
      ]),
    ).toEqual({
      added: 0,
      skipped: [fakeId(0), fakeId(7)],
    });
    expect(await appendEmbeddings(lib, 'other', [{ id: fakeId(0), vector: v }])).toEqual({ added: 1, skipped: [] });
    expect(await hasEmbedding(lib, 'm', fakeId(0))).toBe(true);
    expect(await hasEmbedding(lib, 'm', fakeId(1))).toBe(false);
    expect((await checkConsistency(lib)).ok).toBe(true);
  });

  test('wrong dims abort the whole append', async () => {
    const lib = await withPhotos(new IDBFactory(), 3);
    await appendEmbeddings(lib, 'm', [{ id: fakeId(0), vector: fakeVector(0, 4) }]);
    const bad = [
      { id: fakeId(1), vector: fakeVector(1, 4) },
      { id: fakeId(2), vector: fakeVector(2, 5) },
    ];
    await expect(appendEmbeddings(lib, 'm', bad)).rejects.toThrow(/4 dims/);
    expect(await missingEmbeddings(lib, 'm')).toEqual([fakeId(1), fakeId(2)]);
  });

  test('an interrupted import resumes with nothing computed twice', async () => {
    const factory = new IDBFactory();
    let lib = await openLibrary({ factory });
    const files = Array.from({ length: 6 }, (_, i) => ({ path: fakePhoto(i).path, size: 1000 + i, lastModified: i }));
    await enqueueFiles(lib, 'root-1', files);
    const importOne = async (i: number) =>
      commitPhoto(lib, {
        photo: fakePhoto(i),
        thumbnail: fakeThumbnail(i),
        embedding: { modelId: 'clip', vector: fakeVector(i, 4) },
      });
    for (const i of [0, 1, 2]) {
      await importOne(i);
      await markDone(lib, 'root-1', [files[i]!.path]);
    }
    await importOne(3); // the tab closes after the commit, before markDone
    await putPhoto(lib, fakePhoto(4)); // an older build stored a record without a vector
    lib.close();

    lib = await openLibrary({ factory });
    expect((await pendingFiles(lib, 'root-1')).map((f) => f.path)).toEqual(files.slice(3).map((f) => f.path));
    expect(await missingEmbeddings(lib, 'clip')).toEqual([fakeId(4)]);
    expect(await missingEmbeddings(lib, 'siglip')).toEqual([0, 1, 2, 3, 4].map(fakeId));
    for (const i of [3, 4, 5]) {
      expect(await importOne(i)).toBe(i === 5 ? 'added' : 'merged');
    }
    expect(await missingEmbeddings(lib, 'clip')).toEqual([]);
    const ids = (await loadEmbeddingBlocks(lib, 'clip')).flatMap((b) => b.ids);
    expect(ids.length).toBe(6);
    expect(new Set(ids).size).toBe(6);
    expect((await checkConsistency(lib)).ok).toBe(true);
  });

  test('deleteEmbeddings drops one model only', async () => {
    const lib = await withPhotos(new IDBFactory(), 2);
    await appendEmbeddings(lib, 'a', [{ id: fakeId(0), vector: [1, 2] }]);
    await appendEmbeddings(lib, 'b', [{ id: fakeId(0), vector: [1, 2, 3] }]);
    await deleteEmbeddings(lib, 'a');
    expect(await loadEmbeddingBlocks(lib, 'a')).toEqual([]);
    expect(await listEmbeddingModels(lib)).toEqual([{ modelId: 'b', dims: 3, count: 1, blocks: 1 }]);
    expect(await missingEmbeddings(lib, 'a')).toEqual([fakeId(0), fakeId(1)]);
    expect((await checkConsistency(lib)).ok).toBe(true);
  });
});
