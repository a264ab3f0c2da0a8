import { useStore } from '../../shared/store';
import type { Labels } from './labels';
import { LabelFilter } from './LabelFilter';

/** The gallery's label filter, shown only while a label set is active. */
export function ActiveLabelFilter({ labels }: { labels: Labels }) {
  const state = useStore(labels.store);
  const active = state.sets.find((s) => s.id === state.activeId);
  if (!active) return null;
  return <LabelFilter setName={active.name} counts={state.counts} value={state.filter} onChange={labels.setFilter} />;
}
