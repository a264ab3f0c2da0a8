import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { listCaptions, putCaption } from './captions';
import { openLibrary, type Library } from './db';
import { appendEmbeddings, getEmbedding, listEmbeddingModels } from './embeddings';
import { exportLibrary, importLibrary, type Manifest } from './exportImport';
import { getLabelSet, putLabelSet } from './labels';
import { checkConsistency, deleteEverything, storageUsage } from './maintenance';
import { commitPhotos, getPhoto, listPhotos, setPhotosHidden } from './photos';
import { listPhotoTexts, putPhotoText } from './photoTexts';
import { EMBEDDING_BLOCK_ROWS, type LabelSet } from './schema';
import { dumpLibrary, fakeId, fakePhoto, fakeThumbnail, fakeVector } from './testing';

const N = EMBEDDING_BLOCK_ROWS + 20;

async function populated(): Promise<Library> {
  const lib = await openLibrary({ factory: new IDBFactory() });
  await commitPhotos(
    lib,
    Array.from({ length: N }, (_, i) => ({
      photo: fakePhoto(i, i === 1 ? { gps: { lat: 52.5, lon: 13.4 } } : {}),
      thumbnail: i === 2 ? new Blob([new Uint8Array([0xff, 0xd8])], { type: 'image/jpeg' }) : fakeThumbnail(i),
      embedding: { modelId: 'Xenova/clip-vit-base-patch32', vector: fakeVector(i, 16) },
    })),
  );
  await appendEmbeddings(lib, 'siglip:b16', [{ id: fakeId(3), vector: fakeVector(3, 8) }]);
  await putCaption(lib, 'blip', fakeId(0), 'a dog', 'model', 10);
  await putCaption(lib, 'blip', fakeId(1), 'my cat', 'user', 11);
  await putPhotoText(lib, 'florence', fakeId(0), 'STOP', 'model', 12);
  await putPhotoText(lib, 'florence', fakeId(1), 'CAFÉ\nOPEN 7 DAYS', 'user', 13);
  await putLabelSet(lib, {
    id: 's',
    name: 'S',
    labels: ['a', 'my things'],
    templates: ['{}'],
    mode: 'multi',
    examples: { 'my things': { examples: [fakeId(4), fakeId(5)], counterExamples: [fakeId(6)], prompts: false } },
    updatedAt: 1,
  });
  return lib;
}

async function bytes(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.arrayBuffer());
}

describe('export and import', () => {
  test('export -> deleteEverything -> import gives identical records and vectors', async () => {
    const lib = await populated();
    const before = await dumpLibrary(lib);
    const file = await exportLibrary(lib, { includeLocation: true });
    await deleteEverything(lib);
    expect(await listPhotos(lib)).toEqual([]);

    const summary = await importLibrary(lib, file);
    expect(summary).toEqual({
      photosAdded: N,
      photosMerged: 0,
      embeddingsAdded: N + 1,
      captionsSaved: 2,
      textsSaved: 2,
      labelSetsSaved: 1,
    });
    const after = await dumpLibrary(lib);
    const stores = ['photos', 'thumbnails', 'captions', 'photoTexts', 'labelSets', 'embeddingRows', 'embeddingBlocks'];
    expect(before['photoTexts']).toHaveLength(2);
    for (const store of stores) {
      expect(after[store], store).toEqual(before[store]);
    }
    expect(await getEmbedding(lib, 'siglip:b16', fakeId(3))).toBeDefined();
    expect(await checkConsistency(lib)).toMatchObject({ ok: true, photosWithoutThumbnail: [] });
  });

  test('importing the same file twice changes nothing', async () => {
    const lib = await populated();
    const file = await exportLibrary(lib);
    const fresh = await openLibrary({ factory: new IDBFactory() });
    await importLibrary(fresh, file);
    const once = await dumpLibrary(fresh);
    const summary = await importLibrary(fresh, await bytes(file));
    expect(summary).toEqual({
      photosAdded: 0,
      photosMerged: N,
      embeddingsAdded: 0,
      captionsSaved: 0,
      textsSaved: 0,
      labelSetsSaved: 0,
    });
    expect(await dumpLibrary(fresh)).toEqual(once);
    // Into the library it came from: nothing changes either (location was not exported, local gps is kept).
    const original = await dumpLibrary(lib);
    await importLibrary(lib, file);
    expect(await dumpLibrary(lib)).toEqual(original);
  });

  test('hidden photos stay hidden through export and import; twice changes nothing; unhiding is a round trip', async () => {
    const lib = await populated();
    const plain = await dumpLibrary(lib);
    const hide = [fakeId(4), fakeId(5), fakeId(6)];
    expect((await setPhotosHidden(lib, [...hide, 'no-such-photo'], true)).map((p) => p.id)).toEqual(hide);
    expect(await setPhotosHidden(lib, hide, true)).toEqual([]); // already hidden: nothing written
    const file = await exportLibrary(lib);
    const fresh = await openLibrary({ factory: new IDBFactory() });
    await importLibrary(fresh, file);
    const hiddenIds = async (l: Library) => (await listPhotos(l)).filter((p) => p.hidden).map((p) => p.id);
    expect(await hiddenIds(fresh)).toEqual(hide);
    const once = await dumpLibrary(fresh);
    await importLibrary(fresh, file);
    expect(await dumpLibrary(fresh)).toEqual(once);
    // A library's own choice wins over an import: a photo shown here stays shown.
    await setPhotosHidden(fresh, [fakeId(4)], false);
    await importLibrary(fresh, file);
    expect(await hiddenIds(fresh)).toEqual([fakeId(5), fakeId(6)]);
    // Showing them again gives back exactly the records before (the field goes, nothing else changes).
    await setPhotosHidden(lib, hide, false);
    expect(await dumpLibrary(lib)).toEqual(plain);
    // A file from before hiding (no field at all) imports with every photo shown.
    const old = await openLibrary({ factory: new IDBFactory() });
    await importLibrary(old, await exportLibrary(lib));
    expect(await hiddenIds(old)).toEqual([]);
  });

  test('taught labels travel with their set; a file without them imports as before, a malformed field is dropped', async () => {
    const lib = await populated();
    const files = unzipSync(await bytes(await exportLibrary(lib)));
    const [set] = JSON.parse(strFromU8(files['labels.json']!)) as LabelSet[];
    expect(set!.examples?.['my things']).toEqual({
      examples: [fakeId(4), fakeId(5)],
      counterExamples: [fakeId(6)],
      prompts: false,
    });
    const withSets = (sets: unknown[]) => zipSync({ ...files, 'labels.json': strToU8(JSON.stringify(sets)) });
    const { examples: _examples, ...old } = set!;
    const older = await openLibrary({ factory: new IDBFactory() });
    expect((await importLibrary(older, withSets([old]))).labelSetsSaved).toBe(1);
    expect(await getLabelSet(older, 's')).toEqual(old);
    const bad = {
      ...set!,
      examples: { 'my things': set!.examples!['my things'], x: { examples: 'all', counterExamples: [] }, y: null },
    };
    const checked = await openLibrary({ factory: new IDBFactory() });
    await importLibrary(checked, withSets([bad]));
    expect(await getLabelSet(checked, 's')).toEqual(set);
    await importLibrary(checked, withSets([{ ...set!, examples: 7 }]));
    expect(await getLabelSet(checked, 's')).toEqual(set); // same updatedAt: kept as it was
    const junk = await openLibrary({ factory: new IDBFactory() });
    await importLibrary(junk, withSets([{ ...set!, examples: 7 }]));
    expect(await getLabelSet(junk, 's')).toEqual(old);
  });

  test('the zip holds the documented files; location only when asked', async () => {
    const lib = await populated();
    const files = unzipSync(await bytes(await exportLibrary(lib)));
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as Manifest;
    expect(manifest).toMatchObject({
      format: 'shoebox-library',
      version: 1,
      includesLocation: false,
      counts: { photos: N, thumbnails: N, captions: 2, labelSets: 1, texts: 2 },
    });
    expect(JSON.parse(strFromU8(files['texts.json']!))).toHaveLength(2);
    expect(manifest.models.map((m) => [m.modelId, m.dims, m.count, m.data])).toEqual([
      ['Xenova/clip-vit-base-patch32', 16, N, 'embeddings/Xenova_clip-vit-base-patch32.bin'],
      ['siglip:b16', 8, 1, 'embeddings/siglip_b16.bin'],
    ]);
    expect(files['embeddings/siglip_b16.bin']!.length).toBe(8 + 4);
    expect(files[`thumbnails/${fakeId(2)}.jpg`]).toEqual(new Uint8Array([0xff, 0xd8]));
    expect(files[`thumbnails/${fakeId(0)}.webp`]).toBeDefined();
    expect(strFromU8(files['photos.json']!)).not.toContain('gps');

    const withGps = unzipSync(await bytes(await exportLibrary(lib, { includeLocation: true })));
    expect(strFromU8(withGps['photos.json']!)).toContain('"gps":{"lat":52.5');
    const target = await openLibrary({ factory: new IDBFactory() });
    await importLibrary(target, await exportLibrary(lib));
    expect((await getPhoto(target, fakeId(1)))?.gps).toBeUndefined();
  });

  test('merging into a library that already has some of the photos', async () => {
    const lib = await populated();
    const file = await exportLibrary(lib);
    const other = await openLibrary({ factory: new IDBFactory() });
    const elsewhere = fakePhoto(0, { sources: [{ rootId: 'laptop', path: 'dcim/0.jpg' }] });
    await commitPhotos(other, [{ photo: elsewhere, thumbnail: fakeThumbnail(0) }]);
    await putCaption(other, 'blip', fakeId(0), 'Rex', 'user', 1);
    const summary = await importLibrary(other, file);
    expect(summary).toMatchObject({ photosAdded: N - 1, photosMerged: 1, captionsSaved: 1 });
    expect((await getPhoto(other, fakeId(0)))?.sources).toEqual([...elsewhere.sources, ...fakePhoto(0).sources]);
    expect((await listCaptions(other, 'blip')).find((c) => c.photoId === fakeId(0))?.text).toBe('Rex');
    expect((await listEmbeddingModels(other)).map((m) => m.count)).toEqual([N, 1]);
  });

  test('a file from before photo texts (no texts.json) imports; a user text is not replaced by a model one', async () => {
    const lib = await populated();
    const files = unzipSync(await bytes(await exportLibrary(lib)));
    delete files['texts.json'];
    const target = await openLibrary({ factory: new IDBFactory() });
    expect(await importLibrary(target, zipSync(files))).toMatchObject({ photosAdded: N, textsSaved: 0 });
    await putPhotoText(target, 'florence', fakeId(0), 'ST0P', 'user', 1);
    await importLibrary(target, await exportLibrary(lib));
    expect((await listPhotoTexts(target)).map((t) => [t.text, t.source])).toEqual([
      ['ST0P', 'user'],
      ['CAFÉ\nOPEN 7 DAYS', 'user'],
    ]);
  });

  test('rejects files that are not a Shoebox export', async () => {
    const lib = await openLibrary({ factory: new IDBFactory() });
    const notOurs = zipSync({ 'manifest.json': strToU8(JSON.stringify({ format: 'something-else' })) });
    await expect(importLibrary(lib, notOurs)).rejects.toThrow(/Not a Shoebox library/);
    await expect(importLibrary(lib, zipSync({ 'x.txt': strToU8('hi') }))).rejects.toThrow(/manifest.json/);
  });

  test('storageUsage counts records and bytes per store', async () => {
    const lib = await populated();
    const usage = await storageUsage(lib);
    expect(usage.photos.count).toBe(N);
    expect(usage.thumbnails).toEqual({ count: N, bytes: (N - 1) * 6 + 2 });
    expect(usage.embeddingBlocks.count).toBe(3);
    expect(usage.embeddingBlocks.bytes).toBeGreaterThan(N * 16 + N * 4);
    expect(usage.captions.count).toBe(2);
    await deleteEverything(lib);
    expect(Object.values(await storageUsage(lib)).every((u) => u.count === 0)).toBe(true);
  });
});
