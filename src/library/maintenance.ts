/** Whole-library operations: wipe, size per store, and the consistency check the tests lean on. */
import { transact, type Library } from './db';
import { eachCursor, req } from './idb';
import {
  ALL_STORES,
  EMBEDDING_BLOCK_ROWS,
  STORES,
  type Caption,
  type EmbeddingBlock,
  type EmbeddingRowRef,
  type PhotoId,
  type StoreName,
} from './schema';

/** Empties every store in one transaction; the database and its schema stay. */
export function deleteEverything(lib: Library): Promise<void> {
  return transact(lib, ALL_STORES, 'readwrite', async (tx) => {
    for (const name of ALL_STORES) await req(tx.objectStore(name).clear());
  });
}

/** Rough in-memory size of a stored value: blob and typed-array bytes, 2 bytes per string char. */
function approxBytes(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return value.length * 2;
  if (typeof value === 'number' || typeof value === 'boolean') return 8;
  if (value instanceof Blob) return value.size;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + approxBytes(v), 0);
  if (typeof value === 'object') {
    return Object.entries(value).reduce((sum, [k, v]) => sum + k.length * 2 + approxBytes(v), 0);
  }
  return 0;
}

export type StorageUsage = Record<StoreName, { count: number; bytes: number }>;

/** Records and approximate bytes per store (reads everything; for a settings page, not a hot path). */
export function storageUsage(lib: Library): Promise<StorageUsage> {
  return transact(lib, ALL_STORES, 'readonly', async (tx) => {
    const usage = {} as StorageUsage;
    for (const name of ALL_STORES) {
      const entry = { count: 0, bytes: 0 };
      await eachCursor(tx.objectStore(name).openCursor(), (cursor) => {
        entry.count++;
        entry.bytes += approxBytes(cursor.value);
      });
      usage[name] = entry;
    }
    return usage;
  });
}

export interface ModelRowProblem {
  modelId: string;
  id: PhotoId;
}

export interface ConsistencyReport {
  ok: boolean;
  orphanThumbnails: PhotoId[];
  orphanEmbeddings: ModelRowProblem[];
  duplicateEmbeddings: ModelRowProblem[];
  /** embeddingRows entries that do not point at the block holding the row, or rows with no entry. */
  rowRefMismatches: ModelRowProblem[];
  malformedBlocks: { modelId: string; blockNo: number }[];
  orphanCaptions: ModelRowProblem[];
  /** Not an error (putPhoto alone stores no thumbnail), reported for the import screen. */
  photosWithoutThumbnail: PhotoId[];
}

/** Finds orphans, duplicates and index drift across stores, in one read transaction. */
export function checkConsistency(lib: Library): Promise<ConsistencyReport> {
  const stores = [STORES.photos, STORES.thumbnails, STORES.embeddingBlocks, STORES.embeddingRows, STORES.captions];
  return transact(lib, stores, 'readonly', async (tx) => {
    const photoIds = new Set((await req(tx.objectStore(STORES.photos).getAllKeys())) as PhotoId[]);
    const thumbIds = (await req(tx.objectStore(STORES.thumbnails).getAllKeys())) as PhotoId[];
    const hasThumb = new Set(thumbIds);
    const refs = (await req(tx.objectStore(STORES.embeddingRows).getAll())) as EmbeddingRowRef[];
    const captions = (await req(tx.objectStore(STORES.captions).getAll())) as Caption[];
    const refBlock = new Map(refs.map((r) => [JSON.stringify([r.modelId, r.photoId]), r.blockNo]));
    const report: ConsistencyReport = {
      ok: true,
      orphanThumbnails: thumbIds.filter((id) => !photoIds.has(id)),
      orphanEmbeddings: [],
      duplicateEmbeddings: [],
      rowRefMismatches: [],
      malformedBlocks: [],
      orphanCaptions: captions
        .filter((c) => !photoIds.has(c.photoId))
        .map((c) => ({ modelId: c.modelId, id: c.photoId })),
      photosWithoutThumbnail: [...photoIds].filter((id) => !hasThumb.has(id)),
    };
    const seen = new Set<string>();
    await eachCursor(tx.objectStore(STORES.embeddingBlocks).openCursor(), (cursor) => {
      const b = cursor.value as EmbeddingBlock;
      const sizesOk = b.ids.length === b.count && b.codes.length === b.count * b.dims && b.scales.length === b.count;
      if (!sizesOk || b.count === 0 || b.count > EMBEDDING_BLOCK_ROWS) {
        report.malformedBlocks.push({ modelId: b.modelId, blockNo: b.blockNo });
      }
      for (const id of b.ids) {
        const key = JSON.stringify([b.modelId, id]);
        const row = { modelId: b.modelId, id };
        if (seen.has(key)) report.duplicateEmbeddings.push(row);
        seen.add(key);
        if (!photoIds.has(id)) report.orphanEmbeddings.push(row);
        if (refBlock.get(key) !== b.blockNo) report.rowRefMismatches.push(row);
      }
    });
    for (const r of refs) {
      if (!seen.has(JSON.stringify([r.modelId, r.photoId])))
        report.rowRefMismatches.push({ modelId: r.modelId, id: r.photoId });
    }
    report.ok =
      report.orphanThumbnails.length +
        report.orphanEmbeddings.length +
        report.duplicateEmbeddings.length +
        report.rowRefMismatches.length +
        report.malformedBlocks.length +
        report.orphanCaptions.length ===
      0;
    return report;
  });
}

/** Small app-wide settings and bookkeeping (e.g. last export time), keyed by string. */
export function getMeta<T>(lib: Library, key: string): Promise<T | undefined> {
  return transact(lib, [STORES.meta], 'readonly', async (tx) => {
    return (await req(tx.objectStore(STORES.meta).get(key))) as T | undefined;
  });
}

export function setMeta(lib: Library, key: string, value: unknown): Promise<void> {
  return transact(lib, [STORES.meta], 'readwrite', async (tx) => {
    await req(tx.objectStore(STORES.meta).put(value, key));
  });
}
