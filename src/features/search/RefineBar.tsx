import { useMemo, useState } from 'react';
import { FILTER_KEYS, filterDescribe, filtersEmpty, type PhotoFilters } from '../../search/filters';
import { useStore } from '../../shared/store';
import type { FilterOptions } from './filterOptions';
import { PlaceFilter } from './PlaceFilter';
import type { GeoPoint } from './placeMap';
import type { SearchSlice } from './searchSlice';
import styles from './RefineBar.module.css';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Above the gallery: the search's feedback and filters as removable chips, undo, and the filter controls. Filters
 * narrow the photos before ranking; with nothing searched they narrow the library. The place filter is a map.
 */
export function RefineBar(props: {
  search: SearchSlice;
  /** What the controls offer, made when the panel opens (a pass over every photo: not per change of the library). */
  options: () => FilterOptions;
  /** The places of the selected photos that have one: "the area of the selected photos". */
  selectedPlaces?: readonly GeoPoint[];
}) {
  const { search, options: makeOptions, selectedPlaces = [] } = props;
  const state = useStore(search.store);
  const [open, setOpen] = useState(false);
  const options = useMemo(() => (open ? makeOptions() : null), [open, makeOptions]);
  const { feedback, filters, filterErrors, canUndo } = state;
  const set = (key: keyof PhotoFilters, value: unknown) => {
    const next: Record<string, unknown> = { ...filters };
    if (value === undefined || value === '') delete next[key];
    else next[key] = value;
    search.setFilters(next as PhotoFilters);
  };
  const parts = FILTER_KEYS.filter((key) => filters[key] !== undefined);
  return (
    <div className={styles.bar} data-testid="refine-bar">
      <button
        type="button"
        className="pill"
        data-testid="filters-toggle"
        aria-expanded={open}
        aria-controls="filters-panel"
        onClick={() => setOpen(!open)}
      >
        Filters{parts.length > 0 ? ` (${parts.length})` : ''}
      </button>
      {(feedback.length > 0 || parts.length > 0) && (
        <ul className={styles.chips} data-testid="refine-chips" aria-label="How this search is refined">
          {feedback.map((f) => (
            <li key={`f${f.key}`} className={styles.chip} data-testid="refine-chip" data-kind={f.kind}>
              {f.kind === 'more' ? 'More' : 'Fewer'} like {f.ids.length === 1 ? '1 photo' : `${f.ids.length} photos`}
              <button
                type="button"
                data-testid="refine-chip-remove"
                aria-label={`Remove "${f.kind} like these"`}
                onClick={() => search.removeFeedback(f.key)}
              >
                ✕
              </button>
            </li>
          ))}
          {parts.map((key) => (
            <li key={key} className={styles.chip} data-testid="refine-chip" data-kind="filter" data-key={key}>
              {filterDescribe(key, filters)}
              <button
                type="button"
                data-testid="refine-chip-remove"
                aria-label={`Remove the filter ${filterDescribe(key, filters)}`}
                onClick={() => set(key, undefined)}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      {!filtersEmpty(filters) && (
        <button type="button" className="pill" data-testid="filters-clear" onClick={() => search.setFilters({})}>
          Clear filters
        </button>
      )}
      {canUndo && (
        <button type="button" className="pill" data-testid="refine-undo" onClick={search.undo}>
          Undo
        </button>
      )}
      {filterErrors.length > 0 && (
        <ul className={styles.errors} data-testid="filter-errors" aria-live="polite">
          {filterErrors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
      {options && (
        <fieldset className={styles.panel} id="filters-panel" data-testid="filters-panel">
          <legend className="visually-hidden">Filters</legend>
          <label>
            From
            <input
              type="date"
              data-testid="filter-from"
              value={filters.from ?? ''}
              onChange={(e) => set('from', e.target.value)}
            />
          </label>
          <label>
            Until
            <input
              type="date"
              data-testid="filter-to"
              value={filters.to ?? ''}
              onChange={(e) => set('to', e.target.value)}
            />
          </label>
          <Choice
            name="Year"
            testId="filter-year"
            value={filters.year === undefined ? '' : String(filters.year)}
            values={options.years.map(String)}
            onChange={(v) => set('year', v ? Number(v) : undefined)}
          />
          <Choice
            name="Month"
            testId="filter-month"
            value={filters.month === undefined ? '' : String(filters.month)}
            values={MONTHS.map((_, i) => String(i + 1))}
            labelOf={(v) => MONTHS[Number(v) - 1]!}
            onChange={(v) => set('month', v ? Number(v) : undefined)}
          />
          <Choice
            name="Make"
            testId="filter-make"
            value={filters.make}
            values={options.makes}
            onChange={(v) => set('make', v)}
          />
          <Choice
            name="Model"
            testId="filter-model"
            value={filters.model}
            values={options.models}
            onChange={(v) => set('model', v)}
          />
          <Choice
            name="Lens"
            testId="filter-lens"
            value={filters.lens}
            values={options.lenses}
            onChange={(v) => set('lens', v)}
          />
          <Choice
            name="Folder"
            testId="filter-folder"
            value={filters.folder}
            values={options.folders}
            onChange={(v) => set('folder', v)}
          />
          <Choice
            name="Type"
            testId="filter-type"
            value={filters.type}
            values={options.types}
            onChange={(v) => set('type', v)}
          />
          <Choice
            name="Shape"
            testId="filter-orientation"
            value={filters.orientation}
            values={['landscape', 'portrait', 'square']}
            onChange={(v) => set('orientation', v)}
          />
          <Choice
            name="Caption"
            testId="filter-caption"
            value={filters.caption === undefined ? '' : filters.caption ? 'yes' : 'no'}
            values={['yes', 'no']}
            labelOf={(v) => (v === 'yes' ? 'has one' : 'none')}
            onChange={(v) => set('caption', v ? v === 'yes' : undefined)}
          />
          <Choice
            name="Label"
            testId="filter-label"
            value={
              filters.label ?? (filters.labelled === undefined ? '' : filters.labelled ? '\u0000any' : '\u0000none')
            }
            values={['\u0000any', '\u0000none', ...options.labels]}
            labelOf={(v) => (v === '\u0000any' ? 'any label' : v === '\u0000none' ? 'no label' : v)}
            onChange={(v) => {
              const next: Record<string, unknown> = { ...filters };
              delete next.label;
              delete next.labelled;
              if (v === '\u0000any' || v === '\u0000none') next.labelled = v === '\u0000any';
              else if (v) next.label = v;
              search.setFilters(next as PhotoFilters);
            }}
          />
          {(options.places.length > 0 || filters.box) && (
            <PlaceFilter
              places={options.places}
              selected={selectedPlaces}
              box={filters.box}
              onBox={(box) => set('box', box)}
            />
          )}
        </fieldset>
      )}
    </div>
  );
}

function Choice(props: {
  name: string;
  testId: string;
  value: string | undefined;
  values: readonly string[];
  labelOf?: (value: string) => string;
  onChange: (value: string) => void;
}) {
  const { name, testId, value, values, labelOf = (v) => v, onChange } = props;
  return (
    <label>
      {name}
      <select data-testid={testId} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">any</option>
        {value && !values.includes(value) && <option value={value}>{labelOf(value)}</option>}
        {values.map((v) => (
          <option key={v} value={v}>
            {labelOf(v)}
          </option>
        ))}
      </select>
    </label>
  );
}
