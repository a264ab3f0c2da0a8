import type { Library } from '../../library/db';
import { StorageFullError } from '../../library/idb';
import { addProblem } from '../../library/problems';
import { getRoot, listRoots, pendingFiles, putRoot } from '../../library/queue';
import { INDEXING_LOCK, withIndexingLock } from '../../library/sync';
import { ensureReadPermission, walkDirectoryHandle } from '../../ingest/walk';
import type { DecodeResult } from '../../ingest/types';
import { describeError } from '../../shared/errors';
import { Store } from '../../shared/store';
import { ImportJob, type CommittedBatch, type ImportFile } from './importJob';
import { RateMeter } from './rate';
import { rescanRoot } from './rescan';
import { TUNABLES } from '../tunables';

/** A named set of files to import: a dropped or picked folder, or loose files. */
export interface ImportSource {
  readonly rootId: string;
  readonly name: string;
  readonly files: readonly ImportFile[];
  readonly handle?: FileSystemDirectoryHandle;
  /** Folders and files the walk could not read (loops, too deep, unreadable), reported like undecodable files. */
  readonly skipped?: readonly { path: string; why: string }[];
}

export interface IndexingProgress {
  readonly done: number;
  readonly total: number;
  readonly failed: number;
  /** Photos per second over the last few seconds. */
  readonly rate: number;
  readonly paused: boolean;
  readonly rootName: string;
}

/** An import a closed tab left unfinished. */
export interface InterruptedImport {
  readonly rootId: string;
  readonly name: string;
  readonly left: number;
  /** Whether a stored folder handle lets Shoebox read the files again (else the user drops the folder again). */
  readonly canResume: boolean;
}

export interface ImportState {
  /** An import is decoding and embedding (the model is loaded). */
  readonly running: boolean;
  readonly indexing: IndexingProgress | null;
  readonly interrupted: readonly InterruptedImport[];
}

/** Decoding at the size the current model wants. */
export interface Decoder {
  decode(file: File, side: number, signal: AbortSignal): Promise<DecodeResult>;
}

/** What an import needs, handed over by the app. */
export interface ImportHost {
  lib(): Library;
  /** Loads the current embedder (falling back as the app decides); false when no model could be loaded. */
  ensureModel(): Promise<boolean>;
  embedderId(): string;
  inputSize(modelId: string): Promise<number>;
  embed(modelId: string, crops: Uint8ClampedArray[]): Promise<Float32Array[]>;
  decoder(): Decoder;
}

/** What an import reports; the app decides what follows (refresh the grid, tell other tabs, show a message). */
export interface ImportEvents {
  /** A batch of photos was committed, with the vectors embedded for them by `modelId`. */
  committed(batch: CommittedBatch, modelId: string): void;
  /** An import ended, whichever way: what it stored was all in its committed batches. */
  finished(): Promise<void>;
  /** A re-scan changed the library beyond what imports commit (forgotten files): it must be read again. */
  rescanned(): Promise<void>;
  /** Files were reported as not imported. */
  problemsChanged(): void;
  /** Something the user must be told; null: nothing new (the app keeps its standing notices). */
  tell(message: string | null): void;
}

/**
 * Imports: one at a time across tabs (Web Locks), with pause, resume and cancel, progress with rate and time left,
 * imports a closed tab left unfinished, and re-scans of a folder through its stored handle.
 */
export class ImportSlice {
  readonly store = new Store<ImportState>({ running: false, indexing: null, interrupted: [] });
  private job: ImportJob | null = null;
  private readonly rateMeter = new RateMeter(TUNABLES.rateWindowMs);
  /** While this tab holds the cross-tab indexing lock (an import waiting for another tab's says so). */
  private holdsIndexingLock = false;

  constructor(
    private readonly host: ImportHost,
    private readonly events: ImportEvents,
  ) {}

  /** Imports a folder or files; one import runs at a time across tabs (Web Locks). */
  async import(source: ImportSource): Promise<void> {
    const lib = this.host.lib();
    for (const { path, why } of source.skipped ?? [])
      await addProblem(lib, { rootId: source.rootId, path, reason: why });
    if (source.skipped?.length) this.events.problemsChanged();
    if (source.files.length === 0) return;
    void this.sayIfAnotherTabIndexes(source.name);
    await withIndexingLock(async () => {
      this.holdsIndexingLock = true;
      await putRoot(lib, { id: source.rootId, name: source.name, handle: source.handle, lastScan: Date.now() });
      if (!(await this.host.ensureModel())) return;
      // Read after loading: with the hub unreachable, loading switched to the demo models.
      const modelId = this.host.embedderId();
      const decoder = this.host.decoder();
      const job = new ImportJob(
        {
          lib,
          modelId,
          inputSide: await this.host.inputSize(modelId),
          decode: (file, side, signal) => decoder.decode(file, side, signal),
          // The abort signal is not passed on: a cancel lets the batch in flight finish (about a second) and drops
          // it, rather than killing the model worker, which the next search would have to start and warm up again.
          embed: (crops) => this.host.embed(modelId, crops),
        },
        {
          onProgress: (done, failed, total) => this.onProgress(source.name, done, failed, total),
          onCommitted: (batch) => this.events.committed(batch, modelId),
          onProblem: () => this.events.problemsChanged(),
        },
      );
      this.job = job;
      this.store.set({ running: true });
      this.events.tell(null);
      try {
        await job.run(source.rootId, source.files);
        this.events.tell(job.cancelled ? 'Import cancelled. What was indexed stays.' : null);
      } catch (error) {
        if (error instanceof StorageFullError) {
          this.events.tell(`${error.message} Indexing stopped; everything already stored is safe.`);
        } else if (job.cancelled || (error as DOMException).name === 'AbortError') {
          this.events.tell('Import cancelled. What was indexed stays.');
        } else {
          this.events.tell(`Import stopped: ${describeError(error)}`);
        }
      } finally {
        this.job = null;
        await this.findInterrupted();
        this.store.set({ running: false, indexing: null });
        await this.events.finished();
      }
    }).finally(() => (this.holdsIndexingLock = false));
  }

  /** An import waiting for another tab's says so, instead of seeming to do nothing. */
  private async sayIfAnotherTabIndexes(name: string): Promise<void> {
    if (!('locks' in navigator)) return;
    const { held = [] } = await navigator.locks.query();
    if (!this.holdsIndexingLock && held.some((lock) => lock.name === INDEXING_LOCK))
      this.events.tell(`Another Shoebox tab is indexing; "${name}" starts when it finishes.`);
  }

  /** Imports left unfinished by a closed tab or a crash, so the user can finish them. */
  async findInterrupted(): Promise<void> {
    const lib = this.host.lib();
    const [pending, roots] = await Promise.all([pendingFiles(lib), listRoots(lib)]);
    const interrupted = roots
      .map((root) => ({
        rootId: root.id,
        name: root.name,
        left: pending.filter((p) => p.rootId === root.id).length,
        canResume: !!root.handle,
      }))
      .filter((r) => r.left > 0);
    this.store.set({ interrupted });
  }

  /** Re-scans a folder through its stored handle: indexes new and changed files, forgets deleted ones. */
  rescan = async (rootId: string): Promise<void> => {
    const lib = this.host.lib();
    const root = await getRoot(lib, rootId);
    if (!root?.handle || !(await ensureReadPermission(root.handle))) {
      this.events.tell(`Shoebox can't read "${root?.name ?? rootId}" any more; drop the folder again.`);
      return;
    }
    const { toIndex, forgotten } = await rescanRoot(lib, { ...root, handle: root.handle });
    await this.events.rescanned();
    await this.import({ rootId, name: root.name, files: toIndex, handle: root.handle });
    this.events.tell(`Re-scanned ${root.name}: ${toIndex.length} new or changed, ${forgotten} removed.`);
  };

  /** Folders the library was filled from, for the Folders view. */
  folders = () => listRoots(this.host.lib());

  /** Finishes an interrupted import from its stored folder handle (asks for read access again if needed). */
  resumeInterrupted = async (rootId: string): Promise<void> => {
    const root = await getRoot(this.host.lib(), rootId);
    if (!root?.handle || !(await ensureReadPermission(root.handle))) {
      this.events.tell(`Drop the folder "${root?.name ?? rootId}" again to finish its import.`);
      return;
    }
    const files = await walkDirectoryHandle(root.handle);
    await this.import({ rootId, name: root.name, files, handle: root.handle });
  };

  pause = (): void => {
    this.job?.pause();
    this.rateMeter.pause(performance.now());
    this.store.set((s) => ({ indexing: s.indexing && { ...s.indexing, paused: true } }));
  };

  resume = (): void => {
    this.job?.resume();
    this.rateMeter.resume(performance.now());
    this.store.set((s) => ({ indexing: s.indexing && { ...s.indexing, paused: false } }));
  };

  cancel = (): void => this.job?.cancel();

  private onProgress(rootName: string, done: number, failed: number, total: number): void {
    if (!this.store.get().indexing) this.rateMeter.reset(); // a new import
    this.store.set((s) => ({
      indexing: {
        done: done + failed,
        total,
        failed,
        rate: this.rateMeter.sample(done + failed, performance.now()),
        paused: s.indexing?.paused ?? false,
        rootName,
      },
    }));
  }
}
