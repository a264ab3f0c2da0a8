import type { Controller } from '../../app/state/controller';
import { useStore } from '../../app/state/store';
import { LabelFilter } from './LabelFilter';

/** The gallery's label filter, shown only while a label set is active. */
export function ActiveLabelFilter({ controller }: { controller: Controller }) {
  const { labelFilter } = useStore(controller.store);
  const labels = useStore(controller.labels.store);
  const active = labels.sets.find((s) => s.id === labels.activeId);
  if (!active) return null;
  return (
    <LabelFilter
      setName={active.name}
      counts={labels.counts}
      value={labelFilter}
      onChange={(label) => controller.store.set({ labelFilter: label })}
    />
  );
}
