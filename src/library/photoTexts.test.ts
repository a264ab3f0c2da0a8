import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { openLibrary } from './db';
import { deletePhoto, putPhoto } from './photos';
import {
  deleteNote,
  deletePhotoText,
  listNotes,
  listPhotoTexts,
  putNote,
  putPhotoText,
  unreadPhotos,
} from './photoTexts';
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

  test('notes live beside the texts: never read as OCR, none for a missing photo, gone with their photo', async () => {
    const lib = await library(2);
    const note = { question: 'What colour?', answer: 'It is red.', modelId: 'vlm' };
    expect(await putNote(lib, fakeId(9), note)).toBeNull();
    const first = await putNote(lib, fakeId(1), note, 10);
    await putNote(lib, fakeId(1), { ...note, question: 'Again?' }, 20);
    await putNote(lib, fakeId(2), note, 30);
    await putPhotoText(lib, 'florence', fakeId(1), 'STOP', 'model');
    expect((await listPhotoTexts(lib)).map((t) => t.text)).toEqual(['STOP']);
    expect(await unreadPhotos(lib, 'florence')).toEqual([fakeId(2)]);
    expect((await listNotes(lib)).map((n) => [n.photoId, n.note?.question, n.text])).toEqual([
      [fakeId(1), 'What colour?', 'What colour?\nIt is red.'],
      [fakeId(1), 'Again?', 'Again?\nIt is red.'],
      [fakeId(2), 'What colour?', 'What colour?\nIt is red.'],
    ]);
    await deleteNote(lib, first!);
    await deletePhoto(lib, fakeId(2));
    expect((await listNotes(lib)).map((n) => n.note?.question)).toEqual(['Again?']);
  });
});
