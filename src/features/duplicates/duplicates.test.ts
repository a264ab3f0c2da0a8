import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { openLibrary } from '../../library/db';
import { commitPhotos, listPhotos } from '../../library/photos';
import type { Photo } from '../../library/schema';
import { fakeId, fakePhoto, fakeThumbnail } from '../../library/testing';
import { DuplicatesSlice } from './duplicates';

/** A 9 x 8 RGBA picture, brighter to the left; `noise` flips one pixel's brightness. */
function gradient(noise: number): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(9 * 8 * 4);
  for (let p = 0; p < 72; p++) rgba.fill(255 - (p % 9) * 20 + (p === 4 && noise ? 100 : 0), p * 4, p * 4 + 4);
  return rgba;
}

async function setup(findGroups = async () => [[fakeId(0), fakeId(1), fakeId(3)]] as string[][] | null) {
  const lib = await openLibrary({ factory: new IDBFactory() });
  const photos = [
    fakePhoto(0, { width: 800, height: 600 }),
    fakePhoto(1, { width: 4000, height: 3000 }),
    fakePhoto(2, { width: 4000, height: 3000, size: 1 }),
    fakePhoto(3),
  ];
  await commitPhotos(
    lib,
    photos.map((photo, i) => ({ photo, thumbnail: fakeThumbnail(i) })),
  );
  const changed: Photo[][] = [];
  const slice = new DuplicatesSlice(
    {
      lib: () => lib,
      photos: () => photos,
      findGroups: (p) => findGroups().then((g) => (p(1, 2), g)),
      hasCaption: () => false,
      thumbnailPixels: async (id) => (id === fakeId(2) ? null : gradient(id === fakeId(0) ? 1 : 0)),
    },
    { hiddenChanged: (c) => changed.push([...c]), showHiddenChanged: () => undefined },
    1000,
  );
  const hidden = async () => (await listPhotos(lib)).filter((p) => p.hidden).map((p) => p.id);
  return { lib, photos, slice, changed, hidden };
}

describe('the duplicates slice', () => {
  it('finds groups, hides all but the best, and undoes it', async () => {
    const { photos, slice, changed, hidden } = await setup();
    await slice.find();
    expect(slice.store.get()).toMatchObject({ status: 'done', groups: [[fakeId(0), fakeId(1), fakeId(3)]] });
    await slice.hideRest([photos.slice(0, 3)]);
    expect(await hidden()).toEqual([fakeId(0), fakeId(2)]);
    expect(changed.at(-1)!.map((p) => p.id)).toEqual([fakeId(0), fakeId(2)]);
    expect(slice.store.get().undo).toMatchObject({ ids: [fakeId(0), fakeId(2)], hidden: true });
    await slice.undoLast();
    expect(await hidden()).toEqual([]);
    expect(slice.store.get().undo).toBeNull();
    // Hiding what is hidden changes nothing and offers nothing to undo.
    await slice.hide([fakeId(3)]);
    await slice.hide([fakeId(3)]);
    expect(await hidden()).toEqual([fakeId(3)]);
    await slice.unhide([fakeId(3)]);
    expect(await hidden()).toEqual([]);
  });

  it('stops offering undo after its time; showing again stays possible', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { slice, hidden } = await setup();
      await slice.hide([fakeId(1)]);
      expect(slice.store.get().undo).not.toBeNull();
      vi.advanceTimersByTime(1001);
      expect(slice.store.get().undo).toBeNull();
      await slice.undoLast(); // nothing to undo now
      expect(await hidden()).toEqual([fakeId(1)]);
      await slice.unhide([fakeId(1)]);
      expect(await hidden()).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps only pictures whose thumbnail hashes agree; a photo without a thumbnail joins none', async () => {
    const { slice } = await setup(async () => [[fakeId(0), fakeId(1), fakeId(2)]]);
    await slice.find();
    expect(slice.store.get().groups).toEqual([[fakeId(0), fakeId(1)]]);
  });

  it('reports progress, can be cancelled, and says what went wrong', async () => {
    const cancelled = await setup(async () => null);
    await cancelled.slice.find();
    expect(cancelled.slice.store.get().status).toBe('cancelled');
    const broken = await setup(async () => {
      throw new Error('index not loaded');
    });
    await broken.slice.find();
    expect(broken.slice.store.get()).toMatchObject({
      status: 'error',
      error: "Couldn't group duplicates: index not loaded",
    });
  });
});
