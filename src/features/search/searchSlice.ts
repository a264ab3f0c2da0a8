import type { EmbeddingBlock } from '../../library/schema';
import { captionTerms, captionTermsMatchScore, nameTerms, textBonus } from '../../search/query';
import {
  queryParse,
  queryPositiveText,
  queryTexts,
  queryVectorCombine,
  type QueryError,
  type QueryTerm,
} from '../../search/queryLanguage';
import { quantizeRowInto } from '../../search/quantize';
import { labelAll, type LabelAllOptions, type LabelAllResult } from '../../search/zeroShot';
import { Store } from '../../shared/store';
import { TUNABLES } from '../tunables';
import type { SearchClient, SearchRankResult } from './searchClient';

/** A ranked photo while a search or "more like this" is active. */
export interface Match {
  readonly id: string;
  readonly score: number;
  /** How much the caption text contributed (0 when it did not match). */
  readonly captionScore?: number;
}

/** Matches by score, or by date taken ('date' newest first, 'oldest' oldest first); browsing is always by date. */
export type SortOrder = 'relevance' | 'date' | 'oldest';

export interface SearchState {
  readonly query: string;
  /** The photo "more like this" started from, when that is the active search. */
  readonly similarTo: string | null;
  readonly matches: readonly Match[] | null;
  /** The query (or `similar:<id>`) the matches were ranked for; they can lag behind `query` while typing. */
  readonly matchesFor: string | null;
  readonly minScore: number;
  readonly sort: SortOrder;
  /** Photos with a vector for the current embedder (rows in the search worker's index). */
  readonly indexedCount: number;
  /** What in the query was not searched as typed (src/search/queryLanguage.ts), for `matchesFor`. */
  readonly queryErrors: readonly QueryError[];
}

/** What search needs from the app. */
export interface SearchHost {
  /** The text embeddings of `texts`, in order, from the current embedder (loading it first); null when none loads. */
  embedTexts(texts: readonly string[]): Promise<readonly Float32Array[] | null>;
  /** The caption words of every photo that has a caption. */
  captionTerms(): ReadonlyMap<string, ReadonlySet<string>>;
  /** Every photo's id and relative path: the words of its folders and name count in the rank. */
  photoPaths(): readonly { readonly id: string; readonly path: string }[];
  /** Photos whose read text (OCR) holds `phrase` literally: a quoted query's phrase counts as all its words found. */
  phraseMatches?(phrase: string): Iterable<string>;
}

/** Rows as the library stores them: int8 codes (ids.length x dims), one scale a row. */
export interface IndexRows {
  readonly ids: readonly string[];
  readonly codes: Int8Array;
  readonly scales: Float32Array;
}

/**
 * Search by words and "more like this" over the current embedder's stored vectors. The vectors live in the search
 * worker (src/features/search/worker/): this slice sends it rows and queries and gets ids and scores back, so the
 * main thread never ranks.
 */
export class SearchSlice {
  readonly store: Store<SearchState>;
  private queryToken = 0;
  /** Every index change goes through this chain, so a reset never overtakes an append. */
  private indexing: Promise<unknown> = Promise.resolve();
  /** The model and dimension of the rows the worker holds; null before any row (the worker needs dims to start). */
  private held: { modelId: string; dims: number } | null = null;
  /** `nameTerms` of the last `photoPaths()` seen, kept while the host hands the same array. */
  private names: { paths: readonly { id: string; path: string }[]; terms: Map<string, Set<string>> } | null = null;

  constructor(
    private readonly host: SearchHost,
    private readonly client: SearchClient,
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
      queryErrors: [],
    });
  }

  /** Replaces the index with an embedder's stored blocks (opening the library, another tab's changes). */
  load(modelId: string, blocks: readonly EmbeddingBlock[]): Promise<void> {
    return this.change(async () => {
      this.held = null;
      for (const rows of blocksRows(blocks)) {
        await this.hold(modelId, rows.codes.length / rows.ids.length);
        await this.client.append(rows.ids, rows.codes, rows.scales);
      }
    });
  }

  /** Adds a committed import batch: its vectors quantized exactly as the library stored them. */
  append(modelId: string, embeddings: readonly { id: string; vector: ArrayLike<number> }[]): Promise<void> {
    if (embeddings.length === 0) return Promise.resolve();
    return this.change(async () => {
      const dims = embeddings[0]!.vector.length;
      await this.hold(modelId, dims);
      const rows = quantizeRows(embeddings, dims);
      await this.client.append(rows.ids, rows.codes, rows.scales);
    });
  }

  /** Scores every indexed photo against label vectors, in the search worker; row n of `result` is `ids[n]`. */
  async labelAll(
    labels: readonly Float32Array[],
    options: LabelAllOptions,
  ): Promise<{ ids: string[]; result: LabelAllResult }> {
    await this.indexing;
    if (this.held) return this.client.labelAll(labels, options);
    return { ids: [], result: labelAll([], labels, options) };
  }

  /** A new embedder: its own cutoff, and nothing ranked by the old one stays. */
  reset(minScore: number): void {
    this.queryToken++;
    this.store.set({ minScore, matches: null, similarTo: null });
  }

  /** Forgets the search (the library was emptied). */
  clear(): void {
    this.queryToken++;
    this.store.set({ query: '', matches: null, similarTo: null, queryErrors: [] });
  }

  setQuery = (query: string): void => {
    this.store.set({ query, similarTo: null });
    void this.run();
  };

  /** The cutoff is applied where the visible list is made (src/app/visible.ts): moving it ranks again only below the floor. */
  setMinScore = (minScore: number): void => {
    this.store.set({ minScore });
    if (minScore < TUNABLES.weakestMinScore && this.store.get().matches) void this.run();
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

  /** What the search worker holds (rows, bytes, kernel, threads). */
  stats = () => this.client.stats();

  dispose(): void {
    this.client.dispose();
  }

  /** Makes the worker hold rows of this model and size, starting it afresh for another. */
  private async hold(modelId: string, dims: number): Promise<void> {
    if (this.held?.modelId === modelId && this.held.dims === dims) return;
    await this.client.reset(modelId, dims);
    this.held = { modelId, dims };
  }

  private async change(work: () => Promise<void>): Promise<void> {
    const next = this.indexing.then(work);
    this.indexing = next.catch(() => undefined);
    await next;
    this.store.set({ indexedCount: this.held ? await this.client.count() : 0 });
    if (this.store.get().matches) await this.run();
  }

  private async run(): Promise<void> {
    const token = ++this.queryToken;
    const { query, similarTo, minScore } = this.store.get();
    // Ranked down to the weakest cutoff: the user's cutoff is applied after, so "nothing above it" can be told apart
    // from "nothing at all" and the weaker matches offered.
    const options = { k: TUNABLES.searchLimit, minScore: Math.min(minScore, TUNABLES.weakestMinScore) };
    let ranked: SearchRankResult | null = null;
    let queryErrors: readonly QueryError[] = [];
    if (similarTo) {
      await this.indexing;
      ranked = this.held ? await this.client.rankById(similarTo, options) : NOTHING;
    } else if (query.trim()) {
      const parsed = queryParse(query);
      const vector = await this.queryVector(query, parsed.terms);
      if (vector === undefined || token !== this.queryToken) return;
      queryErrors = [...parsed.errors, ...vector.errors];
      if (vector.vector) {
        // Image similarity plus caption and name words; the rule and its weights are in src/search/query.ts.
        const bonus = this.textBonus(queryPositiveText(parsed.terms), quotedPhrases(query));
        ranked = this.held ? await this.client.rank(vector.vector, { ...options, bonus }) : NOTHING;
      } else ranked = NOTHING;
    }
    const matches = ranked && toMatches(ranked);
    const matchesFor = similarTo ? `similar:${similarTo}` : query;
    if (token === this.queryToken) this.store.set({ matches, matchesFor, queryErrors });
  }

  /**
   * The query's vector: each distinct text embedded once, photo terms from the worker, combined by
   * `queryVectorCombine`. `undefined` when no model could load (nothing to rank with); `vector` null (with a reason
   * in `errors`) when the terms give no direction.
   */
  private async queryVector(
    query: string,
    terms: readonly QueryTerm[],
  ): Promise<{ vector: Float32Array | null; errors: QueryError[] } | undefined> {
    const errors: QueryError[] = [];
    const texts = queryTexts(terms);
    const embedded = texts.length > 0 ? await this.host.embedTexts(texts) : [];
    if (!embedded) return undefined;
    const textVectors = new Map(texts.map((text, i) => [text, embedded[i]!]));
    await this.indexing;
    const weights: number[] = [];
    const vectors: Float32Array[] = [];
    for (const term of terms) {
      const vector =
        term.kind === 'text' ? textVectors.get(term.text) : this.held ? await this.client.vectorOf(term.id) : null;
      if (vector) {
        weights.push(term.weight);
        vectors.push(vector);
      } else if (term.kind === 'photo') {
        const start = Math.max(0, query.toLowerCase().indexOf(`photo:${term.id}`.toLowerCase()));
        const message = `no photo "${term.id}" has a vector for this model; photo:${term.id} ignored`;
        errors.push({ message, start, end: start + `photo:${term.id}`.length });
      }
    }
    const vector = queryVectorCombine(weights, vectors);
    if (!vector && terms.length > 0) {
      const message =
        vectors.length > 0 ? 'the terms cancel out: nothing is left to search for' : 'nothing to search for';
      errors.push({ message, start: 0, end: query.length });
    }
    return { vector, errors };
  }

  /** `textBonus` of every photo whose caption or name matches `text`'s words, by id (float64, as searchPhotos). */
  private textBonus(text: string, phrases: readonly string[] = []) {
    const queryTerms = captionTerms(text);
    const captions = this.host.captionTerms();
    const names = this.nameTermsById();
    const literal = new Set(phrases.flatMap((phrase) => [...(this.host.phraseMatches?.(phrase) ?? [])]));
    const ids: string[] = [];
    const values: number[] = [];
    for (const id of new Set([...captions.keys(), ...names.keys(), ...literal])) {
      const caption = captions.get(id);
      const name = names.get(id);
      const bonus = textBonus(
        literal.has(id) ? 1 : caption ? captionTermsMatchScore(queryTerms, caption) : 0,
        name ? captionTermsMatchScore(queryTerms, name) : 0,
      );
      if (bonus > 0) {
        ids.push(id);
        values.push(bonus);
      }
    }
    return { ids, values: Float64Array.from(values) };
  }

  private nameTermsById(): ReadonlyMap<string, ReadonlySet<string>> {
    const paths = this.host.photoPaths();
    if (this.names?.paths !== paths) {
      this.names = { paths, terms: new Map(paths.map(({ id, path }) => [id, nameTerms(path)])) };
    }
    return this.names.terms;
  }
}

/** The closed, not subtracted, quoted phrases of a query as typed: `"open 7 days" -"closed"` gives `open 7 days`. */
export function quotedPhrases(query: string): string[] {
  return [...query.matchAll(/(^|[^-])"([^"]+)"/gu)].map((m) => m[2]!.trim()).filter(Boolean);
}

const NOTHING: SearchRankResult = { ids: [], scores: new Float64Array(), captionScores: new Float64Array() };

function toMatches({ ids, scores, captionScores }: SearchRankResult): Match[] {
  return ids.map((id, i) => ({ id, score: scores[i]!, captionScore: captionScores[i]! }));
}

/** Each stored block's filled rows, as the search worker takes them. */
function* blocksRows(blocks: readonly EmbeddingBlock[]): Generator<IndexRows> {
  for (const block of blocks) {
    if (block.count === 0) continue;
    yield {
      ids: block.ids.slice(0, block.count),
      codes: block.codes.slice(0, block.count * block.dims),
      scales: block.scales.slice(0, block.count),
    };
  }
}

function quantizeRows(embeddings: readonly { id: string; vector: ArrayLike<number> }[], dims: number): IndexRows {
  const codes = new Int8Array(embeddings.length * dims);
  const scales = new Float32Array(embeddings.length);
  embeddings.forEach(({ vector }, row) => (scales[row] = quantizeRowInto(vector, codes, row)));
  return { ids: embeddings.map((e) => e.id), codes, scales };
}
