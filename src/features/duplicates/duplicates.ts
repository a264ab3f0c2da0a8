/**
 * The duplicates slice: near-duplicate groups found in the search worker (with progress and cancel), and hiding
 * photos from the gallery and search (never deleting or changing a file), with undo for a few seconds and showing
 * them again at any time.
 */
import type { Library } from '../../library/db';
import { setPhotosHidden } from '../../library/photos';
import type { Photo } from '../../library/schema';
import { describeError } from '../../shared/errors';
import { Store } from '../../shared/store';
import { TUNABLES } from '../tunables';
import { bestOf, DHASH_HEIGHT, DHASH_WIDTH, pixelsDHash, splitByHash } from './groups';

export interface DuplicatesHost {
  lib(): Library;
  /** The library's photos as the app holds them now. */
  photos(): readonly Photo[];
  /** Near-duplicate groups by photo id, hidden photos included (the search worker); null when `onProgress` said stop. */
  findGroups(onProgress: (done: number, total: number) => boolean): Promise<string[][] | null>;
  hasCaption(id: string): boolean;
  /** The photo's stored thumbnail (upright) drawn at exactly width x height, RGBA; null when it cannot be read. */
  thumbnailPixels(id: string, width: number, height: number): Promise<ArrayLike<number> | null>;
}

export interface DuplicatesEvents {
  /** These records changed (hidden or shown), as stored now. */
  hiddenChanged(changed: readonly Photo[]): void;
  /** The "Show hidden" switch moved. */
  showHiddenChanged(showHidden: boolean): void;
}

export type GroupingStatus = 'idle' | 'grouping' | 'done' | 'cancelled' | 'error';

export interface DuplicatesState {
  readonly status: GroupingStatus;
  readonly progress: { readonly done: number; readonly total: number } | null;
  /** Near-duplicate groups by photo id (each of two or more), as last found. */
  readonly groups: readonly (readonly string[])[];
  readonly error: string | null;
  /** Whether the gallery and search show hidden photos too. */
  readonly showHidden: boolean;
  /** What the last hide or show did, offered to undo until `until` (ms since the epoch). */
  readonly undo: { readonly ids: readonly string[]; readonly hidden: boolean; readonly until: number } | null;
  readonly message: string | null;
}

export class DuplicatesSlice {
  readonly store = new Store<DuplicatesState>({
    status: 'idle',
    progress: null,
    groups: [],
    error: null,
    showHidden: false,
    undo: null,
    message: null,
  });
  private cancelled = false;
  private readonly hashes = new Map<string, Uint8Array | null>();
  private undoTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly host: DuplicatesHost,
    private readonly events: DuplicatesEvents,
    private readonly undoMs: number = TUNABLES.hideUndoMs,
  ) {}

  /** Groups the library's near-duplicates in the search worker, reporting progress; `cancel` stops it. */
  async find(): Promise<void> {
    if (this.store.get().status === 'grouping') return;
    this.cancelled = false;
    this.store.set({ status: 'grouping', progress: { done: 0, total: this.host.photos().length }, error: null });
    try {
      const groups = await this.host.findGroups((done, total) => {
        this.store.set({ progress: { done, total } });
        return !this.cancelled;
      });
      if (groups === null) return this.store.set({ status: 'cancelled', progress: null });
      const copies: string[][] = [];
      for (const group of groups) {
        if (this.cancelled) return this.store.set({ status: 'cancelled', progress: null });
        const hashes = await Promise.all(group.map((id) => this.hashOf(id)));
        copies.push(...splitByHash(group, hashes, TUNABLES.duplicateHashMaxBits));
      }
      this.store.set({ status: 'done', progress: null, groups: copies });
    } catch (error) {
      this.store.set({ status: 'error', progress: null, error: `Couldn't group duplicates: ${describeError(error)}` });
    }
  }

  /** The difference hash of a photo's thumbnail, kept per photo (its bytes never change: the id is their hash). */
  private async hashOf(id: string): Promise<Uint8Array | null> {
    const known = this.hashes.get(id);
    if (known !== undefined) return known;
    const pixels = await this.host.thumbnailPixels(id, DHASH_WIDTH, DHASH_HEIGHT).catch(() => null);
    const hash = pixels ? pixelsDHash(pixels) : null;
    this.hashes.set(id, hash);
    return hash;
  }

  cancel(): void {
    this.cancelled = true;
  }

  /** The photos of a group to keep and to hide: the suggested best first (see groups.ts `bestOf`). */
  split(group: readonly Photo[]): { best: Photo; rest: Photo[] } {
    const best = bestOf(group, (id) => this.host.hasCaption(id));
    return { best, rest: group.filter((p) => p !== best) };
  }

  /** Hides all but the suggested best of each group given. */
  hideRest(groups: readonly (readonly Photo[])[]): Promise<void> {
    return this.hide(groups.flatMap((g) => this.split(g).rest.map((p) => p.id)));
  }

  hide(ids: readonly string[]): Promise<void> {
    return this.setHidden(ids, true);
  }

  unhide(ids: readonly string[]): Promise<void> {
    return this.setHidden(ids, false);
  }

  /** Undoes the last hide or show, while it is offered. */
  async undoLast(): Promise<void> {
    const undo = this.store.get().undo;
    if (!undo) return;
    this.clearUndo();
    await this.write(undo.ids, !undo.hidden, false);
  }

  setShowHidden(showHidden: boolean): void {
    if (showHidden === this.store.get().showHidden) return;
    this.store.set({ showHidden });
    this.events.showHiddenChanged(showHidden);
  }

  dispose(): void {
    this.clearUndo();
  }

  private setHidden(ids: readonly string[], hidden: boolean): Promise<void> {
    return this.write(ids, hidden, true);
  }

  private async write(ids: readonly string[], hidden: boolean, offerUndo: boolean): Promise<void> {
    try {
      const changed = await setPhotosHidden(this.host.lib(), ids, hidden);
      const n = changed.length;
      const message =
        n === 0
          ? null
          : `${n === 1 ? '1 photo' : `${n} photos`} ${hidden ? 'hidden' : 'shown again'}.` +
            (hidden ? ' The files are untouched.' : '');
      this.clearUndo();
      this.store.set({ message });
      if (offerUndo && n > 0) {
        this.store.set({ undo: { ids: changed.map((p) => p.id), hidden, until: Date.now() + this.undoMs } });
        this.undoTimer = setTimeout(() => this.store.set({ undo: null }), this.undoMs);
      }
      if (n > 0) this.events.hiddenChanged(changed);
    } catch (error) {
      this.store.set({ message: `Couldn't ${hidden ? 'hide' : 'show'} photos: ${describeError(error)}` });
    }
  }

  private clearUndo(): void {
    if (this.undoTimer !== null) clearTimeout(this.undoTimer);
    this.undoTimer = null;
    if (this.store.get().undo) this.store.set({ undo: null });
  }
}
