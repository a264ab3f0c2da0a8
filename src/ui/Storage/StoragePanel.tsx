import type { Controller } from '../../app/state/controller';
import { storageSlice } from '../../app/state/storage';
import { useStore } from '../../app/state/store';
import { StorageView } from './StorageView';

/** The Storage tab: the controller's storage slice, with import and delete held while photos are being indexed. */
export function StoragePanel({ controller }: { controller: Controller }) {
  const { phase } = useStore(controller.store);
  return <StorageView storage={storageSlice(controller)} indexing={phase === 'indexing'} />;
}
