/** Cross-tab coordination: one indexing run at a time, and a nudge to other tabs when the library changed. */

export const INDEXING_LOCK = 'shoebox-indexing';
export const CHANNEL_NAME = 'shoebox-library';

export interface LibraryChange {
  kind: 'photos' | 'embeddings' | 'captions' | 'labels' | 'roots' | 'everything';
  /** Affected photo ids when few; absent means "reload what you show". */
  ids?: string[];
}

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** Runs `fn` while holding the cross-tab indexing lock; runs it directly where Web Locks are unavailable. */
export function withIndexingLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  return locks ? locks.request(INDEXING_LOCK, fn) : fn();
}

/** This page's (or worker's) own mark on what it announces: a context acts on its own changes as it makes them. */
const CONTEXT = Math.random().toString(36).slice(2) + Date.now().toString(36);

interface Announced extends LibraryChange {
  readonly from: string;
}

function openChannel(): BroadcastChannel | undefined {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : undefined;
}

/** Tells other tabs and workers the library changed. Callers announce once per batch, not per photo. */
export function announceChange(change: LibraryChange): void {
  const channel = openChannel();
  if (!channel) return;
  channel.postMessage({ ...change, from: CONTEXT } satisfies Announced);
  channel.close();
}

/**
 * Calls `cb` for changes announced elsewhere (other tabs, workers), never for this context's own: each
 * announcement opens a channel of its own, which BroadcastChannel delivers to this context's listener too (a tab
 * re-read its whole library after each of its own import batches). Returns the unsubscribe function.
 */
export function onLibraryChange(cb: (change: LibraryChange) => void): () => void {
  const channel = openChannel();
  if (!channel) return () => {};
  channel.onmessage = (event: MessageEvent<Announced>) => {
    const { from, ...change } = event.data;
    if (from !== CONTEXT) cb(change);
  };
  return () => channel.close();
}
