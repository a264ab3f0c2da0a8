import { MODEL_CACHE } from '../../engine/models/files';
import type { Library } from '../../library/db';
import { exportLibrary, importLibrary, type ImportSummary } from '../../library/exportImport';
import { StorageFullError } from '../../library/idb';
import { deleteEverything, storageUsage, type StorageUsage } from '../../library/maintenance';
import { announceChange } from '../../library/sync';
import { whileBusy } from '../../pwa/busy';
import { downloadBlob } from '../../shared/download';
import { formatBytes } from '../../shared/format';
import { describeError } from '../../shared/errors';
import { Store } from '../../shared/store';

/** What the storage slice needs from the app. */
export interface StorageHost {
  lib(): Library;
  photoCount(): number;
  /** Whether photos are being indexed: import and delete need the whole library alone. */
  indexing(): boolean;
}

/** What storage actions report; the app decides what follows. */
export interface StorageEvents {
  /** An exported library was merged in (whole or up to a failure). */
  libraryChanged(): Promise<void>;
  /** Every photo was deleted. */
  libraryEmptied(): Promise<void>;
  /** The model files and the saved model choice were deleted. */
  modelsDeleted(): Promise<void>;
}

/** Where the browser's space for Shoebox goes, in bytes. */
export interface StorageReport {
  /** `navigator.storage.estimate()`: what the browser counts for this site, and how much it would allow. */
  readonly usage: number | null;
  readonly quota: number | null;
  readonly thumbnails: number;
  readonly embeddings: number;
  readonly captions: number;
  /** Photo records, labels, import bookkeeping. */
  readonly other: number;
  /** Downloaded and imported model files (transformers.js' cache). */
  readonly models: number;
  /** The app's own offline copy (service worker caches). */
  readonly app: number;
  readonly photos: number;
}

export interface StorageState {
  readonly report: StorageReport | null;
  /** null where the browser has no persistence API. */
  readonly persisted: boolean | null;
  readonly working: 'export' | 'import' | 'delete' | null;
  readonly message: { readonly text: string; readonly error: boolean } | null;
}

/** Import and delete need the whole library alone: the indexing phase and these actions exclude each other. */
export class StorageSlice {
  readonly store = new Store<StorageState>({ report: null, persisted: null, working: null, message: null });

  constructor(
    private readonly host: StorageHost,
    private readonly events: StorageEvents,
  ) {}

  async refresh(): Promise<void> {
    const [usage, persisted, estimate, caches] = await Promise.all([
      storageUsage(this.host.lib()),
      navigator.storage?.persisted?.().catch(() => null) ?? null,
      navigator.storage?.estimate?.().catch(() => null) ?? null,
      cacheSizes(),
    ]);
    this.store.set({ report: summarize(usage, estimate, caches), persisted });
  }

  /** Asks the browser to keep Shoebox's data when space runs low; it may decide without asking the user. */
  async persist(): Promise<void> {
    const granted = (await navigator.storage?.persist?.().catch(() => false)) ?? false;
    this.store.set({
      persisted: granted,
      message: granted
        ? { text: 'Storage is now persistent: the browser will not clear it on its own.', error: false }
        : {
            text: 'The browser said no for now. Chromium grants it to installed or often-used sites; try again after installing Shoebox.',
            error: false,
          },
    });
  }

  /** Saves the whole library (photo records, thumbnails, embeddings per model, captions, labels) as one zip. */
  async exportToFile(includeLocation: boolean): Promise<void> {
    await this.run('export', async () => {
      const blob = await exportLibrary(this.host.lib(), { includeLocation });
      const date = new Date().toISOString().slice(0, 10);
      downloadBlob(blob, `shoebox-library-${date}.zip`);
      return `Exported ${this.host.photoCount()} photos (${formatBytes(blob.size)}).`;
    });
  }

  /** Merges an exported file into the library; importing the same file again changes nothing. */
  async importFromFile(file: Blob): Promise<ImportSummary | null> {
    let summary: ImportSummary | null = null;
    await this.run('import', async () => {
      try {
        summary = await importLibrary(this.host.lib(), file);
        return describeImport(summary);
      } finally {
        // Whatever landed before a failure is whole (each batch is one transaction) and shown.
        await this.events.libraryChanged();
        announceChange({ kind: 'everything' });
      }
    });
    return summary;
  }

  /** Empties the library and, when asked, the model cache and the saved model choices. */
  async deleteAll(options: { models: boolean }): Promise<void> {
    await this.run('delete', async () => {
      await deleteEverything(this.host.lib());
      if (options.models) {
        if (typeof caches !== 'undefined') await caches.delete(MODEL_CACHE).catch(() => false);
        await this.events.modelsDeleted();
      }
      await this.events.libraryEmptied();
      announceChange({ kind: 'everything' });
      return options.models ? 'Deleted the library and the models.' : 'Deleted the library. Models were kept.';
    });
  }

  private async run(kind: NonNullable<StorageState['working']>, work: () => Promise<string>): Promise<void> {
    if (this.store.get().working || this.host.indexing()) return;
    this.store.set({ working: kind, message: null });
    try {
      const text = await whileBusy(work);
      this.store.set({ message: { text, error: false } });
    } catch (error) {
      this.store.set({ message: { text: explain(kind, error), error: true } });
    } finally {
      this.store.set({ working: null });
      await this.refresh().catch(() => undefined);
    }
  }
}

/** What went wrong, said so the user knows what happened to their data. */
export function explain(kind: 'export' | 'import' | 'delete', error: unknown): string {
  if (error instanceof StorageFullError) {
    return kind === 'import'
      ? 'The disk is full: the import stopped. Photos imported before that point are complete and kept; free some space (delete unused models?) and import the same file again to add the rest.'
      : error.message;
  }
  const message = describeError(error);
  if (kind === 'import' && /zip|invalid|unexpected/i.test(message) && !/Shoebox/.test(message)) {
    return `That file is not a Shoebox library export (${message}).`;
  }
  return `${kind[0]!.toUpperCase()}${kind.slice(1)} failed: ${message}`;
}

export function describeImport(s: ImportSummary): string {
  if (s.photosAdded === 0 && s.embeddingsAdded === 0 && s.captionsSaved === 0 && s.labelSetsSaved === 0) {
    return 'Nothing new: everything in that file is already in the library.';
  }
  return `Imported ${s.photosAdded} new photos (${s.photosMerged} already here), ${s.embeddingsAdded} embeddings, ${s.captionsSaved} captions, ${s.labelSetsSaved} label sets.`;
}

/** Groups the library's stores into what a person recognizes. */
export function summarize(
  usage: StorageUsage,
  estimate: StorageEstimate | null,
  caches: { models: number; app: number },
): StorageReport {
  const bytes = (name: keyof StorageUsage) => usage[name]?.bytes ?? 0;
  const known = new Set<keyof StorageUsage>(['thumbnails', 'embeddingBlocks', 'embeddingRows', 'captions']);
  const other = (Object.keys(usage) as (keyof StorageUsage)[])
    .filter((name) => !known.has(name))
    .reduce((sum, name) => sum + bytes(name), 0);
  return {
    usage: estimate?.usage ?? null,
    quota: estimate?.quota ?? null,
    thumbnails: bytes('thumbnails'),
    embeddings: bytes('embeddingBlocks') + bytes('embeddingRows'),
    captions: bytes('captions'),
    other,
    photos: usage.photos?.count ?? 0,
    ...caches,
  };
}

async function cacheSizes(): Promise<{ models: number; app: number }> {
  const sizes = { models: 0, app: 0 };
  if (typeof caches === 'undefined') return sizes;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      const length = Number(response?.headers.get('content-length') ?? NaN);
      const bytes = Number.isFinite(length) ? length : ((await response?.blob())?.size ?? 0);
      // The ORT WASM transformers.js keeps in its cache (same origin) is part of the app, not a model.
      const isModel = name === MODEL_CACHE && new URL(request.url).origin !== location.origin;
      sizes[isModel ? 'models' : 'app'] += bytes;
    }
  }
  return sizes;
}
