/**
 * An inverted index of photo words (caption, read-text or name terms, as `captionTerms` makes them): for each term,
 * the photos that have it. A query then touches only the photos it matches, instead of every photo in the library
 * (at 100k photos, scoring each one's set cost 150-400 ms of main thread per query).
 */
export interface TermIndex {
  /** term -> ids of the photos that have it. */
  readonly postings: Map<string, Set<string>>;
  /** id -> what it was indexed with (its key, e.g. a path, and its terms), to update or remove it later. */
  readonly entries: Map<string, { readonly key: string; readonly terms: ReadonlySet<string> }>;
}

export function termIndexCreate(): TermIndex {
  return { postings: new Map(), entries: new Map() };
}

/** Indexes a photo's terms, replacing what it had. `key` says what they were made from (unchanged key: skip). */
export function termIndexSet(index: TermIndex, id: string, key: string, terms: ReadonlySet<string>): void {
  termIndexDelete(index, id);
  index.entries.set(id, { key, terms });
  for (const term of terms) {
    let ids = index.postings.get(term);
    if (!ids) index.postings.set(term, (ids = new Set()));
    ids.add(id);
  }
}

export function termIndexDelete(index: TermIndex, id: string): void {
  const entry = index.entries.get(id);
  if (!entry) return;
  index.entries.delete(id);
  for (const term of entry.terms) {
    const ids = index.postings.get(term);
    ids?.delete(id);
    if (ids?.size === 0) index.postings.delete(term);
  }
}

/** An index of every photo in `termsById` (a caption-terms map), keyed by nothing: rebuilt whole when it changes. */
export function termIndexFrom(termsById: ReadonlyMap<string, ReadonlySet<string>>): TermIndex {
  const index = termIndexCreate();
  for (const [id, terms] of termsById) termIndexSet(index, id, '', terms);
  return index;
}

/**
 * `captionTermsMatchScore(queryTerms, terms of photo)` for every photo with at least one of the query's terms
 * (the others score 0): the fraction of the query's terms each has.
 */
export function termIndexMatchScores(index: TermIndex, queryTerms: ReadonlySet<string>): Map<string, number> {
  const found = new Map<string, number>();
  for (const term of queryTerms) {
    for (const id of index.postings.get(term) ?? []) found.set(id, (found.get(id) ?? 0) + 1);
  }
  for (const [id, n] of found) found.set(id, n / queryTerms.size);
  return found;
}
