/**
 * Opening the library and the one helper every transaction goes through.
 * Own thin adapter over raw IndexedDB rather than idb-keyval: we need indexes, cursors and multi-store
 * transactions, which idb-keyval's single-store key/value API does not offer.
 */
import { LibraryTooNewError, toLibraryError } from './idb';
import { MIGRATIONS } from './migrations';
import { DB_NAME, DB_VERSION, type StoreName } from './schema';

/** An open library. Works the same on the main thread and in a worker. */
export interface Library {
  readonly db: IDBDatabase;
  readonly name: string;
  close(): void;
}

export interface OpenOptions {
  /** Defaults to globalThis.indexedDB; tests pass a fresh fake-indexeddb IDBFactory for isolation. */
  factory?: IDBFactory;
  name?: string;
  /** Open (and migrate to) an older version; only for migration tests. */
  version?: number;
}

/** Opens the library, running every pending migration in order inside the upgrade transaction. */
export function openLibrary(options: OpenOptions = {}): Promise<Library> {
  const factory = options.factory ?? globalThis.indexedDB;
  const name = options.name ?? DB_NAME;
  const version = options.version ?? DB_VERSION;
  return new Promise((resolve, reject) => {
    let migrationError: unknown;
    const request = factory.open(name, version);
    request.onupgradeneeded = (event) => {
      const db = request.result;
      const tx = request.transaction;
      if (!tx) return;
      const steps = MIGRATIONS.slice(event.oldVersion, version);
      steps
        .reduce((prev, step) => prev.then(() => step(db, tx)), Promise.resolve())
        .catch((error: unknown) => {
          migrationError = error;
          tx.abort();
        });
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab is upgrading: step aside instead of blocking it; this tab reloads to get the new code.
      db.onversionchange = () => db.close();
      resolve({ db, name, close: () => db.close() });
    };
    request.onerror = () => {
      const error = migrationError ?? request.error;
      reject(request.error?.name === 'VersionError' ? new LibraryTooNewError(error) : toLibraryError(error));
    };
  });
}

/**
 * Runs `body` in one transaction and resolves with its result once the transaction has committed.
 * If `body` throws or any request fails, the whole transaction aborts: nothing is half-written.
 * Inside `body`, await only IndexedDB requests (via `req`); awaiting anything else lets the transaction
 * auto-commit early, so read blobs and compute hashes before calling this.
 * QuotaExceededError surfaces as StorageFullError.
 */
export async function transact<T>(
  lib: Library,
  stores: readonly StoreName[],
  mode: IDBTransactionMode,
  body: (tx: IDBTransaction) => Promise<T> | T,
): Promise<T> {
  let tx: IDBTransaction;
  try {
    tx = lib.db.transaction(stores as StoreName[], mode);
  } catch (error) {
    throw toLibraryError(error);
  }
  const committed = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('Transaction aborted', 'AbortError'));
  });
  committed.catch(() => {}); // observed below; avoids an unhandled rejection while body still runs
  let result: T;
  try {
    result = await body(tx);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // already aborted by the failing request
    }
    await committed.catch(() => {});
    throw toLibraryError(error);
  }
  try {
    await committed;
  } catch (error) {
    throw toLibraryError(error);
  }
  return result;
}
