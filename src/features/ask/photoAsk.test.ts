/**
 * The ask slice on the real engine core and the SmolVLM fixture (transformers.js + onnxruntime-web WASM in Node),
 * over a fake-indexeddb library: the pictures are generated, one colour a photo.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeAll, describe, expect, test } from 'vitest';
import { createEngine, type Engine } from '../../engine/core/engine';
import { openLibrary, type Library } from '../../library/db';
import { exportLibrary, importLibrary } from '../../library/exportImport';
import { commitPhotos } from '../../library/photos';
import { listNotes, listPhotoTexts } from '../../library/photoTexts';
import { dumpLibrary, fakePhoto, fakeThumbnail } from '../../library/testing';
import { captionTerms, captionTermsMatchScore } from '../../search/query';
import type { Pixels } from '../../shared/pixels';
import { loadTransformers } from '../../test-support/node-transformers';
import { notesToCsv } from './notesCsv';
import { PhotoAsk, type CurrentAnswer } from './photoAsk';

const VLM = 'fixture-color-smolvlm';
const COLOURS: readonly (readonly number[])[] = [
  [220, 30, 35],
  [30, 40, 210],
];
const FULL_RED = 'It is red. The whole photo is red, from edge to edge: red, red and red again.';

let engine: Engine;
beforeAll(async () => {
  engine = createEngine(
    await loadTransformers(),
    { webgpu: false, shaderF16: false, threads: 2, crossOriginIsolated: false },
    () => 'auto',
  );
}, 60_000);

function solid(rgb: readonly number[], side: number): Pixels {
  const rgba = new Uint8ClampedArray(side * side * 4);
  for (let i = 0; i < side * side; i++) rgba.set([...rgb, 255], i * 4);
  return { rgba, width: side, height: side };
}

async function library(): Promise<{ lib: Library; ids: string[] }> {
  const lib = await openLibrary({ factory: new IDBFactory() });
  const photos = COLOURS.map((_, n) => fakePhoto(n + 1));
  await commitPhotos(
    lib,
    photos.map((photo, n) => ({ photo, thumbnail: fakeThumbnail(n), embedding: { modelId: 'm', vector: [1, 0] } })),
  );
  return { lib, ids: photos.map((p) => p.id) };
}

async function setup() {
  const { lib, ids } = await library();
  const ask = new PhotoAsk({
    lib: () => lib,
    engine: {
      load: (modelId, preference) => engine.load(modelId, preference ?? 'auto'),
      ask: (modelId, image, question, onToken, signal) => {
        signal?.addEventListener('abort', () => void engine.cancelAsk());
        return engine.ask(modelId, image, question, onToken);
      },
    },
    askerId: () => VLM,
    device: () => 'wasm',
    loadPixels: async (id, maxSide) => solid(COLOURS[ids.indexOf(id)]!, Math.min(maxSide, 48)),
    onWasm: async () => true,
  });
  await ask.reload();
  const seen: CurrentAnswer[] = [];
  ask.store.subscribe(() => {
    const current = ask.store.get().current;
    if (current && current !== seen.at(-1)) seen.push(current);
  });
  return { lib, ids, ask, seen };
}

describe('asking a photo', () => {
  test('the answer streams into the state piece by piece and names the colour', async () => {
    const { ask, ids, seen } = await setup();
    await ask.ask(ids[0]!, 'What colour is this?');
    expect(ask.store.get().current).toMatchObject({
      answer: FULL_RED,
      status: 'done',
      question: 'What colour is this?',
    });
    const streamed = seen.filter((c) => c.status === 'streaming').map((c) => c.answer);
    expect(streamed.length).toBeGreaterThan(10);
    for (const [i, text] of streamed.entries()) if (i > 0) expect(text.startsWith(streamed[i - 1]!)).toBe(true);
    await ask.ask(ids[1]!, 'And what colour is this one?');
    expect(ask.store.get().current?.answer).toContain('blue');
  });

  test('Stop ends the answer mid-way and keeps what came', async () => {
    const { ask, ids } = await setup();
    const stopped = new Promise<void>((resolve) => {
      const off = ask.store.subscribe(() => {
        if ((ask.store.get().current?.answer.length ?? 0) > 0) {
          off();
          ask.stop();
          resolve();
        }
      });
    });
    await ask.ask(ids[0]!, 'What colour is this?');
    await stopped;
    const current = ask.store.get().current!;
    expect(current.status).toBe('stopped');
    expect(current.answer.length).toBeGreaterThan(0);
    expect(current.answer.length).toBeLessThan(FULL_RED.length / 2);
  });

  test('a saved note is searchable, kept apart from OCR text, exported and imported (twice changes nothing)', async () => {
    const { ask, ids, lib } = await setup();
    await ask.ask(ids[0]!, 'What colour is this?');
    await ask.saveNote();
    await ask.saveNote(); // saved once only
    expect(ask.store.get().current?.saved).toBe(true);
    const notes = await listNotes(lib);
    expect(notes).toMatchObject([
      { photoId: ids[0], source: 'user', note: { question: 'What colour is this?', answer: FULL_RED, modelId: VLM } },
    ]);
    expect(await listPhotoTexts(lib)).toEqual([]);
    const terms = ask.termsById();
    expect(captionTermsMatchScore(captionTerms('edge'), terms.get(ids[0]!)!)).toBeGreaterThan(0);
    expect(terms.has(ids[1]!)).toBe(false);

    const file = await exportLibrary(lib);
    const { lib: other } = await library();
    await importLibrary(other, file);
    expect(await listNotes(other)).toEqual(notes);
    const once = await dumpLibrary(other);
    await importLibrary(other, file);
    expect(await dumpLibrary(other)).toEqual(once);

    await ask.deleteNote(notes[0]!);
    expect(await listNotes(lib)).toEqual([]);
    expect(ask.termsById().size).toBe(0);
  });
});

describe('notes as CSV', () => {
  test('one row per note, model text escaped like any cell', () => {
    const note = (question: string, answer: string, at: number) => ({
      modelId: `note:${at}`,
      photoId: 'a',
      text: `${question}\n${answer}`,
      source: 'user' as const,
      at,
      note: { question, answer, modelId: VLM },
    });
    const csv = notesToCsv(
      [{ id: 'a', path: 'trip/a.jpg' }],
      new Map([['a', [note('What colour?', '=HYPERLINK("x")', 0), note('Is it, "red"?', 'yes\nred', 1000)]]]),
    );
    expect(csv.split('\r\n')).toEqual([
      'file,question,answer,model,saved,id',
      `trip/a.jpg,What colour?,"'=HYPERLINK(""x"")",${VLM},1970-01-01T00:00:00.000Z,a`,
      `trip/a.jpg,"Is it, ""red""?","yes\nred",${VLM},1970-01-01T00:00:01.000Z,a`,
      '',
    ]);
  });
});
