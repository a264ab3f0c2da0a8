import 'fake-indexeddb/auto';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { EngineCrashedError } from '../../engine/client';
import { openLibrary, type Library } from '../../library/db';
import { loadEmbeddingBlocks } from '../../library/embeddings';
import { StorageFullError } from '../../library/idb';
import { checkConsistency } from '../../library/maintenance';
import { listPhotos } from '../../library/photos';
import { listProblems } from '../../library/problems';
import { queueProgress } from '../../library/queue';
import { STORES } from '../../library/schema';
import { fakeId, fakeThumbnail, fakeVector } from '../../library/testing';
import { NO_META } from '../../ingest/exif';
import { failure, type DecodeResult } from '../../ingest/types';
import { TUNABLES } from '../tunables';
import { ImportJob, type ImportFile } from './importJob';

const MODEL = 'test-clip';
const ROOT = 'folder:trip';
const BATCH = TUNABLES.indexBatchSize;

/** File n of the "trip" folder: its one byte is n, so the fakes below know which file they were handed. */
function tripFiles(count: number, folder = 'trip'): ImportFile[] {
  return Array.from({ length: count }, (_, n) => ({
    file: new File([new Uint8Array([n])], `p-${n}.png`, { type: 'image/png', lastModified: 1_700_000_000_000 + n }),
    path: `${folder}/p-${n}.png`,
  }));
}

const numberOf = ({ name }: { name: string }) => Number(/p-(\d+)\./.exec(name)![1]);

/**
 * An ImportJob over a fresh fake-IndexedDB library, with a decoder and an embedder that log what they are asked.
 * The model input of file n is one pixel whose red byte is n; the embedder answers `fakeVector(n)`.
 */
async function setup(options: { lib?: Library } = {}) {
  const lib = options.lib ?? (await openLibrary({ factory: new IDBFactory() }));
  const log: string[] = [];
  const embedCalls: number[][] = [];
  const problems: [string, string][] = [];
  const committed: string[][] = [];
  const progress: [number, number, number][] = [];
  const fakes = {
    decode: async (file: File): Promise<DecodeResult> => {
      const n = numberOf(file);
      log.push(`decode ${n}`);
      return {
        ok: true,
        hash: fakeId(n + 1),
        kind: 'png',
        width: 40,
        height: 30,
        thumbnail: fakeThumbnail(n),
        modelInput: new Uint8ClampedArray([n, 0, 0, 255]),
        modelInputSide: 1,
        meta: NO_META,
        decoder: 'browser',
      };
    },
    /** Throws EngineCrashedError for a batch holding a file this says is poison. */
    crashes: (_batch: number[]) => false,
  };
  /** Called after each committed batch, to pause, cancel or fill the disk at that point. */
  let afterCommit = (_batchNo: number) => {};
  const job = (events: { onCommitted?: () => void } = {}) =>
    new ImportJob(
      {
        lib,
        modelId: MODEL,
        inputSide: 1,
        decode: (file) => fakes.decode(file),
        embed: async (crops) => {
          const batch = crops.map((c) => c[0]!);
          embedCalls.push(batch);
          log.push(`embed ${batch.join(',')}`);
          if (fakes.crashes(batch)) throw new EngineCrashedError();
          return batch.map((n) => fakeVector(n, 4));
        },
      },
      {
        onProgress: (done, failed, total) => progress.push([done, failed, total]),
        onCommitted: ({ photos }) => {
          committed.push(photos.map((p) => p.path));
          log.push(`commit ${photos.map(numberOf).join(',')}`);
          events.onCommitted?.();
          afterCommit(committed.length);
        },
        onProblem: (path, reason) => problems.push([path, reason]),
      },
    );
  return {
    lib,
    fakes,
    job,
    log,
    embedCalls,
    problems,
    committed,
    progress,
    afterCommit: (fn: (batchNo: number) => void) => (afterCommit = fn),
    stored: async () => ({
      paths: (await listPhotos(lib)).map((p) => p.path).sort(),
      vectors: (await loadEmbeddingBlocks(lib, MODEL)).reduce((n, b) => n + b.count, 0),
      queue: await queueProgress(lib, ROOT),
      problems: (await listProblems(lib)).map((p) => [p.path, p.reason]),
    }),
  };
}

const paths = (numbers: number[], folder = 'trip') => numbers.map((n) => `${folder}/p-${n}.png`).sort();
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

afterEach(() => vi.restoreAllMocks());

describe('an import', () => {
  test('decodes, embeds and commits the files in batches, the next batch decoding while one is embedded', async () => {
    expect(BATCH).toBe(8); // the batches below are written out for this size
    const t = await setup();
    await t.job().run(ROOT, tripFiles(20));

    const decodes = (from: number, to: number) => range(from, to).map((n) => `decode ${n}`);
    expect(t.log).toEqual([
      ...decodes(0, 8),
      ...decodes(8, 16),
      'embed 0,1,2,3,4,5,6,7',
      'commit 0,1,2,3,4,5,6,7',
      ...decodes(16, 20),
      'embed 8,9,10,11,12,13,14,15',
      'commit 8,9,10,11,12,13,14,15',
      'embed 16,17,18,19',
      'commit 16,17,18,19',
    ]);
    expect(t.progress).toEqual([
      [0, 0, 20],
      [8, 0, 20],
      [16, 0, 20],
      [20, 0, 20],
    ]);
    expect(await t.stored()).toEqual({
      paths: paths(range(0, 20)),
      vectors: 20,
      queue: { pending: 0, done: 20, failed: 0 },
      problems: [],
    });
    expect((await checkConsistency(t.lib)).ok).toBe(true);
  });

  test('a second run of the same folder embeds only what the first left undone', async () => {
    const t = await setup();
    const files = tripFiles(20);
    const first = t.job();
    t.afterCommit((batchNo) => batchNo === 1 && first.cancel()); // the tab closes after the first batch
    await first.run(ROOT, files);
    expect(first.cancelled).toBe(true);
    expect((await t.stored()).queue).toEqual({ pending: 12, done: 8, failed: 0 });

    t.afterCommit(() => {});
    await t.job().run(ROOT, files);
    expect(t.embedCalls).toEqual([range(0, 8), range(8, 16), range(16, 20)]); // each file embedded once
    expect(t.progress.at(-1)).toEqual([12, 0, 12]); // the resumed run counts what was left
    expect(await t.stored()).toMatchObject({ paths: paths(range(0, 20)), vectors: 20 });
    expect((await t.stored()).queue).toEqual({ pending: 0, done: 20, failed: 0 });

    // Done files are not even decoded again; a finished folder imports nothing.
    const decodedBefore = t.log.filter((l) => l.startsWith('decode')).length;
    await t.job().run(ROOT, files);
    expect(t.log.filter((l) => l.startsWith('decode')).length).toBe(decodedBefore);
    expect(t.embedCalls).toHaveLength(3);
  });

  test('the same photos in another folder are stored under both, and not embedded again', async () => {
    const t = await setup();
    await t.job().run(ROOT, tripFiles(3));
    await t.job().run('folder:copy', tripFiles(3, 'copy'));
    expect(t.embedCalls).toEqual([[0, 1, 2]]);
    const photos = await listPhotos(t.lib);
    expect(photos).toHaveLength(3);
    expect(photos.map((p) => p.sources.map((s) => s.rootId).sort())).toEqual(
      Array.from({ length: 3 }, () => ['folder:copy', ROOT]),
    );
  });
});

describe('a model crash', () => {
  test('retries the batch once, then isolates the one photo that crashes it; the rest commit', async () => {
    const t = await setup();
    t.fakes.crashes = (batch) => batch.includes(3);
    await t.job().run(ROOT, tripFiles(8));

    expect(t.embedCalls).toEqual([range(0, 8), range(0, 8), [0], [1], [2], [3], [4], [5], [6], [7]]);
    const reason = 'the model crashed on this photo (tried twice)';
    expect(t.problems).toEqual([['trip/p-3.png', reason]]);
    expect(t.progress.at(-1)).toEqual([7, 1, 8]);
    expect(await t.stored()).toEqual({
      paths: paths([0, 1, 2, 4, 5, 6, 7]),
      vectors: 7,
      queue: { pending: 0, done: 7, failed: 1 },
      problems: [['trip/p-3.png', reason]],
    });
  });

  test('that does not happen again costs one retry of the batch and nothing else', async () => {
    const t = await setup();
    let crashes = 1;
    t.fakes.crashes = () => crashes-- > 0;
    await t.job().run(ROOT, tripFiles(8));
    expect(t.embedCalls).toEqual([range(0, 8), range(0, 8)]);
    expect(t.problems).toEqual([]);
    expect(await t.stored()).toMatchObject({ paths: paths(range(0, 8)), vectors: 8 });
  });
});

describe('a file that cannot be decoded', () => {
  test('is reported with its reason, never embedded, and the rest commit', async () => {
    const t = await setup();
    const decode = t.fakes.decode;
    t.fakes.decode = async (file) => {
      if (numberOf(file) === 2) return failure('damaged', 'damaged or truncated image', 'png');
      if (numberOf(file) === 5) throw new Error('the decoder stopped');
      return decode(file);
    };
    await t.job().run(ROOT, tripFiles(8));

    expect(t.embedCalls).toEqual([[0, 1, 3, 4, 6, 7]]);
    expect(t.problems).toEqual([
      ['trip/p-2.png', 'damaged or truncated image'],
      ['trip/p-5.png', 'Error: the decoder stopped'],
    ]);
    expect(t.progress.at(-1)).toEqual([6, 2, 8]);
    expect(await t.stored()).toMatchObject({
      paths: paths([0, 1, 3, 4, 6, 7]),
      vectors: 6,
      queue: { pending: 0, done: 6, failed: 2 },
    });
  });
});

describe('pause, resume and cancel', () => {
  test('a paused import stores nothing more until it is resumed, then finishes', async () => {
    const t = await setup();
    const job = t.job();
    t.afterCommit((batchNo) => batchNo === 1 && job.pause());
    const running = job.run(ROOT, tripFiles(20));
    await vi.waitFor(() => expect(t.committed).toHaveLength(1));
    await new Promise((r) => setTimeout(r, 50));
    expect(t.embedCalls).toHaveLength(1);
    expect(t.committed).toHaveLength(1);

    job.resume();
    await running;
    expect(t.committed.map((c) => c.length)).toEqual([8, 8, 4]);
    expect((await t.stored()).queue).toEqual({ pending: 0, done: 20, failed: 0 });
  });

  test('cancelling a paused import ends it; what was committed stays and the rest is still queued', async () => {
    const t = await setup();
    const job = t.job();
    t.afterCommit((batchNo) => batchNo === 1 && job.pause());
    const running = job.run(ROOT, tripFiles(20));
    await vi.waitFor(() => expect(t.committed).toHaveLength(1));
    job.cancel();
    await running;
    expect(job.cancelled).toBe(true);
    expect(t.embedCalls).toHaveLength(1);
    expect(t.problems).toEqual([]); // files cut short by the cancel are not reported as failed
    expect(await t.stored()).toEqual({
      paths: paths(range(0, 8)),
      vectors: 8,
      queue: { pending: 12, done: 8, failed: 0 },
      problems: [],
    });
  });
});

describe('a full disk', () => {
  test('stops the import cleanly: batches committed before stay whole, the rest stays queued', async () => {
    const t = await setup();
    const put = IDBObjectStore.prototype.put;
    let full = false;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (full && this.name === STORES.thumbnails) throw new DOMException('quota', 'QuotaExceededError');
      return put.apply(this, args);
    });
    t.afterCommit(() => (full = true));
    const job = t.job();
    await expect(job.run(ROOT, tripFiles(20))).rejects.toBeInstanceOf(StorageFullError);

    expect(job.cancelled).toBe(true);
    expect(t.embedCalls).toHaveLength(2); // the second batch was embedded, then could not be stored
    expect(t.committed).toHaveLength(1);
    expect(t.problems).toEqual([]);
    expect(await t.stored()).toEqual({
      paths: paths(range(0, 8)),
      vectors: 8,
      queue: { pending: 12, done: 8, failed: 0 },
      problems: [],
    });
    expect(await checkConsistency(t.lib)).toMatchObject({ ok: true, photosWithoutThumbnail: [] });
  });
});
