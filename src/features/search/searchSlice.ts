import type { EmbeddingBlock } from '../../library/schema';
import { captionTerms, nameTerms, textBonus } from '../../search/query';
import {
  termIndexCreate,
  termIndexDelete,
  termIndexFrom,
  termIndexMatchScores,
  termIndexSet,
  type TermIndex,
} from '../../search/termIndex';
import { filtersEmpty, filtersValidate, type PhotoFacets, type PhotoFilters } from '../../search/filters';
import {
  queryParse,
  queryPositiveText,
  queryTexts,
  queryVectorCombine,
  type QueryError,
  type QueryTerm,
} from '../../search/queryLanguage';
import { quantizeRowInto } from '../../search/quantize';
import { rocchio } from '../../search/rocchio';
import { labelAll, type LabelAllOptions, type LabelAllResult } from '../../search/zeroShot';
import { Store } from '../../shared/store';
import { TUNABLES } from '../tunables';
import type { SearchClient, SearchRankResult, TeachRequest, TeachResult } from './searchClient';

/** A ranked photo while a search or "more like this" is active. */
export interface Match {
  readonly id: string;
  readonly score: number;
  /** How much the caption text contributed (0 when it did not match). */
  readonly captionScore?: number;
}

/** Matches by score, or by date taken ('date' newest first, 'oldest' oldest first); browsing is always by date. */
export type SortOrder = 'relevance' | 'date' | 'oldest';

/** One "more like these" / "fewer like these" the user gave, shown as a removable chip. */
export interface Feedback {
  readonly key: number;
  readonly kind: 'more' | 'fewer';
  readonly ids: readonly string[];
}

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
  /** Relevance feedback on the current search, oldest first (Rocchio over the photos' stored vectors). */
  readonly feedback: readonly Feedback[];
  /** Filters narrowing the search (or the library, with nothing searched) before ranking. */
  readonly filters: PhotoFilters;
  /** What was wrong with the filters (bad parts are dropped, the rest applies). */
  readonly filterErrors: readonly string[];
  /** With filters and nothing searched: the photos passing them (the gallery shows just these); else null. */
  readonly browse: ReadonlySet<string> | null;
  /** Feedback and filters can be undone one step at a time. */
  readonly canUndo: boolean;
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
  /** What filters look at, for these photos (every photo when `ids` is absent); none without filters. */
  facetsOf?(ids?: readonly string[]): readonly PhotoFacets[];
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
  /** Name terms of the photos in `photoPaths()`, brought up to date in slices that leave the main thread free. */
  private readonly names = termIndexCreate();
  private namesOf: readonly { readonly id: string; readonly path: string }[] | null = null;
  private namesSynced: Promise<void> = Promise.resolve();
  /** The inverted index of `captionTerms()`, rebuilt when the host hands another map. */
  private captions: { from: ReadonlyMap<string, ReadonlySet<string>>; index: TermIndex } | null = null;
  /** Feedback and filters before each change, for undo. */
  private history: { feedback: readonly Feedback[]; filters: PhotoFilters }[] = [];
  private feedbackKey = 0;
  /**
   * The worker's facets are behind the host's (nothing sent yet, or photos, captions or labels changed since). They
   * are sent when a filter first needs them: a plain search never waits for 100k photos' facets.
   */
  private facetsStale = true;
  /** When the names of this photo list are all indexed, the search ranks again (it was answered without them). */
  private rerunWhenNamed: readonly { readonly id: string; readonly path: string }[] | null = null;
  /** Text embeddings of recent query terms for the current embedder: ranking again (names, captions) embeds nothing. */
  private readonly textVectors = new Map<string, Float32Array>();

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
      feedback: [],
      filters: {},
      filterErrors: [],
      browse: null,
      canUndo: false,
    });
  }

  /** The host's photos changed: their name words are indexed now, in slices, so the next query need not wait. */
  photosChanged(): void {
    void this.syncNames();
    if (this.store.get().query.trim() && this.store.get().matches) this.rerunWhenNamed = this.namesOf;
  }

  /** Photos, captions or labels changed: the worker's facets follow before the next filtered search. */
  facetsChanged(): void {
    this.facetsStale = true;
    const { filters, matches, browse } = this.store.get();
    if (!filtersEmpty(filters) && (matches || browse)) void this.run();
  }

  /** Replaces the index with an embedder's stored blocks (opening the library, another tab's changes). */
  load(modelId: string, blocks: readonly EmbeddingBlock[]): Promise<void> {
    return this.change(async () => {
      this.held = null;
      this.facetsStale = true;
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
      // With the worker's facets stale, the new rows' facets go with all the others when a filter needs them.
      const facets = this.facetsStale ? [] : (this.host.facetsOf?.(rows.ids) ?? []);
      await this.client.append(rows.ids, rows.codes, rows.scales, facets);
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

  /** Teaches a label by example over every indexed photo, in the search worker (src/search/teach.ts). */
  async teach(request: TeachRequest): Promise<TeachResult> {
    await this.indexing;
    if (!this.held) throw new Error('No photo is indexed yet.');
    return this.client.teach(request);
  }

  /** A new embedder: its own cutoff, and nothing ranked by the old one stays. */
  reset(minScore: number): void {
    this.queryToken++;
    this.textVectors.clear();
    this.store.set({ minScore, matches: null, similarTo: null });
  }

  /** Forgets the search (the library was emptied). */
  clear(): void {
    this.queryToken++;
    this.history = [];
    this.store.set({
      query: '',
      matches: null,
      similarTo: null,
      queryErrors: [],
      feedback: [],
      filters: {},
      filterErrors: [],
      browse: null,
      canUndo: false,
    });
  }

  /** "More like these" / "fewer like these": the search moves toward / away from these photos. */
  feedback = (ids: readonly string[], kind: Feedback['kind']): void => {
    const fresh = [...new Set(ids)];
    if (fresh.length === 0) return;
    const { feedback } = this.store.get();
    this.refine({ feedback: [...feedback, { key: ++this.feedbackKey, kind, ids: fresh }] });
  };

  removeFeedback = (key: number): void => {
    this.refine({ feedback: this.store.get().feedback.filter((f) => f.key !== key) });
  };

  /** Replaces the filters (validated: bad parts are dropped and said). */
  setFilters = (filters: PhotoFilters): void => {
    const checked = filtersValidate(filters);
    this.refine({ filters: checked.filters }, checked.errors);
  };

  /** Only photos taken within `km` of this one. */
  filterNear = (id: string, km = 1): void => this.setFilters({ ...this.store.get().filters, near: { id, km } });

  /** "Like this, but ...": this photo's vector plus the words, as a query (`photo:<id> + text`). */
  likeThisBut = (id: string, text: string): void => {
    const words = text.trim();
    this.setQuery(
      words ? `photo:${id} + ${words.startsWith('-') ? words : `"${words.replace(/"/gu, '')}"`}` : `photo:${id}`,
    );
  };

  /** Takes back the last feedback or filter change. */
  undo = (): void => {
    const last = this.history.pop();
    if (!last) return;
    this.store.set({ ...last, filterErrors: [], canUndo: this.history.length > 0 });
    void this.run();
  };

  private refine(next: Partial<Pick<SearchState, 'feedback' | 'filters'>>, filterErrors: readonly string[] = []) {
    const { feedback, filters } = this.store.get();
    this.history.push({ feedback, filters });
    this.store.set({ ...next, filterErrors: [...filterErrors, ...this.nearProblems(next.filters)], canUndo: true });
    void this.run();
  }

  /** "Near" a photo that has no place matches nothing: say so rather than show an empty grid. */
  private nearProblems(filters: PhotoFilters | undefined): string[] {
    const near = filters?.near;
    if (!near || !this.host.facetsOf) return [];
    const [photo] = this.host.facetsOf([near.id]);
    return photo?.lat === undefined ? ['near: that photo has no place (GPS), so no photo is near it'] : [];
  }

  /** A new search: the feedback was about the old one's results, so it goes (filters stay). */
  setQuery = (query: string): void => {
    const { feedback, filters } = this.store.get();
    if (feedback.length > 0) this.history.push({ feedback, filters });
    this.store.set({ query, similarTo: null, feedback: [], canUndo: this.history.length > 0 });
    void this.run();
  };

  /** The cutoff is applied where the visible list is made (src/app/visible.ts): moving it ranks again only below the floor. */
  setMinScore = (minScore: number): void => {
    this.store.set({ minScore });
    if (minScore < TUNABLES.weakestMinScore && this.store.get().matches) void this.run();
  };

  setSort = (sort: SortOrder): void => this.store.set({ sort });

  moreLikeThis = (id: string): void => {
    this.store.set({ similarTo: id, query: '', feedback: [] });
    void this.run();
  };

  /** Leaves "more like this" (and its feedback); with filters set, the filtered library shows. */
  clearSimilar = (): void => {
    this.store.set({ similarTo: null, matches: null, feedback: [] });
    void this.run();
  };

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
    this.facetsStale = true;
  }

  /** The rows and, where filters need them, the facets of every photo are in the worker. */
  private async indexed(filtered: boolean): Promise<void> {
    await this.indexing;
    if (!filtered || !this.facetsStale || !this.host.facetsOf) return;
    await this.queued(async () => {
      if (!this.facetsStale || !this.held) return;
      this.facetsStale = false;
      await this.client.setFacets(this.host.facetsOf!());
    });
  }

  /** Runs `work` on the index chain, after every change queued before it (a failure does not stop the chain). */
  private queued(work: () => Promise<void>): Promise<void> {
    const next = this.indexing.then(work);
    this.indexing = next.catch(() => undefined);
    return next;
  }

  private async change(work: () => Promise<void>): Promise<void> {
    await this.queued(work);
    this.store.set({ indexedCount: this.held ? await this.client.count() : 0 });
    const { matches, browse } = this.store.get();
    if (matches || browse) await this.run();
  }

  private async run(): Promise<void> {
    const token = ++this.queryToken;
    const { query, similarTo, minScore, feedback, filters } = this.store.get();
    const filtered = filtersEmpty(filters) ? undefined : filters;
    // Ranked down to the weakest cutoff: the user's cutoff is applied after, so "nothing above it" can be told apart
    // from "nothing at all" and the weaker matches offered.
    const options = {
      k: TUNABLES.searchLimit,
      minScore: Math.min(minScore, TUNABLES.weakestMinScore),
      filters: filtered,
    };
    let ranked: SearchRankResult | null = null;
    let browse: ReadonlySet<string> | null = null;
    let queryErrors: readonly QueryError[] = [];
    const moved = feedback.length > 0;
    if (similarTo && !moved) {
      await this.indexed(filtered !== undefined);
      ranked = this.held ? await this.client.rankById(similarTo, options) : NOTHING;
    } else if (query.trim() || similarTo || moved) {
      let base: Float32Array | null = null;
      let bonus: Awaited<ReturnType<SearchSlice['textBonus']>> | undefined;
      if (similarTo) {
        await this.indexed(filtered !== undefined);
        base = this.held ? await this.client.vectorOf(similarTo) : null;
      } else if (query.trim()) {
        const parsed = queryParse(query);
        const vector = await this.queryVector(query, parsed.terms);
        if (vector === undefined || token !== this.queryToken) return;
        queryErrors = [...parsed.errors, ...vector.errors];
        base = vector.vector;
        // Image similarity plus caption and name words; the rule and its weights are in src/search/query.ts.
        if (base) bonus = await this.textBonus(queryPositiveText(parsed.terms), quotedPhrases(query));
        if (token !== this.queryToken) return;
      }
      const vector = base || !query.trim() ? await this.withFeedback(base, feedback) : null;
      await this.indexed(filtered !== undefined);
      if (token !== this.queryToken) return;
      ranked = this.held && vector ? await this.client.rank(vector, { ...options, bonus }) : NOTHING;
    } else if (filtered) {
      await this.indexed(true);
      browse = new Set(this.held ? await this.client.browse(filtered) : []);
    }
    const matches = ranked && toMatches(ranked);
    const matchesFor = similarTo ? `similar:${similarTo}` : query;
    if (token === this.queryToken) this.store.set({ matches, matchesFor, queryErrors, browse });
  }

  /** The search's vector moved by the feedback (Rocchio over the photos' stored vectors). */
  private async withFeedback(base: Float32Array | null, feedback: readonly Feedback[]): Promise<Float32Array | null> {
    if (feedback.length === 0 || !this.held) return base;
    await this.indexing;
    const vectorsOf = async (kind: Feedback['kind']) => {
      const ids = [...new Set(feedback.filter((f) => f.kind === kind).flatMap((f) => f.ids))];
      const vectors = await Promise.all(ids.map((id) => this.client.vectorOf(id)));
      return vectors.filter((v): v is Float32Array => v !== null);
    };
    return rocchio(base, await vectorsOf('more'), await vectorsOf('fewer'));
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
    const missing = texts.filter((text) => !this.textVectors.has(text));
    const embedded = missing.length > 0 ? await this.host.embedTexts(missing) : [];
    if (!embedded) return undefined;
    missing.forEach((text, i) => this.textVectors.set(text, embedded[i]!));
    while (this.textVectors.size > TUNABLES.queryVectorsKept)
      this.textVectors.delete(this.textVectors.keys().next().value!);
    const textVectors = new Map(texts.map((text) => [text, this.textVectors.get(text)!]));
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

  /**
   * `textBonus` of every photo whose caption or name matches `text`'s words, by id (float64, as searchPhotos). Only
   * the photos holding a query word are touched (inverted indexes), never the whole library.
   */
  private async textBonus(text: string, phrases: readonly string[] = []) {
    const queryTerms = captionTerms(text);
    // A sync of more than a slice (opening a big library) is not waited for: the query is answered with the names
    // indexed so far and ranked again when the rest are in.
    const synced = this.syncNames();
    const paths = this.namesOf;
    if (!paths || paths.length - this.names.entries.size <= TUNABLES.nameIndexSlice) await synced;
    else this.rerunWhenNamed = paths;
    const captions = termIndexMatchScores(this.captionIndex(), queryTerms);
    const names = termIndexMatchScores(this.names, queryTerms);
    const literal = new Set(phrases.flatMap((phrase) => [...(this.host.phraseMatches?.(phrase) ?? [])]));
    const ids: string[] = [];
    const values: number[] = [];
    for (const id of new Set([...captions.keys(), ...names.keys(), ...literal])) {
      const bonus = textBonus(literal.has(id) ? 1 : (captions.get(id) ?? 0), names.get(id) ?? 0);
      if (bonus > 0) {
        ids.push(id);
        values.push(bonus);
      }
    }
    return { ids, values: Float64Array.from(values) };
  }

  private captionIndex(): TermIndex {
    const from = this.host.captionTerms();
    if (this.captions?.from !== from) this.captions = { from, index: termIndexFrom(from) };
    return this.captions.index;
  }

  /** Brings the name index up to the host's photos (each path's terms made once), whenever a query needs it. */
  private syncNames(): Promise<void> {
    const paths = this.host.photoPaths();
    if (paths !== this.namesOf) {
      this.namesOf = paths;
      this.namesSynced = this.namesSynced.then(async () => {
        await indexNames(this.names, paths);
        // A query answered before these photos' names were all in is ranked again with them.
        if (paths === this.rerunWhenNamed) {
          this.rerunWhenNamed = null;
          if (this.store.get().query.trim()) void this.run();
        }
      });
    }
    return this.namesSynced;
  }
}

/** Indexes new or renamed photos' name terms and drops the photos gone, yielding between slices of photos. */
async function indexNames(index: TermIndex, photos: readonly { id: string; path: string }[]): Promise<void> {
  for (let start = 0; start < photos.length; start += TUNABLES.nameIndexSlice) {
    if (start > 0) await yieldToPage();
    for (const { id, path } of photos.slice(start, start + TUNABLES.nameIndexSlice)) {
      if (index.entries.get(id)?.key !== path) termIndexSet(index, id, path, nameTerms(path));
    }
  }
  if (index.entries.size > photos.length || photos.length === 0) {
    const live = new Set(photos.map((p) => p.id));
    for (const id of [...index.entries.keys()]) if (!live.has(id)) termIndexDelete(index, id);
  }
}

/** Lets the page handle input and paint between slices of work (`scheduler.yield` where the browser has it). */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
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
