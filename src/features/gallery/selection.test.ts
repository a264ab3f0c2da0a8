import { describe, expect, it } from 'vitest';
import {
  NOTHING_SELECTED,
  Selection,
  selectionGroup,
  selectionRange,
  selectionToggle,
  selectionWithin,
} from './selection';

const order = ['a', 'b', 'c', 'd', 'e'];
const ids = (s: { ids: ReadonlySet<string> }) => [...s.ids].sort();

describe('selection', () => {
  it('toggles one photo and makes it the anchor', () => {
    const one = selectionToggle(NOTHING_SELECTED, 'b');
    expect(ids(one)).toEqual(['b']);
    expect(one.anchor).toBe('b');
    expect(ids(selectionToggle(one, 'b'))).toEqual([]);
  });

  it('selects a range from the anchor either way, keeping what was selected', () => {
    const start = selectionToggle(selectionToggle(NOTHING_SELECTED, 'e'), 'b');
    expect(ids(selectionRange(start, order, 'd'))).toEqual(['b', 'c', 'd', 'e']);
    const back = selectionToggle(NOTHING_SELECTED, 'd');
    expect(ids(selectionRange(back, order, 'a'))).toEqual(['a', 'b', 'c', 'd']);
    expect(selectionRange(back, order, 'a').anchor).toBe('d');
  });

  it('without an anchor in view, a range click selects that photo alone', () => {
    expect(ids(selectionRange(NOTHING_SELECTED, order, 'c'))).toEqual(['c']);
    const gone = { ids: new Set(['x']), anchor: 'x' };
    expect(ids(selectionRange(gone, order, 'c'))).toEqual(['c', 'x']);
  });

  it("selects a day's photos, and unselects them when all were", () => {
    const some = selectionToggle(NOTHING_SELECTED, 'b');
    const day = selectionGroup(some, ['b', 'c']);
    expect(ids(day)).toEqual(['b', 'c']);
    expect(ids(selectionGroup(day, ['b', 'c']))).toEqual([]);
  });

  it('forgets photos that are gone, and clears', () => {
    const s = new Selection();
    s.toggle('a');
    s.toggle('b');
    const before = s.store.get();
    s.keepWithin(() => true);
    expect(s.store.get()).toBe(before); // nothing changed, no new state
    s.keepWithin((id) => id === 'a');
    expect(s.ids).toEqual(['a']);
    expect(s.store.get().anchor).toBeNull();
    expect(selectionWithin(before, (id) => id === 'b').anchor).toBe('b');
    s.clear();
    expect(s.ids).toEqual([]);
  });
});
