import type { Library } from '../../library/db';
import { hasEmbedding } from '../../library/embeddings';
import { StorageFullError } from '../../library/idb';
import { commitPhotos, type PhotoCommit } from '../../library/photos';
import { enqueueFiles, markDone, markFailed, pendingFiles } from '../../library/queue';
import type { Photo } from '../../library/schema';
import type { DecodeResult, DecodedPhoto } from '../../ingest/types';
import { EngineCrashedError } from '../../engine/client';
import { ReadyQueue } from '../../ingest/readyQueue';
import { TUNABLES } from '../tunables';

/** A file found in a drop or a picked folder. */
export interface ImportFile {
  readonly file: File;
  /** Path relative to the dropped folder, including its name: `photos/2019/a.jpg`. */
  readonly path: string;
}

export interface IndexerDeps {
  readonly lib: Library;
  readonly modelId: string;
  readonly inputSide: number;
  decode(file: File, side: number, signal: AbortSignal): Promise<DecodeResult>;
  /** Embeds model-input crops (RGBA squares of `inputSide`), one vector each. */
  embed(crops: Uint8ClampedArray[], signal: AbortSignal): Promise<Float32Array[]>;
}

export interface CommittedBatch {
  readonly photos: readonly Photo[];
  readonly embeddings: readonly { readonly id: string; readonly vector: ArrayLike<number> }[];
}

export interface IndexerEvents {
  onProgress(done: number, failed: number, total: number): void;
  /** A batch is stored: its photos, and the vectors embedded for them (photos already embedded have none). */
  onCommitted(batch: CommittedBatch): void;
  onProblem(path: string, reason: string): void;
}

interface Decoded {
  item: ImportFile;
  photo: DecodedPhoto;
  /** Whether the library holds this model's vector for the photo's content, looked up when it was decoded. */
  known: Promise<boolean>;
}

/**
 * One import: a continuous pipeline of decode -> embed -> one atomic commit per batch. The decode pool fills a
 * bounded queue, the engine takes what is ready when it is free, and commits run behind the embedding. Files already done in an interrupted run of the same folder are skipped, a model
 * crash retries the batch once and then isolates the file that crashes it, and a full disk stops cleanly.
 */
export class ImportJob {
  private paused = false;
  /** Who waits at the gate while paused: the decoding and the engine, each (one wake for both lost one of them). */
  private waiting: (() => void)[] = [];
  private readonly abort = new AbortController();
  private done = 0;
  private failed = 0;
  private rootId = '';
  /** Content hashes this import has embedded: a later copy of the same file is not embedded again. */
  private readonly embedded = new Set<string>();

  constructor(
    private readonly deps: IndexerDeps,
    private readonly events: IndexerEvents,
  ) {}

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    for (const wake of this.waiting.splice(0)) wake();
  }

  cancel(): void {
    this.abort.abort(new DOMException('import cancelled', 'AbortError'));
    this.resume();
  }

  get cancelled(): boolean {
    return this.abort.signal.aborted;
  }

  /** Runs the import; resolves when every file is stored or reported (or the job was cancelled). */
  async run(rootId: string, files: readonly ImportFile[]): Promise<void> {
    const { lib } = this.deps;
    this.rootId = rootId;
    const meta = files.map((f) => ({ path: f.path, size: f.file.size, lastModified: f.file.lastModified }));
    await enqueueFiles(lib, rootId, meta);
    const todo = await this.stillToDo(rootId, files);
    const total = todo.length;
    this.events.onProgress(0, 0, total);

    // Decoding runs ahead of the engine into a bounded queue; the engine takes whatever is ready (up to a batch)
    // the moment it is free, and each batch's commit runs behind the next batch's embedding.
    const batch = TUNABLES.indexBatchSize;
    const ready = new ReadyQueue<Decoded>(batch * TUNABLES.indexReadyBatches);
    const producing = this.produce(todo, ready);
    let committing: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        await this.gate();
        if (this.cancelled) break;
        const decoded = await ready.take(batch);
        if (decoded.length === 0 || this.cancelled) break;
        const stored = await this.embedBatch(decoded);
        await committing; // commits stay in order; a failed one (a full disk) stops the import here
        if (this.cancelled) break; // a batch embedded while the import was cancelled is dropped, not stored
        committing = this.commitBatch(stored).then(() => this.events.onProgress(this.done, this.failed, total));
        committing.catch(() => undefined); // handled: awaited above before the next commit, or below
      }
      await committing;
    } finally {
      ready.finish();
      await producing;
    }
  }

  /** Decodes the files in order into `ready`, as far ahead as it has room; stops when the queue is finished. */
  private async produce(files: readonly ImportFile[], ready: ReadyQueue<Decoded>): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    for (const item of files) {
      await this.gate();
      if (this.cancelled || !(await ready.reserve())) break;
      const work = this.decodeOne(item).then(async (decoded) => {
        if (decoded && !this.cancelled) return ready.put(decoded);
        ready.release();
      });
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
    }
    await Promise.all(inFlight);
    ready.finish();
  }

  /** Files of this root not yet done (same path, size and date) — an interrupted import resumes, nothing twice. */
  private async stillToDo(rootId: string, files: readonly ImportFile[]): Promise<ImportFile[]> {
    const pending = new Set((await pendingFiles(this.deps.lib, rootId)).map((q) => q.path));
    return files.filter((f) => pending.has(f.path));
  }

  private async gate(): Promise<void> {
    while (this.paused && !this.cancelled) await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** One file decoded; a failure is reported (unless the import was cancelled) and gives null. */
  private async decodeOne(item: ImportFile): Promise<Decoded | null> {
    let result: DecodeResult;
    try {
      result = await this.deps.decode(item.file, this.deps.inputSide, this.abort.signal);
    } catch (error) {
      result = { ok: false, code: 'damaged', reason: String(error) };
    }
    if (!result.ok) {
      if (!this.cancelled) await this.report(item.path, result.reason);
      return null;
    }
    // Looked up now, ahead of the engine: a lookup started at embedding time would wait on the previous batch's
    // commit (IndexedDB runs a read after a pending write to the same store), and the engine with it.
    const known = hasEmbedding(this.deps.lib, this.deps.modelId, result.hash);
    known.catch(() => undefined); // awaited when the batch is embedded; a cancelled import may never take it
    return { item, photo: result, known };
  }

  /** Embeds the photos of a batch the model has not seen (by content hash); what to commit, and what crashed. */
  private async embedBatch(decoded: Decoded[]): Promise<{ commits: PhotoCommit[]; crashed: Decoded[] }> {
    const { modelId } = this.deps;
    const known = await Promise.all(decoded.map((d) => d.known));
    const toEmbed = decoded.filter((d, i) => !known[i] && !this.embedded.has(d.photo.hash));
    const vectors = await this.embedWithRetry(toEmbed);
    for (const d of vectors.keys()) this.embedded.add(d.photo.hash);
    const commits: PhotoCommit[] = [];
    const crashed: Decoded[] = [];
    for (const d of decoded) {
      const vector = vectors.get(d);
      if (toEmbed.includes(d) && !vector) {
        crashed.push(d);
        continue;
      }
      commits.push({
        photo: toPhoto(this.rootId, d),
        thumbnail: d.photo.thumbnail,
        embedding: vector ? { modelId, vector } : undefined,
      });
    }
    return { commits, crashed };
  }

  /** One atomic commit of a batch, then its queue entries; a full disk cancels the import. */
  private async commitBatch({ commits, crashed }: { commits: PhotoCommit[]; crashed: Decoded[] }): Promise<void> {
    const { lib } = this.deps;
    try {
      await commitPhotos(lib, commits);
    } catch (error) {
      if (error instanceof StorageFullError) this.cancel();
      throw error;
    }
    await markDone(
      lib,
      this.rootId,
      commits.map((c) => c.photo.path),
    );
    for (const d of crashed) await this.report(d.item.path, 'the model crashed on this photo (tried twice)');
    this.done += commits.length;
    this.events.onCommitted({
      photos: commits.map((c) => c.photo),
      embeddings: commits.flatMap((c) => (c.embedding ? [{ id: c.photo.id, vector: c.embedding.vector }] : [])),
    });
  }

  /** A crash retries the whole batch once; if it crashes again, each photo goes alone so one bad file is isolated. */
  private async embedWithRetry(items: Decoded[]): Promise<Map<Decoded, Float32Array>> {
    const out = new Map<Decoded, Float32Array>();
    if (items.length === 0) return out;
    const attempt = async (group: Decoded[]) => {
      const crops = group.map((d) => d.photo.modelInput.slice());
      const vectors = await this.deps.embed(crops, this.abort.signal);
      group.forEach((d, i) => out.set(d, vectors[i]!));
    };
    for (let tries = 0; tries < 2; tries++) {
      try {
        await attempt(items);
        return out;
      } catch (error) {
        if (!(error instanceof EngineCrashedError)) throw error;
      }
    }
    for (const d of items) {
      try {
        await attempt([d]);
      } catch (error) {
        if (!(error instanceof EngineCrashedError)) throw error;
      }
    }
    return out;
  }

  private async report(path: string, reason: string): Promise<void> {
    this.failed++;
    await markFailed(this.deps.lib, this.rootId, path, reason);
    this.events.onProblem(path, reason);
  }
}

function toPhoto(rootId: string, { item, photo }: Decoded): Photo {
  return {
    id: photo.hash,
    path: item.path,
    name: item.file.name,
    size: item.file.size,
    lastModified: item.file.lastModified,
    mime: item.file.type || `image/${photo.kind}`,
    width: photo.width,
    height: photo.height,
    takenAt: photo.meta.takenAt ? Date.parse(photo.meta.takenAt) : null,
    addedAt: Date.now(),
    sources: [{ rootId, path: item.path }],
    // Kept on this device only; the library export leaves it out unless the user asks for it.
    ...(photo.meta.gps ? { gps: { lat: photo.meta.gps.latitude, lon: photo.meta.gps.longitude } } : {}),
    ...(photo.meta.camera ? { camera: photo.meta.camera } : {}),
  };
}
