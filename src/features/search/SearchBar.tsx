import { useEffect, useState } from 'react';
import type { QueryError } from '../../search/queryLanguage';
import type { SortOrder } from './searchSlice';
import styles from './SearchBar.module.css';

export interface SearchBarProps {
  query: string;
  minScore: number;
  sort: SortOrder;
  similarTo: string | null;
  /** No search is active: the gallery is the timeline, which sorts by date only. */
  browsing: boolean;
  /** What in the last searched query was not used as typed. */
  queryErrors: readonly QueryError[];
  debounceMs: number;
  disabled: boolean;
  onQuery: (q: string) => void;
  onMinScore: (v: number) => void;
  onSort: (s: SortOrder) => void;
  onClearSimilar: () => void;
}

/** The search box (debounced, ranks as you type), the relevance cutoff and the sort order. */
export function SearchBar(props: SearchBarProps) {
  const { query, minScore, sort, similarTo, browsing, queryErrors, debounceMs, disabled } = props;
  const { onQuery, onMinScore, onSort, onClearSimilar } = props;
  const [text, setText] = useState(query);
  const [shownQuery, setShownQuery] = useState(query);
  if (query !== shownQuery) {
    // The query changed from outside (e.g. "more like this" cleared it): show it.
    setShownQuery(query);
    setText(query);
  }
  useEffect(() => {
    if (text === query) return;
    const t = setTimeout(() => onQuery(text), debounceMs);
    return () => clearTimeout(t);
  }, [text, query, debounceMs, onQuery]);

  return (
    <div className={styles.bar} role="search" data-browsing={browsing}>
      <input
        type="search"
        data-testid="search"
        placeholder={disabled ? 'Add photos to search them' : 'Search your photos: "dog on a beach"'}
        aria-label="Search photos"
        value={text}
        disabled={disabled}
        onChange={(e) => setText(e.target.value)}
        aria-describedby={queryErrors.length > 0 ? 'query-errors' : undefined}
      />
      <QueryHelp />
      {similarTo && (
        <button type="button" className="pill" data-testid="clear-similar" onClick={onClearSimilar}>
          Similar photos ✕
        </button>
      )}
      <label className={styles.relevance} title="Hide matches below this score">
        Relevance ≥ <output data-testid="min-score-value">{minScore.toFixed(2)}</output>
        <input
          type="range"
          data-testid="min-score"
          min={-0.2}
          max={1}
          step={0.01}
          value={minScore}
          onChange={(e) => onMinScore(Number(e.target.value))}
        />
      </label>
      <label>
        <span className="visually-hidden-narrow">Sort</span>{' '}
        <select
          data-testid="sort"
          value={browsing && sort === 'relevance' ? 'date' : sort}
          onChange={(e) => onSort(e.target.value as SortOrder)}
        >
          {!browsing && <option value="relevance">by relevance</option>}
          <option value="date">newest first</option>
          <option value="oldest">oldest first</option>
        </select>
      </label>
      {queryErrors.length > 0 && (
        <ul className={styles.queryErrors} id="query-errors" data-testid="query-errors" aria-live="polite">
          {queryErrors.map((e, i) => (
            <li key={i} data-start={e.start} data-end={e.end}>
              {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The query language in a few lines (src/search/queryLanguage.ts has the grammar). */
function QueryHelp() {
  return (
    <details className={styles.queryHelp} data-testid="query-help">
      <summary title="Search syntax">?</summary>
      <div className={styles.queryHelpPanel}>
        <dl>
          <dt>
            <code>dog on a beach</code>
          </dt>
          <dd>words together are one description</dd>
          <dt>
            <code>beach -people</code>
          </dt>
          <dd>subtract a concept</dd>
          <dt>
            <code>"golden retriever" + park</code>
          </dt>
          <dd>quotes keep a phrase together; + adds another</dd>
          <dt>
            <code>2:sunset + city</code>
          </dt>
          <dd>a weight: sunset counts twice</dd>
          <dt>
            <code>photo:&lt;id&gt; + night</code>
          </dt>
          <dd>a photo as a term, by its id</dd>
        </dl>
        <p>Words in captions and in file and folder names (IMG_2041, Paris 2019) also count.</p>
      </div>
    </details>
  );
}
