import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { openLibrary } from './db';
import { deletePhoto, putPhoto } from './photos';
import { deletePhotoText, listPhotoTexts, putPhotoText, unreadPhotos } from './photoTexts';
import { fakeId, fakePhoto } from './testing';

async function library(n: number) {
  const lib = await openLibrary({ factory: new IDBFactory() });
  for (let i = 1; i <= n; i++) await putPhoto(lib, fakePhoto(i));
  return lib;
}

describe('photo texts (OCR)', () => {
  test("the user's text wins over the model's; clearing it lets the model read again", async () => {
    const lib = await library(1);
    await putPhotoText(lib, 'florence', fakeId(1), 'ST0P', 'model', 1);
    expect(await putPhotoText(lib, 'florence', fakeId(1), 'STOP', 'user', 2)).toBe('saved');
    expect(await putPhotoText(lib, 'florence', fakeId(1), 'SPOT', 'model', 3)).toBe('kept-user-caption');
    expect((await listPhotoTexts(lib)).map((t) => [t.text, t.source])).toEqual([['STOP', 'user']]);
    await deletePhotoText(lib, 'florence', fakeId(1));
    expect(await unreadPhotos(lib, 'florence')).toEqual([fakeId(1)]);
  });

  test('no text for a photo that is not there; a deleted photo takes its texts along', async () => {
    const lib = await library(2);
    expect(await putPhotoText(lib, 'florence', fakeId(9), 'X', 'model')).toBe('no-such-photo');
    await putPhotoText(lib, 'florence', fakeId(1), 'STOP', 'model');
    await putPhotoText(lib, 'other', fakeId(1), 'STOP', 'model');
    await deletePhoto(lib, fakeId(1));
    expect(await listPhotoTexts(lib)).toEqual([]);
  });

  test('unread photos are per model, the ones asked first ahead of the rest', async () => {
    const lib = await library(4);
    await putPhotoText(lib, 'florence', fakeId(2), '', 'model'); // read, no text: not read again
    expect(await unreadPhotos(lib, 'florence', [fakeId(4), fakeId(2)])).toEqual([fakeId(4), fakeId(1), fakeId(3)]);
    expect(await unreadPhotos(lib, 'other')).toHaveLength(4);
  });
});
