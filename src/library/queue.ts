/**
 * Folder roots and the resumable import queue: every file of an import is queued first, then marked done as it is
 * committed, so a closed tab resumes with `pendingFiles` and never redoes finished work.
 */
import { transact, type Library } from './db';
import { prefixRange, req } from './idb';
import { INDEXES, STORES, type Problem, type QueueItem, type QueueStatus, type Root } from './schema';

export function putRoot(lib: Library, root: Root): Promise<void> {
  return transact(lib, [STORES.roots], 'readwrite', async (tx) => {
    await req(tx.objectStore(STORES.roots).put(root));
  });
}

export function getRoot(lib: Library, id: string): Promise<Root | undefined> {
  return transact(lib, [STORES.roots], 'readonly', async (tx) => {
    return (await req(tx.objectStore(STORES.roots).get(id))) as Root | undefined;
  });
}

export function listRoots(lib: Library): Promise<Root[]> {
  return transact(lib, [STORES.roots], 'readonly', async (tx) => {
    return (await req(tx.objectStore(STORES.roots).getAll())) as Root[];
  });
}

/** Forgets a root and its queue; its photos stay (they may have other sources, and the user may want them). */
export function deleteRoot(lib: Library, id: string): Promise<void> {
  return transact(lib, [STORES.roots, STORES.importQueue], 'readwrite', async (tx) => {
    await req(tx.objectStore(STORES.roots).delete(id));
    await req(tx.objectStore(STORES.importQueue).delete(prefixRange(id)));
  });
}

export interface QueuedFile {
  path: string;
  size: number;
  lastModified: number;
}

/** Queues files of a root. A file already queued with the same size and date keeps its status (done stays done). */
export function enqueueFiles(
  lib: Library,
  rootId: string,
  files: readonly QueuedFile[],
): Promise<{ queued: number; unchanged: number }> {
  return transact(lib, [STORES.importQueue], 'readwrite', async (tx) => {
    const store = tx.objectStore(STORES.importQueue);
    let queued = 0;
    for (const file of files) {
      const existing = (await req(store.get([rootId, file.path]))) as QueueItem | undefined;
      if (existing && existing.size === file.size && existing.lastModified === file.lastModified) continue;
      await req(store.put({ rootId, ...file, status: 'pending' } satisfies QueueItem));
      queued++;
    }
    return { queued, unchanged: files.length - queued };
  });
}

async function setStatus(tx: IDBTransaction, rootId: string, path: string, status: QueueStatus): Promise<void> {
  const store = tx.objectStore(STORES.importQueue);
  const item = (await req(store.get([rootId, path]))) as QueueItem | undefined;
  if (item && item.status !== status) await req(store.put({ ...item, status }));
}

export function markDone(lib: Library, rootId: string, paths: readonly string[]): Promise<void> {
  return transact(lib, [STORES.importQueue], 'readwrite', async (tx) => {
    for (const path of paths) await setStatus(tx, rootId, path, 'done');
  });
}

/** Marks a file failed and records why, together. */
export function markFailed(lib: Library, rootId: string, path: string, reason: string): Promise<void> {
  return transact(lib, [STORES.importQueue, STORES.problems], 'readwrite', async (tx) => {
    await setStatus(tx, rootId, path, 'failed');
    await req(tx.objectStore(STORES.problems).add({ rootId, path, reason, at: Date.now() } satisfies Problem));
  });
}

/** Files still to import, in path order; of one root, or of every root. */
export function pendingFiles(lib: Library, rootId?: string): Promise<QueueItem[]> {
  return transact(lib, [STORES.importQueue], 'readonly', async (tx) => {
    const store = tx.objectStore(STORES.importQueue);
    if (rootId !== undefined) {
      return (await req(store.index(INDEXES.queueByRootStatus).getAll([rootId, 'pending']))) as QueueItem[];
    }
    return ((await req(store.getAll())) as QueueItem[]).filter((item) => item.status === 'pending');
  });
}

export function queueProgress(lib: Library, rootId: string): Promise<Record<QueueStatus, number>> {
  return transact(lib, [STORES.importQueue], 'readonly', async (tx) => {
    const index = tx.objectStore(STORES.importQueue).index(INDEXES.queueByRootStatus);
    return {
      pending: await req(index.count([rootId, 'pending'])),
      done: await req(index.count([rootId, 'done'])),
      failed: await req(index.count([rootId, 'failed'])),
    };
  });
}

/** Drops a root's queue once its import has finished. */
export function clearQueue(lib: Library, rootId: string): Promise<void> {
  return transact(lib, [STORES.importQueue], 'readwrite', (tx) =>
    req(tx.objectStore(STORES.importQueue).delete(prefixRange(rootId))),
  );
}
