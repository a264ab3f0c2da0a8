/** The import report: files that could not be imported and why. */
import { transact, type Library } from './db';
import { req } from './idb';
import { STORES, type Problem } from './schema';

export function addProblem(lib: Library, problem: Omit<Problem, 'seq' | 'at'> & { at?: number }): Promise<number> {
  return transact(lib, [STORES.problems], 'readwrite', async (tx) => {
    const row: Problem = { ...problem, at: problem.at ?? Date.now() };
    return Number(await req(tx.objectStore(STORES.problems).add(row)));
  });
}

/** Problems in the order they happened; of one root, or all. */
export function listProblems(lib: Library, rootId?: string): Promise<Problem[]> {
  return transact(lib, [STORES.problems], 'readonly', async (tx) => {
    const all = (await req(tx.objectStore(STORES.problems).getAll())) as Problem[];
    return rootId === undefined ? all : all.filter((p) => p.rootId === rootId);
  });
}

export function clearProblems(lib: Library, rootId?: string): Promise<void> {
  return transact(lib, [STORES.problems], 'readwrite', async (tx) => {
    const store = tx.objectStore(STORES.problems);
    if (rootId === undefined) return req(store.clear());
    const all = (await req(store.getAll())) as Problem[];
    for (const p of all) if (p.rootId === rootId && p.seq !== undefined) await req(store.delete(p.seq));
  });
}
