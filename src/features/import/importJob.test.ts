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
    /** What the engine spends on a batch before it answers. */
    embedding: async (_batch: number[]) => {},
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
          await fakes.embedding(batch);
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

/** The library, its batch commits (the readwrite transactions holding thumbnails) kept busy for `holdMs` each: a slow disk. */
function slowCommits(lib: Library, holdMs: number): Library {
  const db = new Proxy(lib.db, {
    get(target, prop) {
      if (prop === 'transaction') {
        return (stores: string | string[], mode?: IDBTransactionMode) => {
          const tx = target.transaction(stores, mode);
          if (mode === 'readwrite' && [stores].flat().includes(STORES.thumbnails)) {
            const until = Date.now() + holdMs;
            const store = tx.objectStore(STORES.thumbnails);
            const busy = () => void (Date.now() < until && (store.count().onsuccess = busy));
            busy();
          }
          return tx;
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db, name: lib.name, close: () => lib.close() };
}

const paths = (numbers: number[], folder = 'trip') => numbers.map((n) => `${folder}/p-${n}.png`).sort();
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

afterEach(() => vi.restoreAllMocks());

describe('an import', () => {
  test("embeds the next batch while the previous batch's commit is still running", async () => {
    const HOLD_MS = 150;
    const t = await setup({ lib: slowCommits(await openLibrary({ factory: new IDBFactory() }), HOLD_MS) });
    const calls: [start: number, end: number][] = [];
    t.fakes.embedding = async () => {
      const start = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 2 * HOLD_MS));
      calls.push([start, Date.now()]);
    };
    await t.job().run(ROOT, tripFiles(3 * BATCH));

    // Each commit holds the disk for HOLD_MS while the engine works on the next batch; it never waits for one.
    expect(calls.length).toBeGreaterThan(2);
    for (let k = 1; k < calls.length; k++) expect(calls[k]![0] - calls[k - 1]![1]).toBeLessThan(HOLD_MS / 2);
  });

  test('embeds a file whose content the same import already embedded only once', async () => {
    const t = await setup();
    const decode = t.fakes.decode;
    t.fakes.decode = async (file) => {
      const result = await decode(file);
      return result.ok && numberOf(file) >= BATCH ? { ...result, hash: fakeId(1) } : result; // copies of file 0
    };
    await t.job().run(ROOT, tripFiles(2 * BATCH));

    expect(t.embedCalls.flat()).toEqual(range(0, BATCH)); // the later copies were not embedded again
    expect((await t.stored()).vectors).toBe(BATCH);
  });

  test('decodes, embeds and commits every file once, in batches of at most the batch size, in order', async () => {
    const t = await setup();
    await t.job().run(ROOT, tripFiles(20));

    expect(t.embedCalls.flat()).toEqual(range(0, 20)); // each file embedded once, in the order decoded
    expect(t.embedCalls.every((b) => b.length >= 1 && b.length <= BATCH)).toBe(true);
    expect(t.committed.map((c) => c.length)).toEqual(t.embedCalls.map((b) => b.length));
    expect(t.progress[0]).toEqual([0, 0, 20]);
    expect(t.progress.at(-1)).toEqual([20, 0, 20]);
    const dones = t.progress.map(([done]) => done);
    expect(dones).toEqual([...dones].sort((x, y) => x - y));
    expect(await t.stored()).toEqual({
      paths: paths(range(0, 20)),
      vectors: 20,
      queue: { pending: 0, done: 20, failed: 0 },
      problems: [],
    });
    expect((await checkConsistency(t.lib)).ok).toBe(true);
  });

  test('is a continuous pipeline: the engine starts on the first photo ready, decoding goes on meanwhile', async () => {
    const t = await setup();
    const decode = t.fakes.decode;
    const gates = new Map<number, () => void>();
    t.fakes.decode = async (file) => {
      await new Promise<void>((resolve) => gates.set(numberOf(file), resolve));
      return decode(file);
    };
    const running = t.job().run(ROOT, tripFiles(40));
    await vi.waitFor(() => expect(gates.size).toBe(2 * BATCH)); // decodes run ahead, bounded by the ready queue
    gates.get(0)!();
    await vi.waitFor(() => expect(t.embedCalls).toEqual([[0]])); // no waiting for a full batch
    for (const n of range(1, 5)) gates.get(n)!();
    await vi.waitFor(() => expect(t.embedCalls).toEqual([[0], [1, 2, 3, 4]]));
    await vi.waitFor(() => expect(gates.size).toBe(2 * BATCH + 5)); // taken photos free room for more decodes
    let released = 5;
    while (released < 40) {
      await vi.waitFor(() => expect(gates.has(released)).toBe(true));
      gates.get(released++)!();
    }
    await running;
    expect(t.embedCalls.flat()).toEqual(range(0, 40));
    expect((await t.stored()).queue).toEqual({ pending: 0, done: 40, failed: 0 });
  });

  test('a second run of the same folder embeds only what the first left undone', async () => {
    const t = await setup();
    const files = tripFiles(20);
    const first = t.job();
    t.afterCommit((batchNo) => batchNo === 1 && first.cancel()); // the tab closes after the first batch
    await first.run(ROOT, files);
    expect(first.cancelled).toBe(true);
    const firstBatch = t.committed[0]!.length;
    expect(t.committed).toHaveLength(1);
    expect((await t.stored()).queue).toEqual({ pending: 20 - firstBatch, done: firstBatch, failed: 0 });

    t.afterCommit(() => {});
    const firstRunEmbeds = t.embedCalls.length;
    await t.job().run(ROOT, files);
    // The second run embeds exactly what the first did not store, each once.
    expect(t.embedCalls.slice(firstRunEmbeds).flat()).toEqual(range(firstBatch, 20));
    expect(t.progress.at(-1)).toEqual([20 - firstBatch, 0, 20 - firstBatch]); // the resumed run counts what was left
    expect(await t.stored()).toMatchObject({ paths: paths(range(0, 20)), vectors: 20 });
    expect((await t.stored()).queue).toEqual({ pending: 0, done: 20, failed: 0 });

    // Done files are not even decoded again; a finished folder imports nothing.
    const decodedBefore = t.log.filter((l) => l.startsWith('decode')).length;
    await t.job().run(ROOT, files);
    expect(t.log.filter((l) => l.startsWith('decode')).length).toBe(decodedBefore);
    expect(t.embedCalls.slice(firstRunEmbeds).flat()).toHaveLength(20 - firstBatch);
  });

  test('the same photos in another folder are stored under both, and not embedded again', async () => {
    const t = await setup();
    await t.job().run(ROOT, tripFiles(3));
    await t.job().run('folder:copy', tripFiles(3, 'copy'));
    expect(t.embedCalls.flat()).toEqual([0, 1, 2]);
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

    const first = t.embedCalls.findIndex((b) => b.includes(3));
    const crashing = t.embedCalls[first]!;
    expect(crashing.length).toBeGreaterThan(1);
    // The batch holding photo 3 is tried twice, then each of its photos alone; every other batch once.
    const retried = first + 2 + crashing.length;
    expect(t.embedCalls.slice(first, retried)).toEqual([crashing, crashing, ...crashing.map((n) => [n])]);
    const others = [...t.embedCalls.slice(0, first), ...t.embedCalls.slice(retried)].flat();
    expect([...others, ...crashing].sort((x, y) => x - y)).toEqual(range(0, 8));
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
    expect(t.embedCalls[1]).toEqual(t.embedCalls[0]); // the crashed batch, once more
    expect(t.embedCalls.slice(1).flat()).toEqual(range(0, 8));
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

    expect(t.embedCalls.flat()).toEqual([0, 1, 3, 4, 6, 7]);
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

/** Waits until the job has stored nothing new for a while (the batch in flight at a pause still commits). */
async function settled(t: { committed: string[][]; embedCalls: number[][] }): Promise<void> {
  for (let seen = -1; seen !== t.committed.length + t.embedCalls.length;) {
    seen = t.committed.length + t.embedCalls.length;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('pause, resume and cancel', () => {
  test('a paused import stores nothing more until it is resumed, then finishes', async () => {
    const t = await setup();
    const job = t.job();
    t.afterCommit((batchNo) => batchNo === 1 && job.pause());
    const running = job.run(ROOT, tripFiles(20));
    await vi.waitFor(() => expect(t.committed.length).toBeGreaterThanOrEqual(1));
    await settled(t);
    const [embeds, commits] = [t.embedCalls.length, t.committed.length];
    expect(commits).toBeLessThanOrEqual(2); // the first batch, and the one the engine held when paused
    expect(t.committed.flat().length).toBeLessThan(20);
    await new Promise((r) => setTimeout(r, 50));
    expect([t.embedCalls.length, t.committed.length]).toEqual([embeds, commits]);

    job.resume();
    await running;
    expect(t.committed.flat().sort()).toEqual(paths(range(0, 20)));
    expect((await t.stored()).queue).toEqual({ pending: 0, done: 20, failed: 0 });
  });

  test('an import paused before it starts finishes when resumed: the decoding and the engine both wait, both go on', async () => {
    const t = await setup();
    const job = t.job();
    job.pause();
    const running = job.run(ROOT, tripFiles(12));
    await new Promise((r) => setTimeout(r, 100));
    expect(t.committed).toEqual([]);
    job.resume();
    const ended = await Promise.race([running.then(() => 'ended'), new Promise((r) => setTimeout(r, 5000, 'stuck'))]);
    expect(ended).toBe('ended');
    expect(t.committed.flat().sort()).toEqual(paths(range(0, 12)));
  });

  test('cancelling a paused import ends it; what was committed stays and the rest is still queued', async () => {
    const t = await setup();
    const job = t.job();
    t.afterCommit((batchNo) => batchNo === 1 && job.pause());
    const running = job.run(ROOT, tripFiles(20));
    await vi.waitFor(() => expect(t.committed.length).toBeGreaterThanOrEqual(1));
    await settled(t);
    const embeds = t.embedCalls.length;
    job.cancel();
    await running;
    expect(job.cancelled).toBe(true);
    expect(t.embedCalls).toHaveLength(embeds);
    expect(t.problems).toEqual([]); // files cut short by the cancel are not reported as failed
    const kept = t.committed.flat();
    expect(await t.stored()).toEqual({
      paths: [...kept].sort(),
      vectors: kept.length,
      queue: { pending: 20 - kept.length, done: kept.length, failed: 0 },
      problems: [],
    });
  });

  test('cancelling while a batch is embedded drops that batch: it is neither stored nor marked done', async () => {
    const t = await setup();
    let embedding: (() => void) | null = null;
    let calls = 0;
    const embedded = new Promise<void>((resolve) => (embedding = resolve));
    const slowJob = new ImportJob(
      {
        lib: t.lib,
        modelId: MODEL,
        inputSide: 1,
        decode: (file) => t.fakes.decode(file),
        embed: async (crops) => {
          if (++calls === 2) {
            embedding!();
            await new Promise((r) => setTimeout(r, 30));
          }
          return crops.map((c) => fakeVector(c[0]!, 4));
        },
      },
      {
        onProgress: () => undefined,
        onCommitted: ({ photos }) => t.committed.push(photos.map((p) => p.path)),
        onProblem: () => undefined,
      },
    );
    const running = slowJob.run(ROOT, tripFiles(20));
    await embedded; // the second batch is in the engine
    slowJob.cancel();
    await running;
    const kept = t.committed.flat();
    expect(t.committed).toHaveLength(1);
    expect(await t.stored()).toMatchObject({
      paths: [...kept].sort(),
      queue: { pending: 20 - kept.length, done: kept.length, failed: 0 },
      problems: [],
    });
    expect((await checkConsistency(t.lib)).ok).toBe(true);
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
    expect(t.embedCalls.length).toBeGreaterThanOrEqual(2); // the second batch was embedded, then could not be stored
    expect(t.committed).toHaveLength(1);
    expect(t.problems).toEqual([]);
    const kept = t.committed[0]!;
    expect(await t.stored()).toEqual({
      paths: [...kept].sort(),
      vectors: kept.length,
      queue: { pending: 20 - kept.length, done: kept.length, failed: 0 },
      problems: [],
    });
    expect(await checkConsistency(t.lib)).toMatchObject({ ok: true, photosWithoutThumbnail: [] });
  });
});
