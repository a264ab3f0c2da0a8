/**
 * The text slice on the real engine core and the Florence-2 fixture (transformers.js + onnxruntime-web WASM in
 * Node), over a fake-indexeddb library: the originals are generated pictures, one colour a photo.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, test } from 'vitest';
import { createEngine, type Engine } from '../../engine/core/engine';
import { openLibrary } from '../../library/db';
import { commitPhotos } from '../../library/photos';
import { listPhotoTexts } from '../../library/photoTexts';
import { fakePhoto, fakeThumbnail } from '../../library/testing';
import { captionTerms, captionTermsMatchScore } from '../../search/query';
import type { Pixels } from '../../shared/pixels';
import { loadTransformers } from '../../test-support/node-transformers';
import { PhotoTexts } from './photoTexts';

const READER = 'fixture-color-florence';
const COLOURS: Record<string, readonly number[]> = { red: [220, 30, 35], blue: [30, 40, 210], green: [40, 150, 50] };
const ORDER = ['red', 'blue', 'green', 'red'] as const;

let engine: Engine;
beforeAll(async () => {
  engine = createEngine(
    await loadTransformers(),
    { webgpu: false, shaderF16: false, threads: 2, crossOriginIsolated: false },
    () => 'auto',
  );
});

function solid(rgb: readonly number[], side: number, checker?: readonly number[]): Pixels {
  const rgba = new Uint8ClampedArray(side * side * 4);
  for (let i = 0; i < side * side; i++) {
    const x = i % side;
    const y = Math.floor(i / side);
    rgba.set([...(checker && (x + y) % 2 ? checker : rgb), 255], i * 4);
  }
  return { rgba, width: side, height: side };
}

async function setup(options: { first?: string[]; unreadable?: Set<string> } = {}) {
  const lib = await openLibrary({ factory: new IDBFactory() });
  const photos = ORDER.map((_, n) => fakePhoto(n + 1));
  await commitPhotos(
    lib,
    photos.map((photo, n) => ({ photo, thumbnail: fakeThumbnail(n), embedding: { modelId: 'm', vector: [1, 0] } })),
  );
  const colourOf = new Map(photos.map((p, n) => [p.id, ORDER[n]!]));
  const asked: { id: string; maxSide: number }[] = [];
  let changes = 0;
  const texts = new PhotoTexts(
    {
      lib: () => lib,
      engine: {
        load: (modelId, preference) => engine.load(modelId, preference ?? 'auto'),
        caption: (modelId, image, options) => engine.caption(modelId, image, options),
      },
      readerId: () => READER,
      phase: () => 'ready',
      device: () => 'wasm',
      async loadOriginalPixels(id, maxSide) {
        asked.push({ id, maxSide });
        if (options.unreadable?.has(id)) return undefined;
        return solid(COLOURS[colourOf.get(id)!]!, maxSide);
      },
      textLikelyFirst: async () => options.first ?? [],
    },
    { onChange: () => changes++ },
  );
  await texts.reload();
  return { lib, photos, texts, asked, changes: () => changes };
}

describe('reading the text in photos', () => {
  test('one photo on request: the original at the model size, stored for the reader, searchable', async () => {
    const { texts, photos, lib, asked } = await setup();
    await texts.readOne(photos[0]!.id);
    expect(asked).toEqual([{ id: photos[0]!.id, maxSide: 768 }]);
    expect(await listPhotoTexts(lib)).toMatchObject([{ modelId: READER, text: 'STOP', source: 'model' }]);
    const terms = texts.termsById().get(photos[0]!.id)!;
    expect(captionTermsMatchScore(captionTerms('stop'), terms)).toBe(1);
    expect(captionTermsMatchScore(captionTerms('sto'), terms)).toBe(1);
  });

  test('the whole library in the background, likely documents first; a search word finds exactly its photos', async () => {
    const { texts, photos, asked } = await setup({ first: [fakePhoto(3).id] });
    texts.readAll();
    await texts.idle();
    expect(asked[0]?.id).toBe(photos[2]!.id);
    expect(texts.store.get().background).toMatchObject({ running: false, done: 4, total: 4, failed: 0 });
    const matches = (q: string) =>
      photos.filter((p) => captionTermsMatchScore(captionTerms(q), texts.termsById().get(p.id) ?? new Set()) > 0);
    expect(matches('stop').map((p) => p.id)).toEqual([photos[0]!.id, photos[3]!.id]);
    expect(matches('cafe').map((p) => p.id)).toEqual([photos[1]!.id]);
    // A second run has nothing left to read.
    texts.readAll();
    await texts.idle();
    expect(texts.store.get().background).toMatchObject({ done: 0, total: 0 });
  });

  test('pause holds the run, resume continues it, cancel stops it with what was read kept', async () => {
    const { texts, lib } = await setup();
    texts.readAll();
    texts.pause();
    await new Promise((r) => setTimeout(r, 50));
    expect(texts.store.get().background).toMatchObject({ running: true, paused: true, done: 0 });
    texts.resume();
    while (texts.store.get().background.done < 1) await new Promise((r) => setTimeout(r, 5));
    texts.cancel();
    await texts.idle();
    const done = texts.store.get().background.done;
    expect(done).toBeLessThan(4);
    expect((await listPhotoTexts(lib)).length).toBe(done);
  });

  test("the user's correction wins over the model and is what search matches; cleared, the model reads again", async () => {
    const { texts, photos } = await setup();
    const id = photos[0]!.id;
    await texts.readOne(id);
    await texts.edit(id, '  STOP HERE\r\nNOW ');
    expect(texts.store.get().byId.get(id)).toMatchObject({ text: 'STOP HERE\nNOW', source: 'user' });
    await texts.readOne(id);
    expect(texts.store.get().byId.get(id)).toMatchObject({ text: 'STOP HERE\nNOW', source: 'user' });
    expect(captionTermsMatchScore(captionTerms('here'), texts.termsById().get(id)!)).toBe(1);
    expect([...texts.phraseMatches('stop here now')]).toEqual([id]);
    expect([...texts.phraseMatches('here stop')]).toEqual([]);
    await texts.edit(id, '');
    expect(texts.store.get().byId.has(id)).toBe(false);
    await texts.readOne(id);
    expect(texts.store.get().byId.get(id)).toMatchObject({ text: 'STOP', source: 'model' });
  });

  test('an unreadable original is reported, not thrown, and nothing is stored', async () => {
    const { texts, photos, lib } = await setup({ unreadable: new Set([fakePhoto(1).id]) });
    await texts.readOne(photos[0]!.id);
    expect(texts.store.get().error).toMatch(/original file can't be read/);
    expect(await listPhotoTexts(lib)).toEqual([]);
  });
});
