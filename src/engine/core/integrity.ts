/**
 * Model files that are present but unreadable — a download cut short and cached anyway, or bytes damaged on disk —
 * would fail every start the same way. The engine recognizes that failure, forgets the model's cached files and
 * loads once more, so they are fetched again instead.
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

/**
 * Runs `load`; if it fails because a file is damaged and `evict` is given, evicts the model's cached files and runs
 * `load` once more. A second failure is the caller's to report: the files on the server itself are bad.
 */
export async function loadRepairing<T>(load: () => Promise<T>, evict: (() => Promise<unknown>) | null): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (!evict || !isCorruptModelError(error)) throw error;
    console.warn('A cached model file is damaged; fetching the model again.', error);
    await evict();
    return load();
  }
}
