import { describe, expect, it } from 'vitest';
import { fakePhoto } from '../library/testing';
import { visibleItems } from './visible';

const old = fakePhoto(1, { takenAt: Date.UTC(2015, 5, 1) });
const recent = fakePhoto(2, { takenAt: Date.UTC(2024, 0, 1) });
const undated = fakePhoto(3, { takenAt: null, lastModified: Date.UTC(2020, 0, 1) });
const base = {
  photos: [recent, undated, old],
  minScore: 0.2,
  sort: 'relevance' as const,
  photoLabels: null,
  labelFilter: null,
};

describe('visibleItems', () => {
  it('shows every photo when nothing is searched', () => {
    expect(visibleItems({ ...base, matches: null }).map((i) => i.photo.id)).toEqual([recent.id, undated.id, old.id]);
  });

  it('with filters and nothing searched, shows just the photos passing them, newest first', () => {
    const browse = new Set([old.id, recent.id]);
    expect(visibleItems({ ...base, matches: null, browse }).map((i) => i.photo.id)).toEqual([recent.id, old.id]);
    expect(visibleItems({ ...base, matches: null, browse: new Set() })).toEqual([]);
  });

  it('keeps matches above the cutoff, best first, with their scores', () => {
    const matches = [
      { id: old.id, score: 0.31 },
      { id: recent.id, score: 0.25 },
      { id: undated.id, score: 0.1 },
    ];
    const items = visibleItems({ ...base, matches });
    expect(items.map((i) => [i.photo.id, i.score])).toEqual([
      [old.id, 0.31],
      [recent.id, 0.25],
    ]);
  });

  it('sorts matches by date taken, falling back to the file date', () => {
    const matches = [
      { id: old.id, score: 0.5 },
      { id: undated.id, score: 0.4 },
      { id: recent.id, score: 0.3 },
    ];
    const items = visibleItems({ ...base, matches, sort: 'date' });
    expect(items.map((i) => i.photo.id)).toEqual([recent.id, undated.id, old.id]);
  });

  it('sorts matches oldest first when asked', () => {
    const matches = [
      { id: recent.id, score: 0.5 },
      { id: old.id, score: 0.3 },
    ];
    const items = visibleItems({ ...base, matches, sort: 'oldest' });
    expect(items.map((i) => i.photo.id)).toEqual([old.id, recent.id]);
  });
});
