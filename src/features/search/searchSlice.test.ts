import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import type { EmbeddingBlock } from '../../library/schema';
import { blocksFromEmbeddings, blockReadRow } from '../../search/quantize';
import { captionTerms, searchPhotos } from '../../search/query';
import { rankBlocks } from '../../search/rank';
import { syntheticClusteredEmbeddings } from '../../search/synthetic';
import { createSearchClient } from './searchClient';
import { SearchSlice, type Match } from './searchSlice';
import { createSearchCore } from './worker/core';

const DIMS = 32;
const { embeddings, centers } = syntheticClusteredEmbeddings({
  seed: 7,
  count: 300,
  dims: DIMS,
  clusters: 5,
  spread: 1,
});
const ids = embeddings.map((_, i) => `photo-${i}`);
/** Stored blocks as the library keeps them: rows of 128, each with its photo ids. */
const blocks: EmbeddingBlock[] = blocksFromEmbeddings(embeddings, 128).map((b, n) => ({
  ...b,
  modelId: 'm',
  blockNo: n,
  ids: ids.slice(n * 128, n * 128 + b.count),
}));
const captions = new Map([
  ['photo-3', captionTerms('a red bicycle')],
  ['photo-250', captionTerms('red bicycle by the sea')],
]);

/** A slice over the real search worker core, in this thread through a message port. */
function slice(query: Float32Array = centers[2]!) {
  const channel = new MessageChannel();
  Comlink.expose(createSearchCore({ threads: 1, spawnScanner: null, shared: false }), channel.port1);
  const search = new SearchSlice(
    { embedQuery: async () => query, captionTerms: () => captions },
    createSearchClient(() => channel.port2),
    -1,
  );
  return { search, close: () => (search.dispose(), channel.port1.close()) };
}

async function ranked(search: SearchSlice): Promise<readonly Match[]> {
  for (let i = 0; i < 200 && !search.store.get().matches; i++) await new Promise((r) => setTimeout(r, 5));
  return search.store.get().matches!;
}

describe('SearchSlice over the search worker', () => {
  it('ranks a text query exactly as the main-thread searchPhotos did, caption words included', async () => {
    const { search, close } = slice();
    await search.load('m', blocks);
    expect(search.store.get().indexedCount).toBe(300);
    search.setQuery('red bicycle');
    const got = await ranked(search);
    const want = searchPhotos(
      centers[2]!,
      'red bicycle',
      blocks,
      ids.map((id) => captions.get(id)),
      { k: 500, minScore: -1 },
    );
    expect(got.map((m) => m.id)).toEqual(want.map((h) => ids[h.index]));
    expect(got.map((m) => m.score)).toEqual(want.map((h) => h.score));
    expect(got.find((m) => m.id === 'photo-250')!.captionScore).toBe(1);
    close();
  });

  it('"more like this" ranks the photo\'s own stored vector, itself first', async () => {
    const { search, close } = slice();
    await search.load('m', blocks);
    search.moreLikeThis('photo-42');
    const got = await ranked(search);
    const want = rankBlocks(blockReadRow(blocks[0]!, 42), blocks, { k: 500, minScore: -1 });
    expect(got[0]!.id).toBe('photo-42');
    expect(got.map((m) => m.id)).toEqual(want.map((h) => ids[h.index]));
    close();
  });

  it('an appended import batch ranks the same as the same rows loaded from the library', async () => {
    const loaded = slice();
    await loaded.search.load('m', blocks);
    const appended = slice();
    await appended.search.load('m', [{ ...blocks[0]! }]);
    const rest = embeddings.slice(128).map((vector, i) => ({ id: ids[128 + i]!, vector }));
    await appended.search.append('m', rest.slice(0, 100));
    await appended.search.append('m', rest.slice(100));
    expect(appended.search.store.get().indexedCount).toBe(300);
    for (const { search } of [loaded, appended]) search.setQuery('anything');
    expect(await ranked(appended.search)).toEqual(await ranked(loaded.search));
    loaded.close();
    appended.close();
  });

  it('a search active while the index changes ranks again', async () => {
    const { search, close } = slice();
    await search.load('m', [{ ...blocks[0]!, count: 10, ids: ids.slice(0, 10) }]);
    search.setQuery('red');
    expect(await ranked(search)).toHaveLength(10);
    await search.load('m', blocks);
    expect(search.store.get().matches).toHaveLength(300);
    close();
  });

  it('an empty library searches to no matches and labels nothing (the worker holds no rows yet)', async () => {
    const { search, close } = slice();
    await search.load('m', []);
    expect(search.store.get().indexedCount).toBe(0);
    search.setQuery('red');
    expect(await ranked(search)).toEqual([]);
    expect((await search.labelAll([centers[0]!], { mode: 'single' })).ids).toEqual([]);
    await search.append('m', [{ id: 'first', vector: embeddings[0]! }]);
    expect(search.store.get().matches!.map((m) => m.id)).toEqual(['first']);
    close();
  });
});
