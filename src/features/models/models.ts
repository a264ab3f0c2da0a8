import type { EngineClient } from '../../engine/client';
import { chooseDevice, chooseDtype } from '../../engine/core/device';
import { DEFAULT_MODELS, MODEL_CATALOG, findModel, isEmbedder } from '../../engine/models';
import { MODEL_CACHE, hubFileUrl, hubRepoPrefix, requiredFiles } from '../../engine/models/files';
import {
  ModelFolderError,
  describeImportedModel,
  importedModels,
  isModelFile,
  registerImportedModels,
  unregisterImportedModel,
} from '../../engine/models/imported';
import type { DTypeChoice, ModelSpec } from '../../engine/models/types';
import type { DevicePreference } from '../../engine/protocol';
import { whileBusy } from '../../pwa/busy';
import { describeError } from '../../shared/errors';
import { Store } from '../../shared/store';

export type ModelSource = 'hub' | 'demo';

/** What the models slice needs from the app. */
export interface ModelsHost {
  readonly engine: Pick<EngineClient, 'registerModels' | 'capabilities'> & Partial<Pick<EngineClient, 'resident'>>;
  device(): DevicePreference;
  /** Where models come from now: the hub, or the offline demo models (also after a hub fallback). */
  modelSource(): ModelSource;
  /** Whether photos are being indexed (the embedder can't change then). */
  indexing(): boolean;
  /** Where imported models and the user's choice are remembered (localStorage in the browser). */
  readonly storage: Storage | null;
}

/** Whether a model can run with no network: all its files are in the browser cache (demo models ship with the app). */
export type ModelAvailability = 'built-in' | 'cached' | 'partial' | 'not-cached';

export interface ModelRow {
  readonly spec: ModelSpec;
  readonly availability: ModelAvailability;
  /** Bytes its cached files take. */
  readonly bytes: number;
  readonly active: boolean;
  /**
   * For the generative model in memory (one captioner or VLM at a time): the bytes of the files it was loaded from,
   * a stand-in for the memory it takes (ONNX Runtime's own use is not visible to the page). Null when not loaded.
   */
  readonly residentBytes: number | null;
}

export interface ModelsState {
  /** The models in use: the one owner of this choice (the Captions and Models tabs both change it here). */
  readonly embedderId: string;
  readonly captionerId: string;
  readonly rows: readonly ModelRow[];
  /** Bytes received per model while downloading. */
  readonly downloads: Readonly<Record<string, { readonly loaded: number; readonly total: number }>>;
  readonly importing: boolean;
  /** The last thing to tell the user (an import that worked or why it did not). */
  readonly message: { readonly text: string; readonly error: boolean } | null;
}

/** What survives a reload: models imported from folders and the user's choice of models. */
interface SavedModels {
  imported: ModelSpec[];
  embedderId?: string;
  captionerId?: string;
}

const KEY = 'shoebox.models';

/**
 * The Models panel's state and actions: availability and size from the Cache API, downloads with progress,
 * deletion, importing a model folder into the cache under hub-style keys, and choosing the models in use.
 */
export class ModelsSlice {
  readonly store: Store<ModelsState>;
  /** The generative model in memory by id, with its files' bytes, as the engine last said. */
  private inMemory = new Map<string, number>();

  constructor(private readonly host: ModelsHost) {
    const defaults = DEFAULT_MODELS[host.modelSource()];
    this.store = new Store<ModelsState>({
      embedderId: defaults.embedder.id,
      captionerId: defaults.captioner.id,
      rows: [],
      downloads: {},
      importing: false,
      message: null,
    });
  }

  get embedderId(): string {
    return this.store.get().embedderId;
  }

  get captionerId(): string {
    return this.store.get().captionerId;
  }

  /** At start-up, before the library opens: imported models become known and the user's saved choice applies. */
  restore(): void {
    const saved = this.readSaved();
    registerImportedModels(saved.imported);
    if (saved.imported.length > 0) void this.host.engine.registerModels(saved.imported).catch(() => undefined);
    for (const id of [saved.embedderId, saved.captionerId]) {
      const spec = id ? findModel(id) : undefined;
      if (spec && this.usable(spec)) this.apply(spec);
    }
  }

  async refresh(): Promise<void> {
    const cache = await openCache();
    const keys = cache ? (await cache.keys()).map((r) => r.url) : [];
    const { embedderId, captionerId } = this.store.get();
    // Asked first, awaited last: a busy worker never holds up the list.
    const resident = this.host.engine.resident?.().catch(() => null);
    const rows: ModelRow[] = [];
    for (const spec of [...MODEL_CATALOG, ...importedModels()]) {
      const active = spec.id === embedderId || spec.id === captionerId;
      const residentBytes = this.inMemory.get(spec.id) ?? null;
      if (spec.source === 'demo') {
        rows.push({ spec, availability: 'built-in', bytes: 0, active, residentBytes });
        continue;
      }
      const prefix = hubRepoPrefix(spec.repo);
      const mine = keys.filter((k) => k.startsWith(prefix));
      const needed = requiredFiles(spec, await this.dtypeFor(spec)).map((f) => hubFileUrl(spec.repo, f));
      const present = needed.filter((u) => mine.includes(u)).length;
      const availability = present === needed.length ? 'cached' : mine.length > 0 ? 'partial' : 'not-cached';
      rows.push({ spec, availability, bytes: cache ? await bytesOf(cache, mine) : 0, active, residentBytes });
    }
    this.store.set({ rows });
    const known = await resident;
    if (!known) return;
    this.inMemory = new Map(known.map((m) => [m.modelId, m.bytes]));
    const withMemory = (row: ModelRow) => ({ ...row, residentBytes: this.inMemory.get(row.spec.id) ?? null });
    this.store.set((s) => ({ rows: s.rows.map(withMemory) }));
  }

  /** Downloads the files the model needs on this device into transformers.js' cache, with progress. */
  async download(spec: ModelSpec): Promise<void> {
    const cache = await openCache();
    if (!cache || spec.source !== 'hub') return;
    const files = requiredFiles(spec, await this.dtypeFor(spec));
    const received = new Map<string, { loaded: number; total: number }>();
    const report = () => {
      let loaded = 0;
      let total = 0;
      for (const r of received.values()) {
        loaded += r.loaded;
        total += r.total;
      }
      this.store.set((s) => ({ downloads: { ...s.downloads, [spec.id]: { loaded, total } } }));
    };
    try {
      for (const file of files) {
        const url = hubFileUrl(spec.repo, file);
        if (await cache.match(url)) continue;
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
        const body = await readWithProgress(response, (loaded, total) => {
          received.set(file, { loaded, total });
          report();
        });
        await cache.put(url, cachedResponse(body, response.headers.get('content-type')));
      }
      this.say(`${spec.name} is downloaded and works offline.`);
    } catch (error) {
      this.say(`Downloading ${spec.name} failed: ${describeError(error)}`, true);
    } finally {
      this.store.set((s) => {
        const { [spec.id]: _done, ...downloads } = s.downloads;
        return { downloads };
      });
      await this.refresh();
    }
  }

  /** Removes a model's cached files; an imported model is forgotten altogether. */
  async remove(spec: ModelSpec): Promise<void> {
    const cache = await openCache();
    if (cache) await deletePrefix(cache, hubRepoPrefix(spec.repo));
    if (spec.source === 'imported') {
      unregisterImportedModel(spec.id);
      const saved = this.readSaved();
      this.writeSaved({ ...saved, imported: saved.imported.filter((m) => m.id !== spec.id) });
    }
    await this.refresh();
  }

  /** Validates a picked Hugging Face model folder, stores its files in the cache and registers it. */
  importFolder(files: readonly File[]): Promise<ModelSpec | null> {
    return whileBusy(async () => {
      this.store.set({ importing: true, message: null });
      try {
        const spec = await importModelFolder(files);
        const saved = this.readSaved();
        this.writeSaved({ ...saved, imported: [...saved.imported.filter((m) => m.id !== spec.id), spec] });
        await this.host.engine.registerModels([spec]);
        this.say(`Imported ${spec.name}. It works with no network.`);
        return spec;
      } catch (error) {
        this.say(describeError(error), true);
        return null;
      } finally {
        this.store.set({ importing: false });
        await this.refresh();
      }
    });
  }

  /**
   * Makes a model the one used for search (embedders) or captions (captioners), remembered across visits. The
   * embedder can't change while photos are being indexed with it.
   */
  async use(spec: ModelSpec): Promise<void> {
    // The VLM is the source's own (no choice yet): it is used by "Ask this photo", not chosen here.
    if (spec.task === 'ask' || (isEmbedder(spec) && this.host.indexing())) return;
    this.apply(spec);
    const saved = this.readSaved();
    this.writeSaved(isEmbedder(spec) ? { ...saved, embedderId: spec.id } : { ...saved, captionerId: spec.id });
    await this.refresh();
  }

  /** The default models of a source, not remembered (the hub fallback: the user's choice stays for next time). */
  useDefaults(source: ModelSource): void {
    const defaults = DEFAULT_MODELS[source];
    this.apply(defaults.embedder);
    this.apply(defaults.captioner);
  }

  /** Forgets imported models and the saved choice (part of "delete everything"), back to the defaults. */
  async forget(): Promise<void> {
    for (const spec of this.readSaved().imported) unregisterImportedModel(spec.id);
    this.host.storage?.removeItem(KEY);
    this.useDefaults(this.host.modelSource());
    await this.refresh();
  }

  /** A remembered model applies only where its files can come from (hub models are no use in demo mode). */
  private usable(spec: ModelSpec): boolean {
    return spec.source === 'imported' || spec.source === this.host.modelSource();
  }

  private apply(spec: ModelSpec): void {
    this.store.set(isEmbedder(spec) ? { embedderId: spec.id } : { captionerId: spec.id });
  }

  private say(text: string, error = false): void {
    this.store.set({ message: { text, error } });
  }

  private async dtypeFor(spec: ModelSpec): Promise<DTypeChoice> {
    const caps = await this.host.engine.capabilities();
    return chooseDtype(spec, chooseDevice(caps, this.host.device()), caps);
  }

  private readSaved(): SavedModels {
    try {
      const saved = JSON.parse(this.host.storage?.getItem(KEY) ?? '{}') as Partial<SavedModels>;
      return { ...saved, imported: Array.isArray(saved.imported) ? saved.imported : [] };
    } catch {
      return { imported: [] };
    }
  }

  private writeSaved(saved: SavedModels): void {
    this.host.storage?.setItem(KEY, JSON.stringify(saved));
  }
}

/** Reads a picked folder (`webkitRelativePath` = `<folder>/<path>`), checks it and puts its files in the cache. */
async function importModelFolder(files: readonly File[]): Promise<ModelSpec> {
  const folderName = files[0]?.webkitRelativePath.split('/')[0] || 'model';
  const byPath = new Map<string, File>();
  for (const file of files) {
    const path = file.webkitRelativePath.split('/').slice(1).join('/') || file.name;
    if (isModelFile(path)) byPath.set(path, file);
  }
  const configFile = byPath.get('config.json');
  if (!configFile)
    throw new ModelFolderError(`"${folderName}" is not a Hugging Face model folder: config.json missing.`);
  let config: Record<string, unknown>;
  try {
    config = JSON.parse(await configFile.text()) as Record<string, unknown>;
  } catch {
    throw new ModelFolderError(`"${folderName}/config.json" is not valid JSON.`);
  }
  const similar = MODEL_CATALOG.find((m) => m.repo.split('/').pop()?.toLowerCase() === folderName.toLowerCase());
  const described = describeImportedModel(folderName, [...byPath.keys()], config, similar);
  // Only the ONNX files some device will load (a hub folder often holds a dozen variants), plus their external data.
  const onnx = new Set(
    (['wasm', 'webgpu', 'webgpuNoF16'] as const).flatMap((d) => requiredFiles(described, described.dtype[d])),
  );
  const keep = [...byPath.entries()].filter(
    ([path]) => !path.startsWith('onnx/') || [...onnx].some((f) => path === f || path.startsWith(`${f}_data`)),
  );
  const bytes = keep.reduce((n, [, f]) => n + f.size, 0);
  const spec: ModelSpec = { ...described, approxSizeMB: Math.round((bytes / 1e6) * 10) / 10 };

  const cache = await openCache();
  if (!cache) throw new Error('This browser has no Cache API here (private window?), so models cannot be stored.');
  const prefix = hubRepoPrefix(spec.repo);
  await deletePrefix(cache, prefix);
  try {
    for (const [path, file] of keep) {
      await cache.put(hubFileUrl(spec.repo, path), cachedResponse(file, null));
    }
  } catch (error) {
    await deletePrefix(cache, prefix);
    if ((error as DOMException).name === 'QuotaExceededError') {
      throw new Error(`Not enough browser storage for ${spec.name} (${spec.approxSizeMB} MB). Nothing was kept.`, {
        cause: error,
      });
    }
    throw error;
  }
  registerImportedModels([spec]);
  return spec;
}

/** A cache entry as transformers.js stores one: the bytes with an explicit length (it reads progress from it). */
function cachedResponse(body: Blob, contentType: string | null): Response {
  const headers = new Headers({ 'content-length': String(body.size) });
  if (contentType) headers.set('content-type', contentType);
  return new Response(body, { headers });
}

async function readWithProgress(response: Response, onProgress: (loaded: number, total: number) => void) {
  const total = Number(response.headers.get('content-length') ?? 0);
  const reader = response.body?.getReader();
  if (!reader) return response.blob();
  const parts: Uint8Array[] = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    loaded += value.byteLength;
    onProgress(loaded, Math.max(total, loaded));
  }
  return new Blob(parts as BlobPart[]);
}

async function bytesOf(cache: Cache, urls: readonly string[]): Promise<number> {
  let total = 0;
  for (const url of urls) {
    const response = await cache.match(url);
    const length = Number(response?.headers.get('content-length') ?? NaN);
    total += Number.isFinite(length) ? length : ((await response?.blob())?.size ?? 0);
  }
  return total;
}

async function deletePrefix(cache: Cache, prefix: string): Promise<void> {
  for (const request of await cache.keys()) if (request.url.startsWith(prefix)) await cache.delete(request);
}

function openCache(): Promise<Cache | null> {
  return typeof caches === 'undefined' ? Promise.resolve(null) : caches.open(MODEL_CACHE).catch(() => null);
}
