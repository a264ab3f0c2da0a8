import * as Comlink from 'comlink';
import { describe, expect, it, vi } from 'vitest';
import type { EmbeddingBlock } from '../../library/schema';
import { blocksFromEmbeddings, blockReadRow } from '../../search/quantize';
import { CAPTION_WEIGHT, captionTerms, NAME_WEIGHT, searchPhotos } from '../../search/query';
import { queryVectorCombine } from '../../search/queryLanguage';
import { rankBlocks } from '../../search/rank';
import { syntheticClusteredEmbeddings } from '../../search/synthetic';
import { createSearchClient } from './searchClient';
import { quotedPhrases, SearchSlice, type Match } from './searchSlice';
import { createSearchCore } from './worker/core';
import { TUNABLES } from '../tunables';

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
function slice(query: Float32Array = centers[2]!, options: SliceOptions = {}) {
  const channel = new MessageChannel();
  Comlink.expose(createSearchCore({ threads: 1, spawnScanner: null, shared: false }), channel.port1);
  const embedded: string[][] = [];
  const search = new SearchSlice(
    {
      embedTexts: async (texts) => {
        embedded.push([...texts]);
        return texts.map((text) => options.textVectors?.[text] ?? query);
      },
      captionTerms: () => captions,
      photoPaths: () => options.pathsNow?.() ?? options.paths ?? [],
      phraseMatches: (phrase) => (phrase === 'open 7 days' ? ['photo-7'] : []),
    },
    createSearchClient(() => channel.port2),
    -1,
  );
  return { search, embedded, close: () => (search.dispose(), channel.port1.close()) };
}

interface SliceOptions {
  /** The embedding of each text term (others get the default query vector). */
  textVectors?: Record<string, Float32Array>;
  paths?: readonly { id: string; path: string }[];
  /** The host's photos as they are now (a new array whenever they change, as the app's store hands them). */
  pathsNow?: () => readonly { id: string; path: string }[];
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

  it("ranks below the user's cutoff, so a search with nothing above it still has weaker matches to offer", async () => {
    const { search, close } = slice();
    await search.load('m', blocks);
    search.setMinScore(0.99); // above every score: the grid would say "0 matches"
    search.setQuery('red bicycle');
    const got = await ranked(search);
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((m) => m.score < 0.99 && m.score >= -0.2)).toBe(true);
    close();
  });

  it("a quoted phrase found literally in a photo's read text counts as all its words, unquoted it does not", async () => {
    expect(quotedPhrases('"open 7 days" shop -"closed" "x')).toEqual(['open 7 days']);
    const { search, close } = slice();
    await search.load('m', blocks);
    search.setQuery('"open 7 days"');
    expect((await ranked(search)).find((m) => m.id === 'photo-7')!.captionScore).toBe(1);
    search.setQuery('open 7 days');
    for (let i = 0; i < 200 && search.store.get().matchesFor !== 'open 7 days'; i++)
      await new Promise((r) => setTimeout(r, 5));
    expect((await ranked(search)).find((m) => m.id === 'photo-7')!.captionScore).toBe(0);
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

  it('a query of terms ranks by the normalized weighted sum of their vectors, each distinct text embedded once', async () => {
    const textVectors = { red: centers[1]!, blue: centers[3]! };
    const { search, embedded, close } = slice(centers[0]!, { textVectors });
    await search.load('m', blocks);
    search.setQuery('2:red -blue + red + photo:photo-7');
    const got = await ranked(search);
    expect(embedded).toEqual([['red', 'blue']]);
    const combined = queryVectorCombine(
      [2, -1, 1, 1],
      [centers[1]!, centers[3]!, centers[1]!, blockReadRow(blocks[0]!, 7)],
    );
    const captionsById = ids.map((id) => captions.get(id));
    const want = searchPhotos(combined!, 'red red', blocks, captionsById, { k: 500, minScore: -1 });
    expect(got.map((m) => m.id)).toEqual(want.map((h) => ids[h.index]));
    expect(got.map((m) => m.score)).toEqual(want.map((h) => h.score));
    expect(search.store.get().queryErrors).toEqual([]);
    close();
  });

  it('the caption bonus uses the added text terms only', async () => {
    const { search, close } = slice(centers[0]!, { textVectors: { bicycle: centers[1]!, dog: centers[3]! } });
    await search.load('m', blocks);
    search.setQuery('bicycle -dog');
    const got = await ranked(search);
    // "a red bicycle" matches all of "bicycle"; the subtracted "dog" would halve it.
    expect(got.find((m) => m.id === 'photo-3')!.captionScore).toBe(1);
    close();
  });

  it('parse errors and unknown photos reach the state; what could be parsed is still searched', async () => {
    const { search, close } = slice();
    await search.load('m', blocks);
    search.setQuery('red - photo:nope "bi');
    const got = await ranked(search);
    expect(got.length).toBeGreaterThan(0);
    const messages = search.store.get().queryErrors.map((e) => e.message);
    expect(messages).toEqual([
      'the quote at 18 is never closed; read to the end as one phrase',
      'no photo "nope" has a vector for this model; photo:nope ignored',
    ]);
    expect(search.store.get().queryErrors[1]).toMatchObject({ start: 6, end: 16 });
    close();
  });

  it('a query with nothing to search ranks nothing and says why', async () => {
    const { search, close } = slice();
    await search.load('m', blocks);
    search.setQuery('red -red');
    expect(await ranked(search)).toEqual([]);
    expect(search.store.get().queryErrors.map((e) => e.message)).toEqual([
      'the terms cancel out: nothing is left to search for',
    ]);
    search.setQuery('-');
    await new Promise((r) => setTimeout(r, 20));
    expect(search.store.get().matchesFor).toBe('-');
    expect(search.store.get().matches).toEqual([]);
    expect(search.store.get().queryErrors[0]!.message).toMatch(/has no term after it/);
    close();
  });

  it("words of a photo's folders and file name add NAME_WEIGHT to its score", async () => {
    const paths = ids.map((id, i) => ({ id, path: i === 123 ? 'Paris 2019/IMG_2041.jpg' : `misc/${id}.jpg` }));
    const plain = slice(centers[0]!);
    const named = slice(centers[0]!, { paths });
    for (const { search } of [plain, named]) {
      await search.load('m', blocks);
      search.setQuery('2041 paris');
    }
    const before = (await ranked(plain.search)).find((m) => m.id === 'photo-123')!;
    const after = await ranked(named.search);
    const hit = after.find((m) => m.id === 'photo-123')!;
    expect(hit.score).toBeCloseTo(before.score + NAME_WEIGHT, 10);
    expect(hit.captionScore).toBeCloseTo(NAME_WEIGHT / CAPTION_WEIGHT, 10);
    expect(after.filter((m) => m.captionScore! > 0).map((m) => m.id)).toEqual(['photo-123']);
    plain.close();
    named.close();
  });

  it("name words follow the photos: a renamed photo's old words stop counting and its new ones count, a removed photo's none", async () => {
    let paths = ids.map((id, i) => ({ id, path: i === 5 ? 'Paris/IMG_1.jpg' : `misc/${id}.jpg` }));
    const { search, close } = slice(centers[0]!, { pathsNow: () => paths });
    await search.load('m', blocks);
    const named = async (query: string) => {
      search.setQuery(query);
      await vi.waitFor(() => expect(search.store.get().matchesFor).toBe(query));
      return search.store
        .get()
        .matches!.filter((m) => m.captionScore! > 0)
        .map((m) => m.id);
    };
    expect(await named('paris')).toEqual(['photo-5']);
    paths = paths.map((p, i) =>
      i === 5 ? { ...p, path: 'Rome/IMG_1.jpg' } : i === 9 ? { ...p, path: 'Paris/x.jpg' } : p,
    );
    expect(await named('rome')).toEqual(['photo-5']);
    expect(await named('paris')).toEqual(['photo-9']);
    paths = paths.filter((_, i) => i !== 9);
    expect(await named('rome')).toEqual(['photo-5']);
    expect(await named('paris')).toEqual([]);
    close();
  });

  it('opening a big library: a query is answered before its names are indexed, then ranked again with them', async () => {
    // More photos than one slice of the name index: the first answer does not wait for all their names.
    const many = TUNABLES.nameIndexSlice * 3;
    const paths = Array.from({ length: many }, (_, i) => ({
      id: i < ids.length ? ids[i]! : `other-${i}`,
      path: i === 42 ? 'Paris 2019/IMG_2041.jpg' : `misc/${i}.jpg`,
    }));
    const { search, close } = slice(centers[0]!, { paths });
    await search.load('m', blocks);
    const seen: (number | undefined)[] = [];
    search.store.subscribe(() => {
      const hit = search.store.get().matches?.find((m) => m.id === 'photo-42');
      if (hit) seen.push(hit.captionScore);
    });
    search.setQuery('2041');
    await vi.waitFor(() => expect(seen.at(-1)).toBeCloseTo(NAME_WEIGHT / CAPTION_WEIGHT, 10));
    expect(seen[0]).toBe(0); // the first answer came before the names were in
    close();
  });

  it("a plain query never waits for facets; a filter sends every photo's facets once, before it ranks", async () => {
    const channel = new MessageChannel();
    Comlink.expose(createSearchCore({ threads: 1, spawnScanner: null, shared: false }), channel.port1);
    const facetsAsked: number[] = [];
    const client = createSearchClient(() => channel.port2);
    const search = new SearchSlice(
      {
        embedTexts: async (texts) => texts.map(() => centers[2]!),
        captionTerms: () => new Map(),
        photoPaths: () => [],
        facetsOf: (wanted) => {
          facetsAsked.push(wanted?.length ?? -1);
          return (wanted ?? ids).map((id) => ({
            id,
            takenAt: null,
            folder: 'a',
            type: Number(id.slice(6)) % 2 === 0 ? 'png' : 'jpeg',
            width: 4,
            height: 3,
            hasCaption: false,
            labels: [],
          }));
        },
      },
      client,
      -1,
    );
    await search.load('m', blocks);
    search.facetsChanged();
    search.setQuery('red');
    await vi.waitFor(() => expect(search.store.get().matchesFor).toBe('red'));
    expect(facetsAsked).toEqual([]);
    search.setFilters({ type: 'png' });
    await vi.waitFor(() =>
      expect(search.store.get().matches?.every((m) => Number(m.id.slice(6)) % 2 === 0)).toBe(true),
    );
    expect(facetsAsked).toEqual([-1]); // all of them, once
    search.setQuery('blue');
    await vi.waitFor(() => expect(search.store.get().matchesFor).toBe('blue'));
    expect(facetsAsked).toEqual([-1]);
    search.facetsChanged(); // e.g. a caption was added: sent again, for the filtered search
    await vi.waitFor(() => expect(facetsAsked).toEqual([-1, -1]));
    search.dispose();
    channel.port1.close();
  });
});
