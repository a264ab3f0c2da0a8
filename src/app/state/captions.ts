/**
 * Captions for the current captioning model: on demand for one photo, or for the whole library in the background
 * once embedding is done (pause, resume, cancel). A user's caption is what everyone sees and searches, whichever
 * model it was written under, and no model output ever replaces it (the library enforces that too).
 */
import type { EngineClient } from '../../engine/client';
import { findModel, isCaptioner } from '../../engine/models';
import type { CaptionImage, DevicePreference } from '../../engine/protocol';
import { deleteCaption, listCaptions, missingCaptions, putCaption } from '../../library/captions';
import type { Library } from '../../library/db';
import { getMeta, setMeta } from '../../library/maintenance';
import type { Caption, PhotoId } from '../../library/schema';
import { announceChange } from '../../library/sync';
import { captionTerms } from '../../search/query';
import { readSettings } from '../settings';
import type { AppState } from './appState';
import { Store } from './store';

/** What the captions slice needs from the app (the Controller satisfies it). */
export interface CaptionsHost {
  readonly lib: Library;
  readonly engine: Pick<EngineClient, 'load' | 'caption' | 'stats'>;
  readonly store: Store<AppState>;
  loadThumbnail(id: PhotoId): Promise<Blob | undefined>;
}

export interface BackgroundCaptioning {
  /** The user's "caption the whole library" switch; remembered in the library. */
  readonly enabled: boolean;
  readonly running: boolean;
  readonly paused: boolean;
  readonly done: number;
  readonly total: number;
  readonly failed: number;
}

export interface CaptionsState {
  /** The caption shown for each photo: the user's (any model), else the current captioner's. */
  readonly byId: ReadonlyMap<PhotoId, Caption>;
  /** Photos being captioned on demand right now. */
  readonly pending: ReadonlySet<PhotoId>;
  readonly background: BackgroundCaptioning;
  /** Model captions the engine has made since it started (engine.stats().captions). */
  readonly engineCaptions: number;
  readonly error: string | null;
  /** The photo `error` is about (an on-demand caption), or null for the background run. */
  readonly errorPhoto: PhotoId | null;
}

export interface CaptionsOptions {
  /** Called when the shown captions changed (the controller re-runs an active search). */
  onChange?: () => void;
  /** Thumbnail to pixels; the browser default is `blobToPixels`. */
  toPixels?: (blob: Blob) => Promise<CaptionImage>;
  device?: () => DevicePreference;
}

const ENABLED_KEY = 'captions.background';
const CAPTIONER_KEY = 'captions.captioner';
const CAPTIONING_LOCK = 'shoebox-captioning';
const idle: BackgroundCaptioning = { enabled: false, running: false, paused: false, done: 0, total: 0, failed: 0 };

export class Captions {
  readonly store = new Store<CaptionsState>({
    byId: new Map(),
    pending: new Set(),
    background: idle,
    engineCaptions: 0,
    error: null,
    errorPhoto: null,
  });
  private terms = new Map<PhotoId, ReadonlySet<string>>();
  private loadedFor: string | null = null;
  private run: { cancelled: boolean; wake: (() => void) | null; finished: Promise<void> } | null = null;
  /** Photos the model failed on in this session: not retried by the background run until the next reload. */
  private failedIds = new Set<PhotoId>();

  private readonly onChange: () => void;
  private readonly toPixels: (blob: Blob) => Promise<CaptionImage>;
  private readonly device: () => DevicePreference;

  constructor(
    private readonly host: CaptionsHost,
    options: CaptionsOptions = {},
  ) {
    this.onChange = options.onChange ?? (() => {});
    this.toPixels = options.toPixels ?? blobToPixels;
    this.device = options.device ?? (() => readSettings().device);
  }

  private get captionerId(): string {
    return this.host.store.get().captionerId;
  }

  /** The caption's content words for each id (undefined where there is none), aligned for `searchPhotos`. */
  termsFor(ids: readonly PhotoId[]): (ReadonlySet<string> | undefined)[] {
    return ids.map((id) => this.terms.get(id));
  }

  /**
   * Re-reads captions from the library (after any change, here or in another tab); starts a due background run.
   * Skipped while a folder is indexed: captions do not change then, and the app refreshes several times a second.
   */
  async reload(): Promise<void> {
    if (this.host.store.get().phase === 'indexing' && this.loadedFor === this.captionerId) return;
    await this.load();
  }

  private async load(): Promise<void> {
    const lib = this.host.lib;
    const [all, enabled, chosen] = await Promise.all([
      listCaptions(lib),
      getMeta<boolean>(lib, ENABLED_KEY),
      getMeta<string>(lib, CAPTIONER_KEY),
    ]);
    if (chosen && chosen !== this.captionerId && usable(chosen, this.host.store.get().modelSource))
      this.host.store.set({ captionerId: chosen });
    const captionerId = this.captionerId;
    const byId = new Map<PhotoId, Caption>();
    for (const caption of all) {
      const current = byId.get(caption.photoId);
      if (shownOver(caption, current, captionerId)) byId.set(caption.photoId, caption);
    }
    const changed = !sameCaptions(byId, this.store.get().byId) || this.loadedFor !== captionerId;
    this.loadedFor = captionerId;
    this.terms = new Map([...byId].map(([id, c]) => [id, captionTerms(c.text)]));
    this.store.set((s) => ({ byId, background: { ...s.background, enabled: enabled ?? false } }));
    if (changed) this.onChange();
    this.startIfDue();
  }

  /** Captions one photo now (the detail view's button). A user's caption is kept; the model's is replaced. */
  async captionOne(id: PhotoId, options?: { detailed?: boolean }): Promise<void> {
    this.setPending(id, true);
    try {
      await this.captionAndStore(id, options);
      this.store.set({ error: null, errorPhoto: null });
      await this.afterWrite([id]);
    } catch (error) {
      this.store.set({ error: `Couldn't caption this photo: ${describe(error)}`, errorPhoto: id });
    } finally {
      this.setPending(id, false);
    }
  }

  /** Saves the user's own caption; an empty one removes their edit (the model may caption the photo again). */
  async edit(id: PhotoId, text: string): Promise<void> {
    const lib = this.host.lib;
    const trimmed = text.trim();
    const mine = this.store.get().byId.get(id);
    if (!trimmed) {
      if (mine?.source === 'user') await deleteCaption(lib, mine.modelId, id);
    } else {
      await putCaption(lib, mine?.source === 'user' ? mine.modelId : this.captionerId, id, trimmed, 'user');
    }
    await this.afterWrite([id]);
  }

  /** Throws away the user's caption and asks the model again: only ever on the user's explicit request. */
  async revertToModel(id: PhotoId): Promise<void> {
    const mine = this.store.get().byId.get(id);
    if (mine?.source === 'user') await deleteCaption(this.host.lib, mine.modelId, id);
    await this.captionOne(id);
  }

  /** Switches the captioning model (remembered in the library); each model's captions are kept apart. */
  async setCaptioner(id: string): Promise<void> {
    this.cancelRun();
    await setMeta(this.host.lib, CAPTIONER_KEY, id);
    this.host.store.set({ captionerId: id });
    this.failedIds.clear();
    await this.load();
  }

  /** Turns "caption the whole library" on or off; off cancels a run in progress. */
  async setBackground(enabled: boolean): Promise<void> {
    await setMeta(this.host.lib, ENABLED_KEY, enabled);
    this.store.set((s) => ({ background: { ...s.background, enabled } }));
    if (enabled) {
      this.failedIds.clear();
      this.startIfDue();
    } else this.cancelRun();
  }

  pause = (): void => this.store.set((s) => ({ background: { ...s.background, paused: true } }));

  resume = (): void => {
    this.store.set((s) => ({ background: { ...s.background, paused: false } }));
    this.run?.wake?.();
  };

  /** Stops the run in progress and turns background captioning off; captions made so far stay. */
  cancel = (): void => {
    this.cancelRun();
    if (this.store.get().background.enabled) void this.setBackground(false);
  };

  private cancelRun(): void {
    if (!this.run) return;
    this.run.cancelled = true;
    this.run.wake?.();
  }

  /** Starts the background run when it is on, nothing runs, embedding is over and photos lack a caption. */
  private startIfDue(): void {
    const { background } = this.store.get();
    if (!background.enabled || this.run || this.host.store.get().phase !== 'ready') return;
    const run = { cancelled: false, wake: null as (() => void) | null, finished: Promise.resolve() };
    this.run = run;
    this.store.set((s) => ({ background: { ...s.background, running: true, done: 0, failed: 0, total: 0 } }));
    run.finished = unlessCaptioningElsewhere(() => this.runBackground(run))
      .catch((error: unknown) =>
        this.store.set({ error: `Background captioning stopped: ${describe(error)}`, errorPhoto: null }),
      )
      .finally(() => {
        this.run = null;
        this.store.set((s) => ({ background: { ...s.background, running: false, paused: false } }));
      });
  }

  /** Resolves when no background run is in progress (tests, and callers that must not overlap one). */
  async idle(): Promise<void> {
    while (this.run) await this.run.finished;
  }

  private async runBackground(run: { cancelled: boolean; wake: (() => void) | null }): Promise<void> {
    const lib = this.host.lib;
    const captionerId = this.captionerId;
    const userCaptioned = new Set([...this.store.get().byId.values()].filter(isUser).map((c) => c.photoId));
    const todo = (await missingCaptions(lib, captionerId)).filter(
      (id) => !userCaptioned.has(id) && !this.failedIds.has(id),
    );
    if (todo.length === 0) return;
    this.store.set((s) => ({ background: { ...s.background, total: todo.length } }));
    let unannounced: PhotoId[] = [];
    for (const id of todo) {
      while (this.store.get().background.paused && !run.cancelled)
        await new Promise<void>((resolve) => (run.wake = resolve));
      if (run.cancelled || this.captionerId !== captionerId) break;
      let failed = false;
      try {
        await this.captionAndStore(id);
        unannounced.push(id);
      } catch {
        failed = true;
        this.failedIds.add(id);
      }
      this.store.set((s) => ({
        background: { ...s.background, done: s.background.done + 1, failed: s.background.failed + Number(failed) },
      }));
      if (unannounced.length >= 8) {
        await this.afterWrite(unannounced);
        unannounced = [];
      }
    }
    if (unannounced.length > 0) await this.afterWrite(unannounced);
  }

  /** Thumbnail -> pixels -> model -> library (a 'model' caption, which the library never lets replace a user's). */
  private async captionAndStore(id: PhotoId, options?: { detailed?: boolean }): Promise<void> {
    const captionerId = this.captionerId;
    const blob = await this.host.loadThumbnail(id);
    if (!blob) throw new Error('the photo has no thumbnail');
    await this.host.engine.load(captionerId, this.device());
    const text = await this.host.engine.caption(captionerId, await this.toPixels(blob), options);
    await putCaption(this.host.lib, captionerId, id, text, 'model');
  }

  private async afterWrite(ids: PhotoId[]): Promise<void> {
    const stats = await this.host.engine.stats().catch(() => null);
    if (stats) this.store.set({ engineCaptions: stats.captions });
    await this.load();
    announceChange({ kind: 'captions', ids });
  }

  private setPending(id: PhotoId, on: boolean): void {
    this.store.set((s) => {
      const pending = new Set(s.pending);
      if (on) pending.add(id);
      else pending.delete(id);
      return { pending };
    });
  }
}

/** Runs `fn` unless another tab is captioning the library (Web Locks); where locks are missing, just runs it. */
async function unlessCaptioningElsewhere(fn: () => Promise<void>): Promise<void> {
  const locks = (globalThis.navigator as { locks?: LockManager } | undefined)?.locks;
  if (!locks) return fn();
  await locks.request(CAPTIONING_LOCK, { ifAvailable: true }, async (lock) => {
    if (lock) await fn();
  });
}

/** Which caption a photo shows: a user's beats a model's; among users' the newest; among models' the current one. */
function shownOver(candidate: Caption, current: Caption | undefined, captionerId: string): boolean {
  if (isUser(candidate)) return !current || !isUser(current) || candidate.at > current.at;
  return candidate.modelId === captionerId && (!current || !isUser(current));
}

/** A remembered captioner applies only where its files can come from (hub models are no use offline in demo mode). */
function usable(id: string, source: AppState['modelSource']): boolean {
  const spec = findModel(id);
  return !!spec && isCaptioner(spec) && spec.source === source;
}

function isUser(caption: Caption): boolean {
  return caption.source === 'user';
}

function sameCaptions(a: ReadonlyMap<PhotoId, Caption>, b: ReadonlyMap<PhotoId, Caption>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, caption] of a) {
    const other = b.get(id);
    if (!other || other.text !== caption.text || other.source !== caption.source) return false;
  }
  return true;
}

/** Decodes a stored thumbnail (at most 320 px) to RGBA: the decode runs off the main thread in the browser. */
export async function blobToPixels(blob: Blob): Promise<CaptionImage> {
  const bitmap = await createImageBitmap(blob);
  const { width, height } = bitmap;
  const context = new OffscreenCanvas(width, height).getContext('2d');
  if (!context) throw new Error('no 2D canvas to read the thumbnail');
  context.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { rgba: context.getImageData(0, 0, width, height).data, width, height };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
