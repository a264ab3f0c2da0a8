import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { Labels, type LabelSetDraft } from '../features/labels/labels';
import { visibleItems } from './visible';
import { NO_LABEL } from '../shared/labels';
import { colorLibrary } from '../test-support/colorLibrary';

/** The gallery as the app composes it: search's visible list with the labels slice's chips and filter. */
const draft = (labels: string, more: Partial<LabelSetDraft> = {}): LabelSetDraft => ({
  name: '',
  labels,
  templates: 'a photo of a {}.\na {} picture.',
  mode: 'single',
  threshold: 0.5,
  ...more,
});

describe('the gallery with labels', () => {
  test('tiles carry their chips; filtering by a label or by "none of these" keeps only those photos', async () => {
    const { host, photos } = await colorLibrary(6);
    const labels = new Labels(host);
    await labels.save(draft('red, green', { threshold: 0.6 })); // blue photos: a 50/50 tie, so none
    const state = gallery(photos, labels);
    const all = visibleItems(state);
    expect(all).toHaveLength(6);
    expect(all[0]!.labels).toEqual(state.photoLabels!.get(all[0]!.photo.id));

    const green = visibleItems({ ...state, labelFilter: 'green' });
    expect(green.map((i) => i.photo.id).sort()).toEqual([photos[1]!.id, photos[4]!.id].sort());
    const none = visibleItems({ ...state, labelFilter: NO_LABEL });
    expect(none.map((i) => i.photo.id).sort()).toEqual([photos[2]!.id, photos[5]!.id].sort());
  });

  test('the filter narrows search results too, and no label set means no chips', async () => {
    const { host, photos } = await colorLibrary(3);
    const labels = new Labels(host);
    await labels.save(draft('red, green, blue'));
    const matches = photos.map((p, i) => ({ id: p.id, score: 1 - i / 10 }));
    const state = { ...gallery(photos, labels), matches, labelFilter: 'blue' };
    expect(visibleItems(state).map((i) => i.photo.id)).toEqual([photos[2]!.id]);
    expect(visibleItems({ ...state, photoLabels: null, labelFilter: null })[0]!.labels).toBeUndefined();
  });
});

function gallery(photos: Parameters<typeof visibleItems>[0]['photos'], labels: Labels) {
  const { photoLabels, filter } = labels.store.get();
  return { photos, matches: null, minScore: 0, sort: 'relevance' as const, photoLabels, labelFilter: filter };
}
