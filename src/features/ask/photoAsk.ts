/**
 * Ask a photo: a question about the opened photo, answered by a small VLM in the engine worker, the answer streamed
 * in piece by piece; Stop ends it at once. A question and its answer can be saved as a note on the photo, which
 * search matches like a caption and which is exported with the library.
 */
import type { EngineClient } from '../../engine/client';
import type { DevicePreference } from '../../engine/protocol';
import type { Library } from '../../library/db';
import { deleteNote, listNotes, putNote } from '../../library/photoTexts';
import type { PhotoId, PhotoText } from '../../library/schema';
import { announceChange } from '../../library/sync';
import { ocrTerms } from '../../search/ocrText';
import { describeError } from '../../shared/errors';
import type { Pixels } from '../../shared/pixels';
import { Store } from '../../shared/store';
import { TUNABLES } from '../tunables';

/** What the ask slice needs from the app. */
export interface PhotoAskHost {
  lib(): Library;
  readonly engine: Pick<EngineClient, 'load' | 'ask'>;
  /** The VLM that answers (SmolVLM on the hub, its fixture in the demo). */
  askerId(): string;
  device(): DevicePreference;
  /** The picture, upright, scaled to fit `maxSide`: the original where it can be read, else the thumbnail. */
  loadPixels(id: PhotoId, maxSide: number): Promise<Pixels | undefined>;
  /** Whether the model runs on WASM (no WebGPU here): the answer then comes slowly, and the user is told so. */
  onWasm(): Promise<boolean>;
}

export type AnswerStatus = 'loading' | 'streaming' | 'done' | 'stopped' | 'error';

/** The question being answered (or last answered) in the detail view. */
export interface CurrentAnswer {
  readonly photoId: PhotoId;
  readonly question: string;
  readonly answer: string;
  readonly status: AnswerStatus;
  readonly modelId: string;
  readonly saved: boolean;
}

export interface PhotoAskState {
  readonly current: CurrentAnswer | null;
  /** Saved notes by photo, oldest first. */
  readonly notes: ReadonlyMap<PhotoId, readonly PhotoText[]>;
  /** Null until known; true when answers come from WASM (slow). */
  readonly onWasm: boolean | null;
  readonly error: string | null;
}

export class PhotoAsk {
  readonly store = new Store<PhotoAskState>({ current: null, notes: new Map(), onWasm: null, error: null });
  private terms = new Map<PhotoId, ReadonlySet<string>>();
  private stopper: AbortController | null = null;

  constructor(
    private readonly host: PhotoAskHost,
    private readonly events: { onChange?: () => void } = {},
  ) {}

  /** The words of every note, by photo (search matches them like caption words). */
  termsById(): ReadonlyMap<PhotoId, ReadonlySet<string>> {
    return this.terms;
  }

  /** Re-reads the notes from the library (after any change, here or in another tab). */
  async reload(): Promise<void> {
    const notes = new Map<PhotoId, PhotoText[]>();
    for (const note of await listNotes(this.host.lib()))
      notes.set(note.photoId, [...(notes.get(note.photoId) ?? []), note]);
    this.terms = new Map([...notes].map(([id, list]) => [id, ocrTerms(list.map((n) => n.text).join('\n'))]));
    this.store.set({ notes });
    this.events.onChange?.();
  }

  /** Learns whether answers will be slow here (no WebGPU), for the detail view's warning. */
  async checkDevice(): Promise<void> {
    if (this.store.get().onWasm !== null) return;
    this.store.set({ onWasm: await this.host.onWasm().catch(() => true) });
  }

  /** Asks about a photo; a question being answered is stopped first. */
  async ask(photoId: PhotoId, question: string): Promise<void> {
    const asked = question.trim();
    if (!asked) return;
    this.stop();
    const stopper = new AbortController();
    this.stopper = stopper;
    const modelId = this.host.askerId();
    const mine = (c: CurrentAnswer | null) => c?.photoId === photoId && this.stopper === stopper;
    const update = (change: Partial<CurrentAnswer>) =>
      this.store.set((s) => (mine(s.current) ? { current: { ...s.current!, ...change } } : {}));
    this.store.set({
      current: { photoId, question: asked, answer: '', status: 'loading', modelId, saved: false },
      error: null,
    });
    try {
      const pixels = await this.host.loadPixels(photoId, TUNABLES.askInputSide);
      if (!pixels) throw new Error('the picture could not be read');
      await this.host.engine.load(modelId, this.host.device());
      stopper.signal.throwIfAborted();
      const answer = await this.host.engine.ask(
        modelId,
        pixels,
        asked,
        (piece) =>
          this.store.set((s) =>
            mine(s.current)
              ? { current: { ...s.current!, answer: s.current!.answer + piece, status: 'streaming' } }
              : {},
          ),
        stopper.signal,
      );
      update({ answer: answer.text, status: answer.cancelled ? 'stopped' : 'done' });
    } catch (error) {
      if (stopper.signal.aborted) update({ status: 'stopped' });
      else {
        update({ status: 'error' });
        this.store.set({ error: `Couldn't answer: ${describeError(error)}` });
      }
    } finally {
      if (this.stopper === stopper) this.stopper = null;
    }
  }

  /** Stops the answer being made: what came so far stays. */
  stop(): void {
    this.stopper?.abort();
  }

  /** Saves the current question and answer as a note on its photo. */
  async saveNote(): Promise<void> {
    const current = this.store.get().current;
    if (!current || current.saved || !current.answer || current.status === 'loading' || current.status === 'streaming')
      return;
    const { photoId, question, answer, modelId } = current;
    const saved = await putNote(this.host.lib(), photoId, { question, answer, modelId });
    if (!saved) {
      this.store.set({ error: 'This photo is no longer in the library.' });
      return;
    }
    this.store.set((s) => (s.current === current ? { current: { ...current, saved: true } } : {}));
    await this.afterWrite();
  }

  async deleteNote(note: PhotoText): Promise<void> {
    await deleteNote(this.host.lib(), note);
    await this.afterWrite();
  }

  private async afterWrite(): Promise<void> {
    await this.reload();
    announceChange({ kind: 'captions' });
  }
}
