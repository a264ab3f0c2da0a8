import * as Comlink from 'comlink';
import { describeError } from '../shared/errors';
import { decodeOnPage } from './fallbackDecode';
import { coreBudget } from './coreBudget';
import { DECODE_TIMEOUT_MS, MODEL_INPUT_SIDE } from './tunables';
import { failure, type DecodeApi, type DecodeFailure, type DecodeResult } from './types';

export interface DecodeClientOptions {
  /** Workers in the pool; default the core budget's (coreBudget.ts), for a model on WebGPU when `webgpu`. */
  poolSize?: number;
  modelInputSide?: number;
  webgpu?: boolean;
  timeoutMs?: number;
  /** Test seam: how a worker is started. */
  createWorker?: () => Worker;
}

interface Slot {
  worker: Worker;
  api: Comlink.Remote<DecodeApi>;
  /** Rejects when the worker reports an uncaught error, so a call never waits forever. */
  died: Promise<never>;
}

interface Job {
  file: Blob;
  signal: AbortSignal | undefined;
  resolve: (result: DecodeResult) => void;
}

const startDecodeWorker = () =>
  new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'shoebox-decode' });

/**
 * The page's side of decoding: a small pool of decode workers, a queue, abort and timeout (both replace the worker,
 * the only way to stop a decode midway), and the page fallback for files the worker refuses. Never rejects:
 * every file ends as a DecodedPhoto or a DecodeFailure with a reason.
 */
export class DecodeClient {
  private readonly slots: (Slot | null)[];
  private readonly idle: number[];
  private readonly queue: Job[] = [];
  private readonly modelInputSide: number;
  private readonly timeoutMs: number;
  private readonly createWorker: () => Worker;

  constructor(options: DecodeClientOptions = {}) {
    // Decoding shares the cores with the model's WASM threads (BENCHMARKS.md: oversubscribing them slowed embedding
    // 4x): the core budget sizes the pool.
    const cores = globalThis.navigator?.hardwareConcurrency || 1;
    const budget = coreBudget({ cores, webgpu: options.webgpu ?? false });
    const size = Math.max(1, options.poolSize ?? budget.decodeWorkers);
    this.slots = Array.from({ length: size }, () => null);
    this.idle = this.slots.map((_, i) => i);
    this.modelInputSide = options.modelInputSide ?? MODEL_INPUT_SIDE;
    this.timeoutMs = options.timeoutMs ?? DECODE_TIMEOUT_MS;
    this.createWorker = options.createWorker ?? startDecodeWorker;
  }

  /** Decodes one file. Resolves with an `aborted` failure when the signal fires. */
  decode(file: Blob, signal?: AbortSignal): Promise<DecodeResult> {
    return new Promise((resolve) => {
      this.queue.push({ file, signal, resolve });
      this.pump();
    });
  }

  /** Stops all workers; queued files resolve as aborted. */
  dispose(): void {
    for (const job of this.queue.splice(0)) job.resolve(failure('aborted', 'import cancelled'));
    this.slots.forEach((_, i) => this.kill(i));
  }

  private pump(): void {
    while (this.queue.length > 0 && this.idle.length > 0) {
      const job = this.queue.shift()!;
      if (job.signal?.aborted) {
        job.resolve(failure('aborted', 'import cancelled'));
        continue;
      }
      const index = this.idle.pop()!;
      void this.run(index, job).then((result) => {
        job.resolve(result);
        this.idle.push(index);
        this.pump();
      });
    }
  }

  private async run(index: number, job: Job): Promise<DecodeResult> {
    const slot = this.slot(index);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const stopped = new Promise<DecodeFailure>((resolve) => {
      timer = setTimeout(() => resolve(failure('timeout', 'took too long to decode')), this.timeoutMs);
      onAbort = () => resolve(failure('aborted', 'import cancelled'));
      job.signal?.addEventListener('abort', onAbort, { once: true });
    });
    let dead = false;
    const crashed = slot.died.catch(() => {
      dead = true;
      return failure('damaged', 'the decoder stopped on this file');
    });
    try {
      const result = await Promise.race([this.decodeIn(slot, job.file), stopped, crashed]);
      if (dead || (!result.ok && (result.code === 'timeout' || result.code === 'aborted'))) {
        this.kill(index); // the worker may still be busy with this file (or is dead): start afresh next time
      }
      return result;
    } catch (error) {
      this.kill(index);
      return failure('damaged', `damaged or truncated image (${describeError(error)})`);
    } finally {
      clearTimeout(timer);
      if (onAbort) job.signal?.removeEventListener('abort', onAbort);
    }
  }

  private async decodeIn(slot: Slot, file: Blob): Promise<DecodeResult> {
    const result = await slot.api.decode(file, this.modelInputSide);
    if (result.ok || result.code !== 'unsupported-by-worker') return result;
    let decoded;
    try {
      decoded = await decodeOnPage(file);
    } catch {
      return slot.api.decodeFromPreview(file, result.reason, this.modelInputSide);
    }
    const [bitmap, decoder] = decoded;
    return slot.api.decodeFromBitmap(Comlink.transfer(bitmap, [bitmap]), file, decoder, this.modelInputSide);
  }

  private slot(index: number): Slot {
    const existing = this.slots[index];
    if (existing) return existing;
    const worker = this.createWorker();
    const died = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => reject(new Error(e.message || 'decode worker failed')));
    });
    died.catch(() => undefined);
    const slot: Slot = { worker, api: Comlink.wrap<DecodeApi>(worker), died };
    this.slots[index] = slot;
    return slot;
  }

  private kill(index: number): void {
    const slot = this.slots[index];
    if (!slot) return;
    slot.api[Comlink.releaseProxy]();
    slot.worker.terminate();
    this.slots[index] = null;
  }
}
