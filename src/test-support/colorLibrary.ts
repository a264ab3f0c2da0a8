/** A library with coloured photos and a fake engine, for the captions and labels slices' tests (Node + fake IDB). */
import { IDBFactory } from 'fake-indexeddb';
import type { CaptionImage } from '../engine/protocol';
import { openLibrary, type Library } from '../library/db';
import { loadEmbeddingBlocks } from '../library/embeddings';
import { commitPhotos, getThumbnail } from '../library/photos';
import { fakePhoto, fakeThumbnail } from '../library/testing';
import { createSearchCore } from '../features/search/worker/core';
import type { TeachRequest } from '../search/teach';
import { labelAll, type LabelAllOptions } from '../search/zeroShot';
import type { LibraryPhase } from '../shared/phase';
import { Store } from '../shared/store';

export const TEST_COLORS = ['red', 'green', 'blue'] as const;
const TEST_MODEL = 'test-clip';

/** One direction per colour word, and a shared "photo-ness" direction every text and image has a little of. */
export function colorVector(text: string): Float32Array {
  const v = new Float32Array(4).fill(0);
  TEST_COLORS.forEach((c, i) => {
    if (new RegExp(`\\b${c}\\b`, 'u').test(text)) v[i] = 1;
  });
  v[3] = 0.3;
  return v;
}

/** What the app would tell the slices: the phase and the models in use. */
export interface WorldState {
  readonly phase: LibraryPhase;
  readonly embedderId: string;
  readonly captionerId: string;
}

/** Counts what the fake engine was asked to do, as the real engine's stats() does. */
export interface FakeEngineLog {
  texts: string[];
  captions: number;
  loads: string[];
}

/**
 * Photo n has colour TEST_COLORS[n % 3]; its vector says so. The fake captioner reads the colour from the
 * thumbnail's first byte (set by `toPixels`) and says "a <colour> picture". The vectors are stored for `model`.
 */
export async function colorLibrary(count: number, model = TEST_MODEL) {
  const lib: Library = await openLibrary({ factory: new IDBFactory() });
  const photos = Array.from({ length: count }, (_, n) => fakePhoto(n + 1));
  await commitPhotos(
    lib,
    photos.map((photo, n) => ({
      photo,
      thumbnail: fakeThumbnail(n),
      embedding: { modelId: model, vector: colorVector(TEST_COLORS[n % 3]!) },
    })),
  );
  const blocks = await loadEmbeddingBlocks(lib, model);
  const index = { blocks, ids: blocks.flatMap((b) => b.ids.slice(0, b.count)) };
  /** The search worker's core, in this thread, for what only it computes (teach by example). */
  const search = createSearchCore({ threads: 1, spawnScanner: null, shared: false });
  await search.reset(model, 4);
  for (const block of blocks) {
    await search.append(
      block.ids.slice(0, block.count),
      block.codes.slice(0, block.count * 4),
      block.scales.slice(0, block.count),
    );
  }
  const log: FakeEngineLog = { texts: [], captions: 0, loads: [] };
  const store = new Store<WorldState>({ phase: 'ready', embedderId: model, captionerId: 'fixture-color-captioner' });
  const engine = {
    async embedTexts(_model: string, texts: string[]) {
      log.texts.push(...texts);
      return texts.map(colorVector);
    },
    async load(modelId: string) {
      log.loads.push(modelId);
      return { modelId, device: 'wasm' as const };
    },
    async caption(_model: string, image: CaptionImage) {
      log.captions++;
      return `a ${TEST_COLORS[image.rgba[0]! % 3]} picture`;
    },
    async stats() {
      return { imagesEmbedded: 0, textsEmbedded: log.texts.length, captions: log.captions, answers: 0, modelLoads: 0 };
    },
  };
  /** Satisfies both the captions and the labels slice's host. */
  const host = {
    lib: () => lib,
    engine,
    store,
    phase: () => store.get().phase,
    embedderId: () => store.get().embedderId,
    captionerId: () => store.get().captionerId,
    embedTexts: (texts: string[]) => engine.embedTexts(model, texts),
    vectors: () => index,
    /** The plain reference the search worker is tested against (src/features/search/worker/core.test.ts). */
    labelAll: async (labels: readonly Float32Array[], options: LabelAllOptions) => ({
      ids: [...index.ids],
      result: labelAll(index.blocks, labels, options),
    }),
    teach: (request: TeachRequest) => search.teach(request),
    loadThumbnail: (id: string) => getThumbnail(lib, id),
  };
  /** The fake thumbnail's 5th byte is the photo's number: pixels carry it so the captioner can name the colour. */
  const toPixels = async (blob: Blob): Promise<CaptionImage> => {
    const n = new Uint8Array(await blob.arrayBuffer())[4]!;
    return { rgba: new Uint8ClampedArray([n, 0, 0, 255]), width: 1, height: 1 };
  };
  return { lib, photos, host, log, toPixels };
}
