import * as Comlink from 'comlink';
import type {
  Answer,
  CaptionImage,
  CaptionOptions,
  DeviceCapabilities,
  DevicePreference,
  EngineApi,
  EngineConfig,
  EngineStats,
  LoadedModel,
  ModelProgressEvent,
  ResidentModel,
  Towers,
} from './protocol';
import type { ModelSpec } from './models/types';

/** Raised for calls that died with the worker (crash, out of memory, or a test hook that killed it). */
export class EngineCrashedError extends Error {
  constructor() {
    super('the model worker stopped unexpectedly');
    this.name = 'EngineCrashedError';
  }
}

interface Live {
  worker: Worker;
  api: Comlink.Remote<EngineApi>;
  capabilities: Promise<DeviceCapabilities>;
  /** Rejects when this worker dies, so pending calls never hang (comlink alone would wait forever). */
  died: Promise<never>;
  kill: () => void;
}

/**
 * The page's side of the engine: starts the worker on first use, re-creates it after a crash (reloading the models
 * it had), and aborts long calls by terminating it — the only way to stop a model download or inference midway.
 */
export class EngineClient {
  private live: Live | null = null;
  /** What a fresh worker loads again after a crash: each model with its device and towers. */
  private readonly loaded = new Map<string, { preference: DevicePreference; towers: Towers }>();
  private readonly registered = new Map<string, ModelSpec>();
  private onProgress: ((e: ModelProgressEvent) => void) | null = null;
  restarts = 0;

  constructor(private readonly config: EngineConfig = defaultConfig()) {}

  /** Listens to model-loading progress (one listener: the app's store). */
  setProgressListener(listener: ((e: ModelProgressEvent) => void) | null): void {
    this.onProgress = listener;
  }

  capabilities(): Promise<DeviceCapabilities> {
    return this.ensure().capabilities;
  }

  /** Tells the worker (and every later one) about models imported from folders. */
  registerModels(specs: ModelSpec[]): Promise<void> {
    for (const spec of specs) this.registered.set(spec.id, spec);
    return this.call((api) => api.registerModels(specs));
  }

  /** Loads a model; for an embedder, `towers` 'text' is enough to search (the vision tower loads when needed). */
  async load(
    modelId: string,
    preference: DevicePreference = 'auto',
    signal?: AbortSignal,
    towers: Towers = 'both',
  ): Promise<LoadedModel> {
    const load = () => this.call((api) => api.load(modelId, preference, this.progressProxy(), towers), signal);
    const worker = this.ensure();
    const result = await load().catch((error: unknown) => {
      // The worker deleted a damaged cached file. ONNX Runtime is not to be trusted after a session failed to build,
      // so a fresh worker (one for all the loads that failed together) loads the model once more, fetching anew.
      // A load the worker died in (or that was cut short by such a recycling) is tried once more too.
      if ((error as Error | null)?.name === 'DamagedModelError') {
        if (this.live === worker) this.kill();
      } else if (!(error instanceof EngineCrashedError)) throw error;
      return load();
    });
    const before = this.loaded.get(modelId);
    this.loaded.set(modelId, { preference, towers: before?.towers === 'both' ? 'both' : towers });
    return result;
  }

  inputSize(modelId: string): Promise<number> {
    return this.call((api) => api.inputSize(modelId));
  }

  /** Embeds square RGBA crops; the crops' buffers are transferred (unusable afterwards). */
  embedImages(modelId: string, crops: Uint8ClampedArray[], signal?: AbortSignal): Promise<Float32Array[]> {
    const buffers = crops.map((c) => c.buffer as ArrayBuffer);
    return this.call((api) => api.embedImages(modelId, Comlink.transfer(crops, buffers)), signal);
  }

  embedTexts(modelId: string, texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    return this.call((api) => api.embedTexts(modelId, texts), signal);
  }

  caption(modelId: string, image: CaptionImage, options?: CaptionOptions, signal?: AbortSignal) {
    return this.call((api) => api.caption(modelId, image, options), signal);
  }

  /**
   * Asks a VLM about a picture; `onToken` gets the answer piece by piece. Aborting `signal` stops the answer at once
   * (the worker stays, with its models) and resolves with what came so far.
   */
  async ask(
    modelId: string,
    image: CaptionImage,
    question: string,
    onToken?: (piece: string) => void,
    signal?: AbortSignal,
  ): Promise<Answer> {
    signal?.throwIfAborted();
    const cancel = () => void this.live?.api.cancelAsk().catch(() => undefined);
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      const stream = Comlink.proxy((piece: string) => onToken?.(piece));
      return await this.call((api) => api.ask(modelId, image, question, stream));
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }

  /** The generative model the worker holds (a captioner or a VLM), with the bytes of its files. */
  resident(): Promise<ResidentModel[]> {
    return this.call((api) => api.resident());
  }

  stats(): Promise<EngineStats> {
    return this.call((api) => api.stats());
  }

  /** Test hook and last resort: kills the worker as a crash would. Pending calls reject with EngineCrashedError. */
  kill(): void {
    this.live?.kill();
  }

  dispose(): void {
    this.kill();
    this.loaded.clear();
  }

  private progressProxy() {
    return Comlink.proxy((e: ModelProgressEvent) => this.onProgress?.(e));
  }

  private async call<T>(fn: (api: Comlink.Remote<EngineApi>) => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    const live = this.ensure();
    await Promise.race([live.capabilities, live.died]);
    // Killed while starting (a crash, or the kill switch): the proxy is released, so never call through it.
    if (this.live !== live) throw new EngineCrashedError();
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        live.kill();
        reject(signal?.reason ?? new DOMException('aborted', 'AbortError'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([fn(live.api), live.died, aborted]);
    } finally {
      // A later abort (say, cancelling the import this call belonged to) must not kill a worker others now use.
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private ensure(): Live {
    if (this.live) return this.live;
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'shoebox-engine' });
    const api = Comlink.wrap<EngineApi>(worker);
    let fail!: (e: Error) => void;
    const died = new Promise<never>((_, reject) => (fail = reject));
    died.catch(() => undefined);
    const live: Live = {
      worker,
      api,
      died,
      capabilities: null as unknown as Promise<DeviceCapabilities>,
      kill: () => {
        if (this.live !== live) return;
        this.live = null;
        worker.terminate();
        api[Comlink.releaseProxy]();
        fail(new EngineCrashedError());
      },
    };
    worker.addEventListener('error', () => live.kill());
    live.capabilities = this.start(live);
    this.live = live;
    return live;
  }

  /** Initializes a fresh worker and, after a crash, reloads the models the old one had. */
  private async start(live: Live): Promise<DeviceCapabilities> {
    const caps = await Promise.race([live.api.init(this.config), live.died]);
    if (this.registered.size > 0)
      await Promise.race([live.api.registerModels([...this.registered.values()]), live.died]);
    if (this.loaded.size > 0) this.restarts++;
    for (const [modelId, { preference, towers }] of this.loaded) {
      await Promise.race([live.api.load(modelId, preference, this.progressProxy(), towers), live.died]);
    }
    return caps;
  }
}

function defaultConfig(): EngineConfig {
  const base = new URL(import.meta.env.BASE_URL, location.origin);
  // A path, not a URL: transformers.js joins it with the model id and would collapse the '//' of 'http://'.
  return { localModels: `${base.pathname}models/`, ortWasm: new URL('ort/', base).href };
}
