/** Label sets for zero-shot labelling. */
import { transact, type Library } from './db';
import { req } from './idb';
import { STORES, type LabelSet } from './schema';

export function putLabelSet(lib: Library, set: LabelSet): Promise<void> {
  return transact(lib, [STORES.labelSets], 'readwrite', async (tx) => {
    await req(tx.objectStore(STORES.labelSets).put(set));
  });
}

export function getLabelSet(lib: Library, id: string): Promise<LabelSet | undefined> {
  return transact(lib, [STORES.labelSets], 'readonly', async (tx) => {
    return (await req(tx.objectStore(STORES.labelSets).get(id))) as LabelSet | undefined;
  });
}

export function listLabelSets(lib: Library): Promise<LabelSet[]> {
  return transact(lib, [STORES.labelSets], 'readonly', async (tx) => {
    return (await req(tx.objectStore(STORES.labelSets).getAll())) as LabelSet[];
  });
}

export function deleteLabelSet(lib: Library, id: string): Promise<void> {
  return transact(lib, [STORES.labelSets], 'readwrite', (tx) => req(tx.objectStore(STORES.labelSets).delete(id)));
}
