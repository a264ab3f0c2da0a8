/**
 * Model files that are present but unreadable — a download cut short and cached anyway, or bytes damaged on disk —
 * would fail every start the same way. The engine recognizes that failure and forgets the model's cached files; the
 * client loads once more in a fresh worker, so they are fetched again instead.
 */

/** ONNX Runtime refusing a graph, or a config/tokenizer file that is not JSON: what a damaged file looks like. */
const CORRUPT_MESSAGE =
  /can't create a session|protobuf parsing failed|failed to load model|invalid (onnx )?model|not valid JSON|JSON at position|Unexpected (end of JSON|token)/i;

/** Whether a model-loading error says a file is damaged (as opposed to missing, unreachable or unsupported). */
export function isCorruptModelError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { name?: unknown }).name === 'SyntaxError') return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && CORRUPT_MESSAGE.test(message)) return true;
  }
  return false;
}

/** The part of the Cache API the eviction needs (the worker's `caches`, or a fake in tests). */
export type CacheStorageLike = Pick<CacheStorage, 'keys' | 'open'>;

/**
 * Deletes every cached file of one model repo, in every cache of this origin (transformers.js' own and the service
 * worker's runtime cache of demo models): keys whose path holds `/<repo>/`. Returns how many entries went.
 */
export async function evictModelFiles(storage: CacheStorageLike, repo: string): Promise<number> {
  const marker = `/${repo}/`;
  let deleted = 0;
  for (const name of await storage.keys()) {
    const cache = await storage.open(name);
    for (const request of await cache.keys()) {
      if (new URL(request.url).pathname.includes(marker) && (await cache.delete(request))) deleted++;
    }
  }
  return deleted;
}

/** A model file was damaged; the model's cached files are deleted, so the next load fetches them again. */
export class DamagedModelError extends Error {
  override readonly name = 'DamagedModelError';
  constructor(modelName: string, cause: unknown) {
    super(`A file of ${modelName} was damaged; it was deleted and will be fetched again (${String(cause)})`, { cause });
  }
}

/**
 * Runs `load`; if it fails because a file is damaged and `evict` is given, evicts the model's cached files and
 * rejects with a `DamagedModelError`. The retry is the caller's: in the browser, ONNX Runtime is not to be trusted
 * after a session failed to build, so the engine client loads again in a fresh worker.
 */
export async function evictIfDamaged<T>(
  load: () => Promise<T>,
  evict: (() => Promise<unknown>) | null,
  modelName: string,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (!evict || !isCorruptModelError(error)) throw error;
    const evicted = await evict();
    console.warn(`A file of ${modelName} is damaged; ${String(evicted)} cached files deleted.`, error);
    throw new DamagedModelError(modelName, error);
  }
}
