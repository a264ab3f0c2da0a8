/**
 * The gallery's selection: which photos are picked for a bulk action. Pure transitions (tested) behind a small
 * slice; the app reads `ids` to run the selection bar's actions and clears it when the library changes under it.
 */
import { Store } from '../../shared/store';

export interface SelectionState {
  readonly ids: ReadonlySet<string>;
  /** The photo a shift-click range starts from: the last one clicked without shift. */
  readonly anchor: string | null;
}

export const NOTHING_SELECTED: SelectionState = { ids: new Set(), anchor: null };

/** Adds or removes one photo; it becomes the anchor of the next range. */
export function selectionToggle(state: SelectionState, id: string): SelectionState {
  const ids = new Set(state.ids);
  if (!ids.delete(id)) ids.add(id);
  return { ids, anchor: id };
}

/**
 * Selects every photo from the anchor to `id` in display order, both included (a shift-click). Without an anchor
 * still shown, it toggles `id` alone. The anchor stays, so a second shift-click re-spans from it.
 */
export function selectionRange(state: SelectionState, order: readonly string[], id: string): SelectionState {
  const from = state.anchor === null ? -1 : order.indexOf(state.anchor);
  const to = order.indexOf(id);
  if (from < 0 || to < 0) return selectionToggle(state, id);
  const ids = new Set(state.ids);
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) ids.add(order[i]!);
  return { ids, anchor: state.anchor };
}

/** A day's header: selects all its photos, or unselects them when all were selected already. */
export function selectionGroup(state: SelectionState, group: readonly string[]): SelectionState {
  const ids = new Set(state.ids);
  const all = group.every((id) => ids.has(id));
  for (const id of group) {
    if (all) ids.delete(id);
    else ids.add(id);
  }
  return { ids, anchor: state.anchor };
}

/** Keeps only photos that still exist (after a deletion or a re-read of the library). */
export function selectionWithin(state: SelectionState, exists: (id: string) => boolean): SelectionState {
  const ids = new Set([...state.ids].filter(exists));
  if (ids.size === state.ids.size) return state;
  return { ids, anchor: state.anchor !== null && exists(state.anchor) ? state.anchor : null };
}

export class Selection {
  readonly store = new Store<SelectionState>(NOTHING_SELECTED);

  get ids(): string[] {
    return [...this.store.get().ids];
  }

  toggle = (id: string): void => this.store.set(selectionToggle(this.store.get(), id));
  range = (order: readonly string[], id: string): void => this.store.set(selectionRange(this.store.get(), order, id));
  group = (ids: readonly string[]): void => this.store.set(selectionGroup(this.store.get(), ids));
  keepWithin = (exists: (id: string) => boolean): void => {
    const next = selectionWithin(this.store.get(), exists);
    if (next !== this.store.get()) this.store.set(next);
  };
  clear = (): void => {
    if (this.store.get().ids.size > 0 || this.store.get().anchor !== null) this.store.set(NOTHING_SELECTED);
  };
}
