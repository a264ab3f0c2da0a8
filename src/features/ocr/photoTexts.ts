/**
 * Text in photos: Florence-2 `<OCR>` on the original picture (decoded upright at the model's input size, never the
 * thumbnail), for one photo on request or for the whole library in the background (pause, resume, cancel), photos
 * that look like documents or screenshots first. Stored per photo and per model; the user's correction wins and is
 * what search matches. Also the detailed caption (`<MORE_DETAILED_CAPTION>`) on request, from the original too.
 */
import type { EngineClient } from '../../engine/client';
import type { DevicePreference } from '../../engine/protocol';
import type { Library } from '../../library/db';
import { deletePhotoText, listPhotoTexts, putPhotoText, unreadPhotos } from '../../library/photoTexts';
import type { PhotoId, PhotoText } from '../../library/schema';
import { announceChange } from '../../library/sync';
import { ocrPhraseMatches, ocrTerms } from '../../search/ocrText';
import { describeError } from '../../shared/errors';
import type { LibraryPhase } from '../../shared/phase';
import type { Pixels } from '../../shared/pixels';
import { Store } from '../../shared/store';
import { TUNABLES } from '../tunables';

/** What the text slice needs from the app. */
export interface PhotoTextsHost {
  lib(): Library;
  readonly engine: Pick<EngineClient, 'load' | 'caption'>;
  /** The model that reads text (a Florence-2), or null when none is available. */
  readerId(): string | null;
  phase(): LibraryPhase;
  /** The original picture, upright, scaled to fit `maxSide`; undefined when the original can't be read. */
  loadOriginalPixels(id: PhotoId, maxSide: number): Promise<Pixels | undefined>;
  /** Photos most likely to hold text (documents, screenshots), best first: a zero-shot check on stored vectors. */
  textLikelyFirst(): Promise<readonly PhotoId[]>;
  device(): DevicePreference;
}

export interface BackgroundReading {
  readonly running: boolean;
  readonly paused: boolean;
  readonly done: number;
  readonly total: number;
  readonly failed: number;
}

export interface PhotoTextsState {
  /** The text shown for each photo: the user's (any model), else the current reader's. */
  readonly byId: ReadonlyMap<PhotoId, PhotoText>;
  readonly pending: ReadonlySet<PhotoId>;
  readonly background: BackgroundReading;
  /** Detailed captions made on request this session, by photo. */
  readonly detailed: ReadonlyMap<PhotoId, string>;
  readonly describing: ReadonlySet<PhotoId>;
  readonly error: string | null;
}

const idle: BackgroundReading = { running: false, paused: false, done: 0, total: 0, failed: 0 };

interface Run {
  cancelled: boolean;
  wake: (() => void) | null;
  finished: Promise<void>;
}

export class PhotoTexts {
  readonly store = new Store<PhotoTextsState>({
    byId: new Map(),
    pending: new Set(),
    background: idle,
    detailed: new Map(),
    describing: new Set(),
    error: null,
  });
  private terms = new Map<PhotoId, ReadonlySet<string>>();
  private run: Run | null = null;

  constructor(
    private readonly host: PhotoTextsHost,
    private readonly events: { onChange?: () => void } = {},
  ) {}

  /** The words of every shown text, by photo (search matches them like caption words). */
  termsById(): ReadonlyMap<PhotoId, ReadonlySet<string>> {
    return this.terms;
  }

  /** Photos whose shown text holds `phrase` as written (case, accents and spacing aside): a quoted query. */
  *phraseMatches(phrase: string): Iterable<PhotoId> {
    for (const [id, text] of this.store.get().byId) if (ocrPhraseMatches(phrase, text.text)) yield id;
  }

  /** Re-reads the texts from the library (after any change, here or in another tab). */
  async reload(): Promise<void> {
    const all = await listPhotoTexts(this.host.lib());
    const readerId = this.host.readerId();
    const byId = new Map<PhotoId, PhotoText>();
    for (const text of all) {
      const current = byId.get(text.photoId);
      const wins =
        text.source === 'user'
          ? !current || current.source !== 'user' || text.at > current.at
          : text.modelId === readerId && !current;
      if (wins) byId.set(text.photoId, text);
    }
    this.terms = new Map([...byId].filter(([, t]) => t.text).map(([id, t]) => [id, ocrTerms(t.text)]));
    this.store.set({ byId });
    this.events.onChange?.();
  }

  /** Reads one photo's text now (the detail view's button); the user's own text is kept. */
  async readOne(id: PhotoId): Promise<void> {
    this.setIn('pending', id, true);
    try {
      await this.readAndStore(id);
      this.store.set({ error: null });
      await this.afterWrite([id]);
    } catch (error) {
      this.store.set({ error: `Couldn't read the text in this photo: ${describeError(error)}` });
    } finally {
      this.setIn('pending', id, false);
    }
  }

  /** Saves the user's text; an empty one removes their correction (the model's reading shows again). */
  async edit(id: PhotoId, text: string): Promise<void> {
    const lib = this.host.lib();
    const tidy = text.replace(/\r\n?/g, '\n').trim();
    const shown = this.store.get().byId.get(id);
    const readerId = shown?.source === 'user' ? shown.modelId : this.host.readerId();
    if (!readerId) return;
    if (!tidy) {
      if (shown?.source === 'user') await deletePhotoText(lib, shown.modelId, id);
    } else await putPhotoText(lib, readerId, id, tidy, 'user');
    await this.afterWrite([id]);
  }

  /** A paragraph about the photo from the original picture (Florence-2 `<MORE_DETAILED_CAPTION>`). */
  async describe(id: PhotoId): Promise<void> {
    this.setIn('describing', id, true);
    try {
      const readerId = this.reader();
      const pixels = await this.original(id);
      await this.host.engine.load(readerId, this.host.device());
      const text = await this.host.engine.caption(readerId, pixels, { task: 'more-detailed' });
      this.store.set((s) => ({ detailed: new Map(s.detailed).set(id, text), error: null }));
    } catch (error) {
      this.store.set({ error: `Couldn't describe this photo: ${describeError(error)}` });
    } finally {
      this.setIn('describing', id, false);
    }
  }

  /** Reads every photo not read yet by the current model, likely documents first. */
  readAll(): void {
    if (this.run || this.host.phase() !== 'ready') return;
    const run: Run = { cancelled: false, wake: null, finished: Promise.resolve() };
    this.run = run;
    this.store.set({ background: { ...idle, running: true }, error: null });
    run.finished = this.runBackground(run)
      .catch((error: unknown) => this.store.set({ error: `Reading text stopped: ${describeError(error)}` }))
      .finally(() => {
        this.run = null;
        this.store.set((s) => ({ background: { ...s.background, running: false, paused: false } }));
      });
  }

  pause = (): void => this.store.set((s) => ({ background: { ...s.background, paused: true } }));

  resume = (): void => {
    this.store.set((s) => ({ background: { ...s.background, paused: false } }));
    this.run?.wake?.();
  };

  /** Stops the run; what was read so far stays. */
  cancel = (): void => {
    if (!this.run) return;
    this.run.cancelled = true;
    this.run.wake?.();
  };

  /** Resolves once no background run is in progress. */
  async idle(): Promise<void> {
    while (this.run) await this.run.finished;
  }

  private async runBackground(run: Run): Promise<void> {
    const readerId = this.reader();
    const users = new Set([...this.store.get().byId.values()].filter((t) => t.source === 'user').map((t) => t.photoId));
    const first = await this.host.textLikelyFirst().catch(() => []);
    const todo = (await unreadPhotos(this.host.lib(), readerId, first)).filter((id) => !users.has(id));
    this.store.set((s) => ({ background: { ...s.background, total: todo.length } }));
    let unannounced: PhotoId[] = [];
    for (const id of todo) {
      while (this.store.get().background.paused && !run.cancelled)
        await new Promise<void>((resolve) => (run.wake = resolve));
      if (run.cancelled || this.host.readerId() !== readerId) break;
      let failed = false;
      try {
        await this.readAndStore(id);
        unannounced.push(id);
      } catch {
        failed = true;
      }
      this.store.set((s) => ({
        background: { ...s.background, done: s.background.done + 1, failed: s.background.failed + Number(failed) },
      }));
      if (unannounced.length >= TUNABLES.ocrAnnounceEvery) {
        await this.afterWrite(unannounced);
        unannounced = [];
      }
    }
    if (unannounced.length > 0) await this.afterWrite(unannounced);
  }

  private reader(): string {
    const readerId = this.host.readerId();
    if (!readerId) throw new Error('no model that reads text is available');
    return readerId;
  }

  private async original(id: PhotoId): Promise<Pixels> {
    const pixels = await this.host.loadOriginalPixels(id, TUNABLES.ocrInputSide);
    if (!pixels) throw new Error("the original file can't be read (its folder is no longer shared with Shoebox)");
    return pixels;
  }

  /** Original -> model -> library, as a 'model' text (the library never lets it replace the user's). */
  private async readAndStore(id: PhotoId): Promise<void> {
    const readerId = this.reader();
    const pixels = await this.original(id);
    await this.host.engine.load(readerId, this.host.device());
    const text = await this.host.engine.caption(readerId, pixels, { task: 'ocr' });
    await putPhotoText(this.host.lib(), readerId, id, text, 'model');
  }

  private async afterWrite(ids: PhotoId[]): Promise<void> {
    await this.reload();
    announceChange({ kind: 'captions', ids });
  }

  private setIn(key: 'pending' | 'describing', id: PhotoId, on: boolean): void {
    this.store.set((s) => {
      const next = new Set(s[key]);
      if (on) next.add(id);
      else next.delete(id);
      return { [key]: next } as Partial<PhotoTextsState>;
    });
  }
}
