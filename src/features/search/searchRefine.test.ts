import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import type { EmbeddingBlock } from '../../library/schema';
import type { PhotoFacets } from '../../search/filters';
import { blockReadRow, blocksFromEmbeddings } from '../../search/quantize';
import { rankBlocks } from '../../search/rank';
import { queryVectorCombine } from '../../search/queryLanguage';
import { rocchio } from '../../search/rocchio';
import { syntheticClusteredEmbeddings } from '../../search/synthetic';
import { createSearchClient } from './searchClient';
import { SearchSlice, type SearchState } from './searchSlice';
import { createSearchCore } from './worker/core';

const DIMS = 32;
const { embeddings, centers } = syntheticClusteredEmbeddings({
  seed: 3,
  count: 200,
  dims: DIMS,
  clusters: 4,
  spread: 1,
});
const ids = embeddings.map((_, i) => `photo-${i}`);
const blocks: EmbeddingBlock[] = blocksFromEmbeddings(embeddings, 256).map((b, n) => ({
  ...b,
  modelId: 'm',
  blockNo: n,
  ids: ids.slice(0, b.count),
}));
const facets: PhotoFacets[] = ids.map((id, i) => ({
  id,
  takenAt: new Date(i % 2 === 0 ? 2019 : 2020, 4, 1 + (i % 28)).getTime(),
  folder: 'a',
  type: i % 3 === 0 ? 'png' : 'jpeg',
  width: 4,
  height: 3,
  hasCaption: false,
  labels: [],
  ...(i === 6 ? { lat: 1, lon: 1 } : {}),
}));
const PNG = ids.filter((_, i) => i % 3 === 0);

function slice() {
  const channel = new MessageChannel();
  Comlink.expose(createSearchCore({ threads: 1, spawnScanner: null, shared: false }), channel.port1);
  const search = new SearchSlice(
    {
      embedTexts: async (texts) => texts.map(() => centers[1]!),
      captionTerms: () => new Map(),
      photoPaths: () => [],
      facetsOf: (wanted) => (wanted ? facets.filter((f) => wanted.includes(f.id)) : facets),
    },
    createSearchClient(() => channel.port2),
    -1,
  );
  return { search, close: () => (search.dispose(), channel.port1.close()) };
}

async function until(search: SearchSlice, done: (s: SearchState) => boolean): Promise<SearchState> {
  for (let i = 0; i < 400 && !done(search.store.get()); i++) await new Promise((r) => setTimeout(r, 5));
  expect(done(search.store.get())).toBe(true);
  return search.store.get();
}

const rankedIds = (query: Float32Array) => rankBlocks(query, blocks, { k: 500, minScore: -1 }).map((h) => ids[h.index]);
const row = (i: number) => blockReadRow(blocks[0]!, i);

describe('relevance feedback and filters in the search slice', () => {
  it('"more" and "fewer" rank by Rocchio over the stored vectors; chips come off; undo steps back', async () => {
    const { search, close } = slice();
    await search.load('m', blocks);
    search.facetsChanged();
    search.setQuery('anything');
    const plain = (await until(search, (s) => s.matches !== null)).matches!;
    expect(plain.map((m) => m.id)).toEqual(rankedIds(centers[1]!));

    const far = plain[plain.length - 1]!.id;
    search.feedback([far, far], 'more');
    const more = await until(search, (s) => s.matches !== plain);
    expect(more.feedback).toEqual([{ key: 1, kind: 'more', ids: [far] }]);
    expect(more.matches!.map((m) => m.id)).toEqual(rankedIds(rocchio(centers[1]!, [row(ids.indexOf(far))], [])!));
    expect(more.matches!.findIndex((m) => m.id === far)).toBeLessThan(plain.length - 1);

    const top = plain[0]!.id;
    search.feedback([top], 'fewer');
    const both = await until(search, (s) => s.feedback.length === 2 && s.matches !== more.matches);
    const want = rocchio(centers[1]!, [row(ids.indexOf(far))], [row(ids.indexOf(top))])!;
    expect(both.matches!.map((m) => m.id)).toEqual(rankedIds(want));

    search.removeFeedback(1);
    const fewer = await until(search, (s) => s.feedback.length === 1 && s.matches !== both.matches);
    expect(fewer.matches!.map((m) => m.id)).toEqual(rankedIds(rocchio(centers[1]!, [], [row(ids.indexOf(top))])!));
    expect(fewer.matches!.findIndex((m) => m.id === top)).toBeGreaterThan(0);

    search.undo();
    await until(search, (s) => s.feedback.length === 2);
    search.undo();
    search.undo();
    const back = await until(search, (s) => s.feedback.length === 0 && !s.canUndo);
    await until(search, (s) => s.matches !== back.matches || s.matches?.[0]?.id === top);
    expect(search.store.get().matches!.map((m) => m.id)).toEqual(rankedIds(centers[1]!));
    close();
  });

  it('filters narrow a search and, with nothing searched, the library; bad parts are said, not applied', async () => {
    const { search, close } = slice();
    await search.load('m', blocks);
    search.facetsChanged();
    search.setFilters({ type: 'png' });
    const browsing = await until(search, (s) => s.browse !== null);
    expect([...browsing.browse!]).toEqual(PNG);
    expect(browsing.matches).toBeNull();

    search.setQuery('anything');
    const found = await until(search, (s) => s.matches !== null);
    expect(found.matches!.map((m) => m.id)).toEqual(rankedIds(centers[1]!).filter((id) => PNG.includes(id!)));

    search.setFilters({ type: 'png', year: 2019, month: 13 } as never);
    const narrowed = await until(search, (s) => s.filterErrors.length > 0 && s.matches !== found.matches);
    expect(narrowed.filters).toEqual({ type: 'png', year: 2019 });
    expect(narrowed.filterErrors).toEqual(['month: a month is a number from 1 to 12; ignored']);
    expect(narrowed.matches!.every((m) => ids.indexOf(m.id) % 6 === 0)).toBe(true);

    search.filterNear('photo-7', 50);
    expect(search.store.get().filterErrors).toEqual(['near: that photo has no place (GPS), so no photo is near it']);
    search.filterNear('photo-6', 50);
    expect(search.store.get().filterErrors).toEqual([]);
    const near = await until(search, (s) => s.matches?.length === 1);
    expect(near.matches![0]!.id).toBe('photo-6');
    close();
  });

  it('"like this, but" searches the photo\'s vector plus the words', async () => {
    const { search, close } = slice();
    await search.load('m', blocks);
    search.likeThisBut('photo-9', '  at "night" ');
    expect(search.store.get().query).toBe('photo:photo-9 + "at night"');
    const state = await until(search, (s) => s.matches !== null);
    const want = rankedIds(queryVectorCombine([1, 1], [row(9), centers[1]!])!);
    expect(state.matches!.map((m) => m.id)).toEqual(want);
    close();
  });
});
