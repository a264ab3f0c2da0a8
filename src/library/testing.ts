/** Deterministic fixtures for library tests (no IndexedDB here; tests bring their own fake-indexeddb factory). */
import { transact, type Library } from './db';
import { req } from './idb';
import { ALL_STORES, type Photo } from './schema';

/** A 64-hex-char id that looks like a SHA-256, derived from n. */
export function fakeId(n: number): string {
  return n.toString(16).padStart(64, '0');
}

export function fakePhoto(n: number, overrides: Partial<Photo> = {}): Photo {
  const path = `holiday/img_${n}.jpg`;
  return {
    id: fakeId(n),
    path,
    name: `img_${n}.jpg`,
    size: 1000 + n,
    lastModified: 1_700_000_000_000 + n,
    mime: 'image/jpeg',
    width: 4000,
    height: 3000,
    takenAt: n % 2 === 0 ? 1_600_000_000_000 + n : null,
    addedAt: 1_700_000_100_000 + n,
    sources: [{ rootId: 'root-1', path }],
    ...overrides,
  };
}

export function fakeThumbnail(n: number): Blob {
  return new Blob([new Uint8Array([0x52, 0x49, 0x46, 0x46, n & 0xff, (n >> 8) & 0xff])], { type: 'image/webp' });
}

/** A reproducible pseudo-random vector (mulberry32), not normalized. */
export function fakeVector(seed: number, dims: number): Float32Array {
  let a = seed * 2654435761;
  const out = new Float32Array(dims);
  for (let j = 0; j < dims; j++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[j] = ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  }
  return out;
}

/** Every store's [key, value] pairs with blobs read out as bytes: for "nothing changed" assertions. */
export async function dumpLibrary(lib: Library): Promise<Record<string, [IDBValidKey, unknown][]>> {
  const raw = await transact(lib, ALL_STORES, 'readonly', async (tx) => {
    const out: Record<string, [IDBValidKey, unknown][]> = {};
    for (const name of ALL_STORES) {
      const keys = await req(tx.objectStore(name).getAllKeys());
      const values = await req(tx.objectStore(name).getAll());
      out[name] = keys.map((key, i) => [key, values[i]]);
    }
    return out;
  });
  for (const rows of Object.values(raw)) {
    for (const row of rows) {
      if (row[1] instanceof Blob)
        row[1] = { type: row[1].type, bytes: [...new Uint8Array(await row[1].arrayBuffer())] };
    }
  }
  return raw;
}
