import type { Controller } from '../../app/state/controller';
import { modelsSlice } from '../../app/state/models';
import { useStore } from '../../app/state/store';
import { ModelsView } from './ModelsView';

/** The Models tab: the controller's models slice, with model switches held while photos are being indexed. */
export function ModelsPanel({ controller }: { controller: Controller }) {
  const { phase } = useStore(controller.store);
  return <ModelsView models={modelsSlice(controller)} indexing={phase === 'indexing'} />;
}
