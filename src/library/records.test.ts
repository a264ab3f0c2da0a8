import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { captionsForPhoto, deleteCaption, getCaption, listCaptions, missingCaptions, putCaption } from './captions';
import { openLibrary } from './db';
import { deleteLabelSet, getLabelSet, listLabelSets, putLabelSet } from './labels';
import { getMeta, setMeta } from './maintenance';
import { addProblem, clearProblems, listProblems } from './problems';
import { commitPhotos } from './photos';
import {
  clearQueue,
  deleteRoot,
  enqueueFiles,
  getRoot,
  listRoots,
  markDone,
  markFailed,
  pendingFiles,
  putRoot,
  queueProgress,
} from './queue';
import type { LabelSet } from './schema';
import { fakeId, fakePhoto, fakeThumbnail } from './testing';

async function open(photos = 0) {
  const lib = await openLibrary({ factory: new IDBFactory() });
  const items = Array.from({ length: photos }, (_, i) => ({ photo: fakePhoto(i), thumbnail: fakeThumbnail(i) }));
  await commitPhotos(lib, items);
  return lib;
}

describe('captions', () => {
  test("a user's caption is never overwritten by a model's", async () => {
    const lib = await open(2);
    expect(await putCaption(lib, 'blip', fakeId(0), 'a dog on grass', 'model', 1)).toBe('saved');
    expect(await putCaption(lib, 'blip', fakeId(0), 'Rex in the garden', 'user', 2)).toBe('saved');
    expect(await putCaption(lib, 'blip', fakeId(0), 'a brown dog', 'model', 3)).toBe('kept-user-caption');
    expect(await getCaption(lib, 'blip', fakeId(0))).toEqual({
      modelId: 'blip',
      photoId: fakeId(0),
      text: 'Rex in the garden',
      source: 'user',
      at: 2,
    });
    expect(await putCaption(lib, 'blip', fakeId(0), 'Rex, age 3', 'user', 2)).toBe('saved'); // same ms still wins
    expect((await getCaption(lib, 'blip', fakeId(0)))?.text).toBe('Rex, age 3');
  });

  test('models overwrite their own captions; other models are separate', async () => {
    const lib = await open(2);
    await putCaption(lib, 'blip', fakeId(0), 'old', 'model', 1);
    await putCaption(lib, 'blip', fakeId(0), 'new', 'model', 2);
    await putCaption(lib, 'florence', fakeId(0), 'other', 'model', 2);
    expect((await captionsForPhoto(lib, fakeId(0))).map((c) => [c.modelId, c.text])).toEqual([
      ['blip', 'new'],
      ['florence', 'other'],
    ]);
    expect((await listCaptions(lib, 'blip')).length).toBe(1);
    expect((await listCaptions(lib)).length).toBe(2);
    expect(await missingCaptions(lib, 'blip')).toEqual([fakeId(1)]);
    await deleteCaption(lib, 'blip', fakeId(0));
    expect(await getCaption(lib, 'blip', fakeId(0))).toBeUndefined();
  });

  test('no caption for a photo that does not exist', async () => {
    const lib = await open(0);
    expect(await putCaption(lib, 'blip', fakeId(5), 'ghost', 'model')).toBe('no-such-photo');
    expect(await listCaptions(lib)).toEqual([]);
  });
});

describe('label sets', () => {
  test('create, read, update, delete', async () => {
    const lib = await open();
    const set: LabelSet = {
      id: 'scenes',
      name: 'Scenes',
      labels: ['beach', 'forest'],
      templates: ['a photo of {}'],
      mode: 'single',
      threshold: 0.2,
      thresholds: { beach: 0.3 },
      updatedAt: 1,
    };
    await putLabelSet(lib, set);
    expect(await getLabelSet(lib, 'scenes')).toEqual(set);
    await putLabelSet(lib, { ...set, labels: [...set.labels, 'city'], updatedAt: 2 });
    expect((await listLabelSets(lib)).map((s) => s.labels)).toEqual([['beach', 'forest', 'city']]);
    await deleteLabelSet(lib, 'scenes');
    expect(await listLabelSets(lib)).toEqual([]);
  });
});

describe('roots, import queue and problems', () => {
  test('the queue remembers what is done across re-scans', async () => {
    const lib = await open();
    await putRoot(lib, { id: 'r1', name: 'Holiday', lastScan: null });
    expect(await getRoot(lib, 'r1')).toEqual({ id: 'r1', name: 'Holiday', lastScan: null });
    const files = ['a.jpg', 'b.jpg', 'c.jpg'].map((path, i) => ({ path, size: 10 + i, lastModified: i }));
    expect(await enqueueFiles(lib, 'r1', files)).toEqual({ queued: 3, unchanged: 0 });
    await markDone(lib, 'r1', ['a.jpg']);
    await markFailed(lib, 'r1', 'b.jpg', 'not an image');
    expect(await queueProgress(lib, 'r1')).toEqual({ pending: 1, done: 1, failed: 1 });

    // Re-scan: a.jpg unchanged stays done; c.jpg was edited so it is pending again; d.jpg is new.
    const rescan = [files[0]!, { ...files[2]!, lastModified: 99 }, { path: 'd.jpg', size: 1, lastModified: 1 }];
    expect(await enqueueFiles(lib, 'r1', rescan)).toEqual({ queued: 2, unchanged: 1 });
    expect((await pendingFiles(lib, 'r1')).map((f) => f.path)).toEqual(['c.jpg', 'd.jpg']);
    expect((await pendingFiles(lib)).length).toBe(2);
    expect((await listProblems(lib, 'r1')).map((p) => [p.path, p.reason])).toEqual([['b.jpg', 'not an image']]);

    await clearQueue(lib, 'r1');
    expect(await queueProgress(lib, 'r1')).toEqual({ pending: 0, done: 0, failed: 0 });
    await enqueueFiles(lib, 'r1', files);
    await deleteRoot(lib, 'r1');
    expect(await listRoots(lib)).toEqual([]);
    expect(await pendingFiles(lib)).toEqual([]);
  });

  test('problems are listed in order and cleared per root', async () => {
    const lib = await open();
    await addProblem(lib, { rootId: 'r1', path: 'x.heic', reason: 'HEIC decoder failed', at: 5 });
    await addProblem(lib, { rootId: 'r2', path: 'y.tif', reason: 'too large' });
    await addProblem(lib, { path: 'z.png', reason: 'unreadable' });
    expect((await listProblems(lib)).map((p) => p.path)).toEqual(['x.heic', 'y.tif', 'z.png']);
    await clearProblems(lib, 'r1');
    expect((await listProblems(lib)).map((p) => p.path)).toEqual(['y.tif', 'z.png']);
    await clearProblems(lib);
    expect(await listProblems(lib)).toEqual([]);
  });
});

describe('meta', () => {
  test('values round-trip by key', async () => {
    const lib = await open();
    expect(await getMeta(lib, 'lastExport')).toBeUndefined();
    await setMeta(lib, 'lastExport', { at: 5, models: ['clip'] });
    expect(await getMeta(lib, 'lastExport')).toEqual({ at: 5, models: ['clip'] });
  });
});
