/** Promise wrappers over raw IndexedDB requests, and the typed errors callers can act on. */

/** The browser ran out of storage quota; the write was rolled back. Callers stop cleanly and tell the user. */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  constructor(cause: unknown) {
    super('Browser storage is full: free some space (or delete unused models/photos) and try again.', { cause });
  }
}

/** The database on disk was written by a newer Shoebox than this one. */
export class LibraryTooNewError extends Error {
  override readonly name = 'LibraryTooNewError';
  constructor(cause: unknown) {
    super('This library was saved by a newer version of Shoebox; reload the page to update.', { cause });
  }
}

/** Maps IndexedDB's DOMExceptions onto the errors above; anything else passes through unchanged. */
export function toLibraryError(error: unknown): unknown {
  if (error instanceof StorageFullError || error instanceof LibraryTooNewError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') return new StorageFullError(error);
  if (name === 'VersionError') return new LibraryTooNewError(error);
  return error;
}

/** Resolves with a request's result. Awaiting only these inside a transaction keeps the transaction alive. */
export function req<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Visits every record of a cursor in order; return false from `visit` to stop early. */
export function eachCursor(
  request: IDBRequest<IDBCursorWithValue | null>,
  visit: (cursor: IDBCursorWithValue) => boolean | void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve();
      if (visit(cursor) === false) return resolve();
      cursor.continue();
    };
    request.onerror = () => reject(request.error);
  });
}

/** All keys [prefix, ...] of a store whose keys are arrays starting with `prefix`. */
export function prefixRange(prefix: IDBValidKey): IDBKeyRange {
  // [] sorts after every number, date and string, so [prefix, []] bounds every [prefix, x] with such x.
  return IDBKeyRange.bound([prefix], [prefix, []]);
}
