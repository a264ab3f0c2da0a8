/**
 * Embeddings per model, int8-quantized in blocks of EMBEDDING_BLOCK_ROWS rows. `embeddingRows` maps
 * [modelId, photoId] to its block, so "has it?" is one read and a photo id is never stored twice per model.
 */
import { transact, type Library } from './db';
import { prefixRange, req } from './idb';
import { quantizeRowInto } from './quantize';
import {
  EMBEDDING_BLOCK_ROWS,
  INDEXES,
  STORES,
  type EmbeddingBlock,
  type EmbeddingRowRef,
  type PhotoId,
} from './schema';

export interface EmbeddingInput {
  id: PhotoId;
  vector: ArrayLike<number>;
}

/** One row already in the stored format. */
export interface QuantizedRow {
  id: PhotoId;
  codes: Int8Array;
  scale: number;
}

export interface AppendResult {
  added: number;
  /** Ids already stored for this model, repeated in the call, or without a photo record (never orphaned). */
  skipped: PhotoId[];
}

export const EMBEDDING_STORES = [STORES.embeddingBlocks, STORES.embeddingRows, STORES.photos] as const;

export function quantizeRow(input: EmbeddingInput): QuantizedRow {
  const codes = new Int8Array(input.vector.length);
  return { id: input.id, codes, scale: quantizeRowInto(input.vector, codes, 0) };
}

async function lastBlock(tx: IDBTransaction, modelId: string): Promise<EmbeddingBlock | undefined> {
  const cursor = await req(tx.objectStore(STORES.embeddingBlocks).openCursor(prefixRange(modelId), 'prev'));
  return cursor?.value as EmbeddingBlock | undefined;
}

/** Appends rows inside a caller's transaction over EMBEDDING_STORES: fills the last block, then opens new ones. */
export async function appendRowsInTx(tx: IDBTransaction, modelId: string, rows: QuantizedRow[]): Promise<AppendResult> {
  const rowsStore = tx.objectStore(STORES.embeddingRows);
  const photos = tx.objectStore(STORES.photos);
  const seen = new Set<PhotoId>();
  const skipped: PhotoId[] = [];
  const accepted: QuantizedRow[] = [];
  for (const row of rows) {
    const known = seen.has(row.id) || (await req(rowsStore.count([modelId, row.id]))) > 0;
    seen.add(row.id);
    if (known || (await req(photos.count(row.id))) === 0) skipped.push(row.id);
    else accepted.push(row);
  }
  if (accepted.length === 0) return { added: 0, skipped };

  const last = await lastBlock(tx, modelId);
  const dims = last?.dims ?? accepted[0]!.codes.length;
  if (accepted.some((r) => r.codes.length !== dims)) throw new Error(`Embedding for ${modelId} must have ${dims} dims`);
  let block: EmbeddingBlock =
    last && last.count < EMBEDDING_BLOCK_ROWS ? last : emptyBlock(modelId, last ? last.blockNo + 1 : 0, dims);
  let next = 0;
  while (next < accepted.length) {
    if (block.count === EMBEDDING_BLOCK_ROWS) block = emptyBlock(modelId, block.blockNo + 1, dims);
    const take = accepted.slice(next, next + EMBEDDING_BLOCK_ROWS - block.count);
    next += take.length;
    const codes = new Int8Array((block.count + take.length) * dims);
    codes.set(block.codes);
    const scales = new Float32Array(block.count + take.length);
    scales.set(block.scales);
    take.forEach((row, i) => {
      codes.set(row.codes, (block.count + i) * dims);
      scales[block.count + i] = row.scale;
    });
    block = {
      ...block,
      count: block.count + take.length,
      ids: [...block.ids, ...take.map((r) => r.id)],
      codes,
      scales,
    };
    await req(tx.objectStore(STORES.embeddingBlocks).put(block));
    for (const row of take) await req(rowsStore.put({ modelId, photoId: row.id, blockNo: block.blockNo }));
  }
  return { added: accepted.length, skipped };
}

function emptyBlock(modelId: string, blockNo: number, dims: number): EmbeddingBlock {
  return { modelId, blockNo, dims, count: 0, ids: [], codes: new Int8Array(0), scales: new Float32Array(0) };
}

/** Removes every model's row for these photos inside a caller's transaction (blocks + row refs). */
export async function removeRowsInTx(tx: IDBTransaction, photoIds: readonly PhotoId[]): Promise<void> {
  const rowsStore = tx.objectStore(STORES.embeddingRows);
  const blocks = tx.objectStore(STORES.embeddingBlocks);
  const byBlock = new Map<string, { modelId: string; blockNo: number; ids: Set<PhotoId> }>();
  for (const photoId of photoIds) {
    const refs = (await req(rowsStore.index(INDEXES.embeddingRowsByPhoto).getAll(photoId))) as EmbeddingRowRef[];
    for (const ref of refs) {
      const key = JSON.stringify([ref.modelId, ref.blockNo]);
      const entry = byBlock.get(key) ?? { modelId: ref.modelId, blockNo: ref.blockNo, ids: new Set() };
      entry.ids.add(photoId);
      byBlock.set(key, entry);
      await req(rowsStore.delete([ref.modelId, photoId]));
    }
  }
  for (const { modelId, blockNo, ids } of byBlock.values()) {
    const block = (await req(blocks.get([modelId, blockNo]))) as EmbeddingBlock | undefined;
    if (!block) continue;
    const keep = block.ids.flatMap((id, i) => (ids.has(id) ? [] : [i]));
    if (keep.length === 0) {
      await req(blocks.delete([modelId, blockNo]));
      continue;
    }
    const codes = new Int8Array(keep.length * block.dims);
    keep.forEach((i, k) => codes.set(block.codes.subarray(i * block.dims, (i + 1) * block.dims), k * block.dims));
    const scales = Float32Array.from(keep, (i) => block.scales[i] ?? 0);
    await req(blocks.put({ ...block, count: keep.length, ids: keep.map((i) => block.ids[i]!), codes, scales }));
  }
}

/** Normalizes, quantizes and stores rows for photos that exist and have no vector for this model yet. */
export async function appendEmbeddings(
  lib: Library,
  modelId: string,
  rows: readonly EmbeddingInput[],
): Promise<AppendResult> {
  const quantized = rows.map(quantizeRow); // pure CPU work before the transaction opens
  return transact(lib, EMBEDDING_STORES, 'readwrite', (tx) => appendRowsInTx(tx, modelId, quantized));
}

/** Every block of a model, in block order: what search loads. */
export function loadEmbeddingBlocks(lib: Library, modelId: string): Promise<EmbeddingBlock[]> {
  return transact(lib, [STORES.embeddingBlocks], 'readonly', async (tx) => {
    return (await req(tx.objectStore(STORES.embeddingBlocks).getAll(prefixRange(modelId)))) as EmbeddingBlock[];
  });
}

/** Whether any photo has a vector of this model (a count of its blocks: no row is read). */
export function hasEmbeddings(lib: Library, modelId: string): Promise<boolean> {
  return transact(lib, [STORES.embeddingBlocks], 'readonly', async (tx) => {
    return (await req(tx.objectStore(STORES.embeddingBlocks).count(prefixRange(modelId)))) > 0;
  });
}

export function hasEmbedding(lib: Library, modelId: string, id: PhotoId): Promise<boolean> {
  return transact(lib, [STORES.embeddingRows], 'readonly', async (tx) => {
    return (await req(tx.objectStore(STORES.embeddingRows).count([modelId, id]))) > 0;
  });
}

/** Photos with no vector for this model, in id order: what an interrupted import still has to compute. */
export function missingEmbeddings(lib: Library, modelId: string): Promise<PhotoId[]> {
  return transact(lib, [STORES.photos, STORES.embeddingRows], 'readonly', async (tx) => {
    const ids = (await req(tx.objectStore(STORES.photos).getAllKeys())) as PhotoId[];
    const refs = (await req(tx.objectStore(STORES.embeddingRows).getAllKeys(prefixRange(modelId)))) as [
      string,
      PhotoId,
    ][];
    const have = new Set(refs.map((key) => key[1]));
    return ids.filter((id) => !have.has(id));
  });
}

/** One stored row, for inspection and tests. */
export function getEmbedding(lib: Library, modelId: string, id: PhotoId): Promise<QuantizedRow | undefined> {
  return transact(lib, [STORES.embeddingRows, STORES.embeddingBlocks], 'readonly', async (tx) => {
    const ref = (await req(tx.objectStore(STORES.embeddingRows).get([modelId, id]))) as EmbeddingRowRef | undefined;
    if (!ref) return undefined;
    const block = (await req(tx.objectStore(STORES.embeddingBlocks).get([modelId, ref.blockNo]))) as EmbeddingBlock;
    const i = block.ids.indexOf(id);
    return { id, codes: block.codes.slice(i * block.dims, (i + 1) * block.dims), scale: block.scales[i] ?? 0 };
  });
}

export interface ModelSummary {
  modelId: string;
  dims: number;
  count: number;
  blocks: number;
}

/** Models that have stored vectors, with their dims and row counts; reads keys and one block per model. */
export function listEmbeddingModels(lib: Library): Promise<ModelSummary[]> {
  return transact(lib, [STORES.embeddingBlocks, STORES.embeddingRows], 'readonly', async (tx) => {
    const blocks = tx.objectStore(STORES.embeddingBlocks);
    const keys = (await req(blocks.getAllKeys())) as [string, number][];
    const blockCounts = new Map<string, { blocks: number; firstBlock: number }>();
    for (const [modelId, blockNo] of keys) {
      const m = blockCounts.get(modelId);
      blockCounts.set(modelId, { blocks: (m?.blocks ?? 0) + 1, firstBlock: m?.firstBlock ?? blockNo });
    }
    const out: ModelSummary[] = [];
    for (const [modelId, m] of blockCounts) {
      const first = (await req(blocks.get([modelId, m.firstBlock]))) as EmbeddingBlock;
      const count = await req(tx.objectStore(STORES.embeddingRows).count(prefixRange(modelId)));
      out.push({ modelId, dims: first.dims, count, blocks: m.blocks });
    }
    return out;
  });
}

/** Drops every vector of one model (e.g. the user removed that model). */
export function deleteEmbeddings(lib: Library, modelId: string): Promise<void> {
  return transact(lib, [STORES.embeddingBlocks, STORES.embeddingRows], 'readwrite', async (tx) => {
    await req(tx.objectStore(STORES.embeddingBlocks).delete(prefixRange(modelId)));
    await req(tx.objectStore(STORES.embeddingRows).delete(prefixRange(modelId)));
  });
}
