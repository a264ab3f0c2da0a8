/**
 * Captions for the current captioning model: on demand for one photo, or for the whole library in the background
 * once embedding is done (pause, resume, cancel). A user's caption is what everyone sees and searches, whichever
 * model it was written under, and no model output ever replaces it (the library enforces that too).
 */
import type { EngineClient } from '../../engine/client';
import type { DevicePreference } from '../../engine/protocol';
import { deleteCaption, listCaptions, missingCaptions, putCaption } from '../../library/captions';
import type { Library } from '../../library/db';
import { getMeta, setMeta } from '../../library/maintenance';
import type { Caption, PhotoId } from '../../library/schema';
import { announceChange } from '../../library/sync';
import { captionTerms } from '../../search/query';
import { describeError } from '../../shared/errors';
import type { LibraryPhase } from '../../shared/phase';
import { blobToPixels, type Pixels } from '../../shared/pixels';
import { Store } from '../../shared/store';

/** What the captions slice needs from the app. */
export interface CaptionsHost {
  lib(): Library;
  readonly engine: Pick<EngineClient, 'load' | 'caption' | 'stats'>;
  /** The captioning model in use (the models feature owns the choice). */
  captionerId(): string;
  phase(): LibraryPhase;
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
  /** The shown captions changed (the app ranks an active search again). */
  onChange?: () => void;
  /** Thumbnail to pixels; the browser default is `blobToPixels`. */
  toPixels?: (blob: Blob) => Promise<Pixels>;
  device?: () => DevicePreference;
}

const ENABLED_KEY = 'captions.background';
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
  private readonly toPixels: (blob: Blob) => Promise<Pixels>;
  private readonly device: () => DevicePreference;

  constructor(
    private readonly host: CaptionsHost,
    options: CaptionsOptions = {},
  ) {
    this.onChange = options.onChange ?? (() => {});
    this.toPixels = options.toPixels ?? blobToPixels;
    this.device = options.device ?? (() => 'auto');
  }

  private get captionerId(): string {
    return this.host.captionerId();
  }

  /** The content words of every shown caption, by photo id (what a search matches besides the picture). */
  termsById(): ReadonlyMap<PhotoId, ReadonlySet<string>> {
    return this.terms;
  }

  /**
   * Re-reads captions from the library (after any change, here or in another tab); starts a due background run.
   * Skipped while a folder is indexed: captions do not change then, and the app refreshes several times a second.
   */
  async reload(): Promise<void> {
    if (this.host.phase() === 'indexing' && this.loadedFor === this.captionerId) return;
    await this.load();
  }

  private async load(): Promise<void> {
    const lib = this.host.lib();
    const [all, enabled] = await Promise.all([listCaptions(lib), getMeta<boolean>(lib, ENABLED_KEY)]);
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
      this.store.set({ error: `Couldn't caption this photo: ${describeError(error)}`, errorPhoto: id });
    } finally {
      this.setPending(id, false);
    }
  }

  /** Saves the user's own caption; an empty one removes their edit (the model may caption the photo again). */
  async edit(id: PhotoId, text: string): Promise<void> {
    const lib = this.host.lib();
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
    if (mine?.source === 'user') await deleteCaption(this.host.lib(), mine.modelId, id);
    await this.captionOne(id);
  }

  /** The captioning model changed: each model's captions are kept apart, and a run for the old one stops. */
  async captionerChanged(): Promise<void> {
    this.cancelRun();
    this.failedIds.clear();
    await this.load();
  }

  /** Turns "caption the whole library" on or off; off cancels a run in progress. */
  async setBackground(enabled: boolean): Promise<void> {
    await setMeta(this.host.lib(), ENABLED_KEY, enabled);
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
    if (!background.enabled || this.run || this.host.phase() !== 'ready') return;
    const run = { cancelled: false, wake: null as (() => void) | null, finished: Promise.resolve() };
    this.run = run;
    this.store.set((s) => ({ background: { ...s.background, running: true, done: 0, failed: 0, total: 0 } }));
    run.finished = unlessCaptioningElsewhere(() => this.runBackground(run))
      .catch((error: unknown) =>
        this.store.set({ error: `Background captioning stopped: ${describeError(error)}`, errorPhoto: null }),
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
    const lib = this.host.lib();
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
    await putCaption(this.host.lib(), captionerId, id, text, 'model');
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
