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

/**
 * A label set read from a file, with its taught labels checked: entries that are not `{ examples, counterExamples,
 * prompts }` of photo ids are dropped (and the field with them when none is left), the rest of the set kept.
 */
export function labelSetChecked(set: LabelSet): LabelSet {
  if (set.examples === undefined) return set;
  const { examples, ...rest } = set;
  const ids = (value: unknown): value is string[] =>
    Array.isArray(value) && value.every((id) => typeof id === 'string');
  const kept = Object.entries(typeof examples === 'object' && examples !== null ? examples : {}).filter(
    ([, taught]) =>
      typeof taught === 'object' &&
      taught !== null &&
      ids(taught.examples) &&
      ids(taught.counterExamples) &&
      typeof taught.prompts === 'boolean',
  );
  return kept.length > 0 ? { ...rest, examples: Object.fromEntries(kept) } : rest;
}
