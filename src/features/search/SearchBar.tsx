import { useEffect, useState } from 'react';
import type { SortOrder } from './searchSlice';
import styles from './SearchBar.module.css';

export interface SearchBarProps {
  query: string;
  minScore: number;
  sort: SortOrder;
  similarTo: string | null;
  debounceMs: number;
  disabled: boolean;
  onQuery: (q: string) => void;
  onMinScore: (v: number) => void;
  onSort: (s: SortOrder) => void;
  onClearSimilar: () => void;
}

/** The search box (debounced, ranks as you type), the relevance cutoff and the sort order. */
export function SearchBar(props: SearchBarProps) {
  const { query, minScore, sort, similarTo, debounceMs, disabled, onQuery, onMinScore, onSort, onClearSimilar } = props;
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
    <div className={styles.bar} role="search">
      <input
        type="search"
        data-testid="search"
        placeholder={disabled ? 'Add photos to search them' : 'Search your photos: "dog on a beach"'}
        aria-label="Search photos"
        value={text}
        disabled={disabled}
        onChange={(e) => setText(e.target.value)}
      />
      {similarTo && (
        <button type="button" className="pill" data-testid="clear-similar" onClick={onClearSimilar}>
          Similar photos ✕
        </button>
      )}
      <label title="Hide matches below this score">
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
        Sort{' '}
        <select data-testid="sort" value={sort} onChange={(e) => onSort(e.target.value as SortOrder)}>
          <option value="relevance">by relevance</option>
          <option value="date">by date taken</option>
        </select>
      </label>
    </div>
  );
}
