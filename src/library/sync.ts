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

function openChannel(): BroadcastChannel | undefined {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : undefined;
}

/** Tells other tabs and workers the library changed. Callers announce once per batch, not per photo. */
export function announceChange(change: LibraryChange): void {
  const channel = openChannel();
  if (!channel) return;
  channel.postMessage(change);
  channel.close();
}

/** Calls `cb` for changes announced elsewhere (other tabs, workers); returns the unsubscribe function. */
export function onLibraryChange(cb: (change: LibraryChange) => void): () => void {
  const channel = openChannel();
  if (!channel) return () => {};
  channel.onmessage = (event: MessageEvent<LibraryChange>) => cb(event.data);
  return () => channel.close();
}
