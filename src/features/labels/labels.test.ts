import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { listLabelSets } from '../../library/labels';
import type { LabelSet } from '../../library/schema';
import { labelAll } from '../../search/zeroShot';
import {
  countLabels,
  decisionRule,
  DEFAULT_MULTI_THRESHOLD,
  Labels,
  labelSetFromDraft,
  parseLabels,
  parseTemplates,
  photoLabelsOf,
} from './labels';
import { NO_LABEL } from '../../shared/labels';
import { colorLibrary, colorVector, TEST_COLORS } from '../../test-support/colorLibrary';
import { fixtureColorSiglip } from '../../engine/models/fixture-color-siglip';
import { vectorCosine } from '../../search/vector';

const draft = (labels: string, more: Partial<Parameters<typeof labelSetFromDraft>[0]> = {}) => ({
  name: '',
  labels,
  templates: 'a photo of a {}.\na {} picture.',
  mode: 'single' as const,
  threshold: 0.5,
  ...more,
});

describe('label set text', () => {
  test('labels split on commas and new lines, trimmed, duplicates dropped case-insensitively', () => {
    expect(parseLabels(' cat, dog\nreceipt ,, Cat,  snow   mountain ')).toEqual([
      'cat',
      'dog',
      'receipt',
      'snow mountain',
    ]);
    expect(parseLabels(' , \n ')).toEqual([]);
  });

  test('templates are one a line; a line without {} gets the label at its end', () => {
    expect(parseTemplates('a photo of a {}.\n\n  a photo of\na photo of a {}.')).toEqual([
      'a photo of a {}.',
      'a photo of {}',
    ]);
  });

  test('a draft becomes a set: named after its labels when unnamed, per-label thresholds only for its labels', () => {
    const set = labelSetFromDraft(
      draft('red, green, blue, yellow', { mode: 'multi', threshold: 0.3, thresholds: { red: 0.4, gone: 0.9 } }),
      1000,
    );
    expect(set).toMatchObject({
      name: 'red, green, blue',
      labels: ['red', 'green', 'blue', 'yellow'],
      templates: ['a photo of a {}.', 'a {} picture.'],
      mode: 'multi',
      threshold: 0.3,
      thresholds: { red: 0.4 },
      updatedAt: 1000,
    });
    expect(labelSetFromDraft(draft('x', { id: 'keep', templates: '' })).templates).toEqual(['{}']);
    expect(labelSetFromDraft(draft('x', { id: 'keep' })).id).toBe('keep');
    expect(() => labelSetFromDraft(draft(' , '))).toThrow(/at least one label/);
  });
});

describe('decisions', () => {
  const base: LabelSet = { id: 's', name: 's', labels: ['a', 'b'], templates: ['{}'], mode: 'single', updatedAt: 0 };

  test("single-label mode scores with the embedder's own scoring, the set's threshold the minimum confidence", () => {
    expect(decisionRule({ ...base, threshold: 0.7 })).toEqual({
      mode: 'single',
      scoring: { kind: 'softmax', logitScale: 100 },
      minConfidence: 0.7,
    });
    expect(decisionRule({ ...base, threshold: 0.7 }, fixtureColorSiglip.scoring)).toEqual({
      mode: 'single',
      scoring: { kind: 'sigmoid', logitScale: 10, logitBias: -5 },
      minConfidence: 0.7,
    });
  });

  test('multi-label mode uses a per-label threshold where set, else the set threshold, else the default', () => {
    expect(decisionRule({ ...base, mode: 'multi', threshold: 0.3, thresholds: { b: 0.1 } })).toEqual({
      mode: 'multi',
      thresholds: [0.3, 0.1],
    });
    expect(decisionRule({ ...base, mode: 'multi' })).toEqual({
      mode: 'multi',
      thresholds: [DEFAULT_MULTI_THRESHOLD, DEFAULT_MULTI_THRESHOLD],
    });
  });

  test('chips: the single winner with its probability; every assigned label best first; none when nothing fits', () => {
    const photo = (x: number, y: number) => [x, y];
    const single = labelAll([], [], { mode: 'single' });
    expect(photoLabelsOf(single, [], []).size).toBe(0);
    const result = {
      mode: 'multi' as const,
      count: 2,
      labelCount: 2,
      cosines: Float32Array.from([...photo(0.2, 0.3), ...photo(0.1, 0.1)]),
      assigned: Uint8Array.from([1, 1, 0, 0]),
    };
    const chips = photoLabelsOf(result, ['p1', 'p2'], ['a', 'b']);
    expect(chips.get('p1')!.map((c) => c.label)).toEqual(['b', 'a']);
    expect(chips.get('p2')).toEqual([]);
    expect(countLabels(chips, ['a', 'b'])).toEqual([
      { label: 'a', count: 1 },
      { label: 'b', count: 1 },
      { label: NO_LABEL, count: 1 },
    ]);
  });
});

describe('labelling the library', () => {
  test("a SigLIP embedder's labels carry its sigmoid probability, a CLIP one's its softmax", async () => {
    const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
    for (const model of ['fixture-color-siglip', 'fixture-color-clip']) {
      const { host, photos } = await colorLibrary(3, model);
      const labels = new Labels(host);
      await labels.save(draft('red, green, blue'));
      const red = labels.store.get().photoLabels!.get(photos[0]!.id)!;
      expect(red.map((c) => c.label)).toEqual(['red']);
      const cosines = TEST_COLORS.map((c) => vectorCosine(colorVector('red'), colorVector(c)));
      const want =
        model === 'fixture-color-siglip'
          ? sigmoid(10 * cosines[0]! - 5)
          : 1 / cosines.reduce((sum, c) => sum + Math.exp(100 * (c - cosines[0]!)), 0);
      expect(red[0]!.score).toBeCloseTo(want, 2);
    }
  });

  test('"red, green, blue" labels every photo with its colour, from stored vectors and a few text embeddings', async () => {
    const { host, photos, log } = await colorLibrary(9);
    const labels = new Labels(host);
    await labels.save(draft('red, green, blue'));
    const chips = labels.store.get().photoLabels!;
    photos.forEach((p, n) => {
      expect(chips.get(p.id)!.map((c) => c.label)).toEqual([TEST_COLORS[n % 3]]);
      expect(chips.get(p.id)![0]!.score).toBeGreaterThan(0.99);
    });
    expect(labels.store.get().counts).toEqual([
      { label: 'red', count: 3 },
      { label: 'green', count: 3 },
      { label: 'blue', count: 3 },
      { label: NO_LABEL, count: 0 },
    ]);
    expect(log.texts).toHaveLength(6); // 3 labels x 2 templates, averaged per label
    expect(labels.store.get().lastRun).toMatchObject({ photos: 9, promptsEmbedded: 6 });
  });

  test('editing the set embeds only the new prompts, and sets are saved and can be switched', async () => {
    const { host, lib, log } = await colorLibrary(6);
    const labels = new Labels(host);
    const first = await labels.save(draft('red, green, blue'));
    await labels.save(draft('red, green, blue, yellow', { id: first.id, name: 'colours' }));
    expect(log.texts.slice(6)).toEqual(['a photo of a yellow.', 'a yellow picture.']);
    const second = await labels.save(draft('green'));
    expect((await listLabelSets(lib)).map((s) => s.name).sort()).toEqual(['colours', 'green']);
    expect(labels.store.get().activeId).toBe(second.id);

    await labels.activate(first.id);
    expect(labels.active?.name).toBe('colours');
    expect(labels.store.get().photoLabels!.size).toBe(6);
    expect(log.texts).toHaveLength(8); // "green" and switching back embedded nothing new

    await labels.activate(null);
    expect(labels.store.get().photoLabels).toBeNull();
  });

  test('a photo no label fits is "none of these" in single-label mode below the confidence', async () => {
    const { host, photos } = await colorLibrary(3);
    const labels = new Labels(host);
    // A green photo is as far from red as from blue: probability 0.5, below the 0.9 asked for.
    await labels.save(draft('red, blue', { threshold: 0.9 }));
    const chips = labels.store.get().photoLabels!;
    expect(chips.get(photos[0]!.id)!.map((c) => c.label)).toEqual(['red']);
    expect(chips.get(photos[1]!.id)).toEqual([]); // green
    expect(labels.store.get().counts.find((c) => c.label === NO_LABEL)!.count).toBe(1);
  });

  test('multi-label mode gives every label over its threshold', async () => {
    const { host, photos } = await colorLibrary(3);
    const labels = new Labels(host);
    await labels.save(draft('red, green', { mode: 'multi', threshold: -1 }));
    expect(
      labels.store
        .get()
        .photoLabels!.get(photos[0]!.id)!
        .map((c) => c.label),
    ).toEqual(['red', 'green']);
    await labels.save(draft('red, green', { id: labels.active!.id, mode: 'multi', threshold: 0.5 }));
    expect(
      labels.store
        .get()
        .photoLabels!.get(photos[0]!.id)!
        .map((c) => c.label),
    ).toEqual(['red']);
    expect(labels.store.get().photoLabels!.get(photos[2]!.id)).toEqual([]);
  });
});

describe('labels applied by hand', () => {
  test("replace the model's on exactly those photos, survive a reload and an edit of the set", async () => {
    const { host, photos } = await colorLibrary(3);
    const labels = new Labels(host);
    await labels.save(draft('red, green, blue'));
    const [a, b, c] = photos.map((p) => p.id);
    const before = labels.store.get().photoLabels!;
    await labels.apply([a!, b!], 'blue');
    const chips = labels.store.get().photoLabels!;
    expect(chips.get(a!)).toEqual([{ label: 'blue', score: 1, byUser: true }]);
    expect(chips.get(b!)).toEqual([{ label: 'blue', score: 1, byUser: true }]);
    expect(chips.get(c!)).toEqual(before.get(c!));
    expect(labels.store.get().counts.find((n) => n.label === 'blue')!.count).toBeGreaterThanOrEqual(2);
    await labels.reload();
    expect(labels.store.get().photoLabels!.get(a!)![0]!.byUser).toBe(true);
    await labels.save(draft('red, green, blue, yellow', { id: labels.active!.id }));
    expect(
      labels.store
        .get()
        .photoLabels!.get(b!)!
        .map((l) => l.label),
    ).toEqual(['blue']);
    await expect(labels.apply([a!], 'purple')).rejects.toThrow(/not a label/u);
  });

  test('join the labels a photo shows in a multi-label set', async () => {
    const { host, photos } = await colorLibrary(3);
    const labels = new Labels(host);
    await labels.save(draft('red, green', { mode: 'multi', threshold: 0.5 }));
    await labels.apply([photos[0]!.id], 'green');
    expect(
      labels.store
        .get()
        .photoLabels!.get(photos[0]!.id)!
        .map((l) => l.label),
    ).toEqual(['green', 'red']);
  });
});

describe('while a folder is indexed', () => {
  test('relabeling waits (refreshes come several times a second) and catches up once the library is ready', async () => {
    const { host } = await colorLibrary(6);
    const labels = new Labels(host);
    await labels.save(draft('red, green, blue'));
    const full = host.vectors();
    host.store.set({ phase: 'indexing' });
    const fewer = full.blocks.map((b) => ({ ...b, count: 2 }));
    Object.assign(host, {
      labelAll: async (labels: Float32Array[], options: Parameters<typeof labelAll>[2]) => ({
        ids: full.ids.slice(0, 2),
        result: labelAll(fewer, labels, options),
      }),
    });
    await labels.reload();
    expect(labels.store.get().photoLabels!.size).toBe(6); // not yet
    host.store.set({ phase: 'ready' });
    await labels.reload();
    expect(labels.store.get().photoLabels!.size).toBe(2);
  });
});

describe('teach by example', () => {
  // colorLibrary(15): photo n is TEST_COLORS[n % 3], five of each.
  const ofColor = (photos: { id: string }[], color: number) => photos.filter((_, n) => n % 3 === color);

  test('"my things", taught with three red photos and no set active, labels every red photo and no other', async () => {
    const { host, photos, lib } = await colorLibrary(15);
    const labels = new Labels(host);
    await labels.reload();
    const red = ofColor(photos, 0);
    const report = await labels.teach(
      red.slice(0, 3).map((p) => p.id),
      '  my things ',
    );
    const state = labels.store.get();
    expect(labels.active).toMatchObject({ name: 'Taught labels', labels: ['my things'], mode: 'multi' });
    for (const [n, photo] of photos.entries()) {
      expect(state.photoLabels!.get(photo.id)!.map((l) => l.label)).toEqual(n % 3 === 0 ? ['my things'] : []);
    }
    expect(state.counts).toEqual([
      { label: 'my things', count: 5 },
      { label: NO_LABEL, count: 10 },
    ]);
    expect(report).toMatchObject({ label: 'my things', examples: 3, counterExamples: 0, sampled: 12, labelled: 5 });
    expect(report!.crossValidation).toMatchObject({ folds: 3, rows: 15, examples: 3, examplesCorrect: 3 });
    // The two unmarked red photos were sampled as "others": the least sure, and the k-fold's only mistakes.
    expect(report!.crossValidation!.correct).toBe(13);
    expect(
      report!.leastSure
        .slice(0, 2)
        .map((s) => s.id)
        .sort(),
    ).toEqual(
      red
        .slice(3)
        .map((p) => p.id)
        .sort(),
    );
    expect(report!.leastSure.some((s) => red.slice(0, 3).some((p) => p.id === s.id))).toBe(false);
    // No prompt was embedded for a label named only to be taught.
    expect(state.lastRun!.promptsEmbedded).toBe(0);

    const [saved] = await listLabelSets(lib);
    expect(saved!.examples).toEqual({
      'my things': { examples: red.slice(0, 3).map((p) => p.id), counterExamples: [], prompts: false },
    });
    const reopened = new Labels(host);
    await reopened.reload();
    expect(reopened.store.get().photoLabels).toEqual(state.photoLabels);
  });

  test('a counter-example loses the label and leaves the examples; an edit of the set keeps what was taught', async () => {
    const { host, photos } = await colorLibrary(15);
    const labels = new Labels(host);
    const red = ofColor(photos, 0);
    await labels.teach(
      red.slice(0, 3).map((p) => p.id),
      'my things',
    );
    await labels.teach([red[1]!.id, red[4]!.id], 'My Things', false);
    const set = labels.active!;
    expect(set.labels).toEqual(['my things']);
    expect(set.examples!['my things']).toEqual({
      examples: [red[0]!.id, red[2]!.id],
      counterExamples: [red[1]!.id, red[4]!.id],
      prompts: false,
    });
    const shown = labels.store.get().photoLabels!;
    expect(shown.get(red[1]!.id)).toEqual([]);
    expect(shown.get(red[4]!.id)).toEqual([]);
    expect(shown.get(red[0]!.id)!.map((l) => l.label)).toEqual(['my things']);

    await labels.save({ ...draft('my things, blue'), id: set.id, mode: 'multi', threshold: 0.5 });
    expect(labels.active!.examples).toEqual(set.examples);
    await labels.unteach('my things');
    expect(labels.active!.examples).toBeUndefined();
  });

  test("an existing label keeps its prompts: they join the probe, and the set's other labels stay zero-shot", async () => {
    const { host, photos, log } = await colorLibrary(15);
    const labels = new Labels(host);
    await labels.save(draft('red, green, blue'));
    const report = await labels.teach(
      ofColor(photos, 2)
        .slice(0, 2)
        .map((p) => p.id),
      'blue',
    );
    expect(report).toMatchObject({ prompts: true, labelled: 5 });
    expect(log.texts.some((t) => t.includes('blue'))).toBe(true);
    for (const [n, photo] of photos.entries()) {
      expect(
        labels.store
          .get()
          .photoLabels!.get(photo.id)!
          .map((l) => l.label),
      ).toEqual([TEST_COLORS[n % 3]]);
    }
    await expect(labels.teach([], 'x')).rejects.toThrow(/Select/);
    await expect(labels.teach([photos[0]!.id], ' , ')).rejects.toThrow(/Name the label/);
  });
});
