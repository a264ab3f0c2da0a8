import type { EmbeddingBlock } from '../../library/schema';
import { searchPhotos } from '../../search/query';
import { Store } from '../../shared/store';
import { TUNABLES } from '../tunables';
import { buildSearchIndex, emptyIndex, rankIndex, vectorOf, type SearchIndex } from './searchIndex';

/** A ranked photo while a search or "more like this" is active. */
export interface Match {
  readonly id: string;
  readonly score: number;
  /** How much the caption text contributed (0 when it did not match). */
  readonly captionScore?: number;
}

export type SortOrder = 'relevance' | 'date';

export interface SearchState {
  readonly query: string;
  /** The photo "more like this" started from, when that is the active search. */
  readonly similarTo: string | null;
  readonly matches: readonly Match[] | null;
  /** The query (or `similar:<id>`) the matches were ranked for; they can lag behind `query` while typing. */
  readonly matchesFor: string | null;
  readonly minScore: number;
  readonly sort: SortOrder;
  /** Photos with a vector for the current embedder. */
  readonly indexedCount: number;
}

/** What search needs from the app. */
export interface SearchHost {
  /** The query's text embedding from the current embedder (loading it first); null when no model could load. */
  embedQuery(text: string): Promise<Float32Array | null>;
  /** Each indexed photo's caption words (undefined where it has none), aligned with the index's ids. */
  captionTerms(ids: readonly string[]): (ReadonlySet<string> | undefined)[];
}

/**
 * Search by words and "more like this" over the current embedder's stored vectors, which this slice holds in
 * memory as the library stores them (int8 blocks with the photo id of every row).
 */
export class SearchSlice {
  readonly store: Store<SearchState>;
  private current: SearchIndex = emptyIndex;
  private queryToken = 0;

  constructor(
    private readonly host: SearchHost,
    minScore: number,
  ) {
    this.store = new Store<SearchState>({
      query: '',
      similarTo: null,
      matches: null,
      matchesFor: null,
      minScore,
      sort: 'relevance',
      indexedCount: 0,
    });
  }

  /** The vectors in memory, for features that rank or label without the engine. */
  get index(): SearchIndex {
    return this.current;
  }

  /** Replaces the vectors (after the library changed) and ranks an active search again. */
  async setBlocks(blocks: readonly EmbeddingBlock[]): Promise<void> {
    this.current = buildSearchIndex(blocks);
    this.store.set({ indexedCount: this.current.ids.length });
    if (this.store.get().matches) await this.run();
  }

  /** A new embedder: its own cutoff, and nothing ranked by the old one stays. */
  reset(minScore: number): void {
    this.queryToken++;
    this.current = emptyIndex;
    this.store.set({ minScore, matches: null, similarTo: null, indexedCount: 0 });
  }

  /** Forgets the search (the library was emptied). */
  clear(): void {
    this.queryToken++;
    this.store.set({ query: '', matches: null, similarTo: null });
  }

  setQuery = (query: string): void => {
    this.store.set({ query, similarTo: null });
    void this.run();
  };

  setMinScore = (minScore: number): void => {
    this.store.set({ minScore });
    void this.run();
  };

  setSort = (sort: SortOrder): void => this.store.set({ sort });

  moreLikeThis = (id: string): void => {
    this.store.set({ similarTo: id, query: '' });
    void this.run();
  };

  clearSimilar = (): void => this.store.set({ similarTo: null, matches: null });

  /** Captions changed: a text search ranks again (captions add to its scores). */
  captionsChanged(): void {
    if (this.store.get().query.trim()) void this.run();
  }

  private async run(): Promise<void> {
    const token = ++this.queryToken;
    const { query, similarTo, minScore } = this.store.get();
    const index = this.current;
    let matches: Match[] | null = null;
    if (similarTo) {
      const vector = vectorOf(index, similarTo);
      matches = vector ? rankIndex(index, vector, TUNABLES.searchLimit, minScore) : [];
    } else if (query.trim()) {
      const vector = await this.host.embedQuery(query.trim());
      if (!vector || token !== this.queryToken) return;
      // Image similarity plus caption words; the rule and its weight are documented in src/search/query.ts.
      const index = this.current;
      const captions = this.host.captionTerms(index.ids);
      const hits = searchPhotos(vector, query, index.blocks, captions, { k: TUNABLES.searchLimit, minScore });
      matches = hits.map((h) => ({ id: index.ids[h.index]!, score: h.score, captionScore: h.captionScore }));
    }
    const matchesFor = similarTo ? `similar:${similarTo}` : query;
    if (token === this.queryToken) this.store.set({ matches, matchesFor });
  }
}
