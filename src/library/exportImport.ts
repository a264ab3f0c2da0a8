/** One-file export of the whole library (a zip, described in FORMAT.md) and a merge-by-id import of it. */
import { Zip, ZipDeflate, ZipPassThrough, strFromU8, strToU8, unzipSync } from 'fflate';
import { putCaptionInTx } from './captions';
import { transact, type Library } from './db';
import { EMBEDDING_STORES, appendRowsInTx, type QuantizedRow } from './embeddings';
import { req } from './idb';
import { labelSetChecked } from './labels';
import { putPhotoInTx } from './photos';
import { putPhotoTextInTx } from './photoTexts';
import { STORES, type Caption, type EmbeddingBlock, type LabelSet, type Photo, type PhotoText } from './schema';

export const EXPORT_FORMAT = 'shoebox-library';
export const EXPORT_VERSION = 1;
/** Photos merged per import transaction: each photo lands whole, memory stays bounded. */
const IMPORT_BATCH = 500;

export interface ExportedModel {
  modelId: string;
  dims: number;
  count: number;
  /** Zip paths of the header (ids) and the binary rows. */
  header: string;
  data: string;
}

export interface Manifest {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: number;
  includesLocation: boolean;
  /** `texts` (photo texts, texts.json) since library v3; files without it have none. */
  counts: { photos: number; thumbnails: number; captions: number; labelSets: number; texts?: number };
  models: ExportedModel[];
}

interface EmbeddingHeader {
  modelId: string;
  dims: number;
  count: number;
  ids: string[];
  encoding: 'int8-codes,f32le-scales';
}

function safeName(modelId: string, taken: Set<string>): string {
  const base = modelId.replace(/[^A-Za-z0-9._-]/g, '_');
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return name;
}

function thumbnailPath(id: string, type: string): string {
  return `thumbnails/${id}.${type === 'image/jpeg' ? 'jpg' : 'webp'}`;
}

/** Packs one model's blocks as N*dims int8 codes followed by N little-endian float32 scales. */
function encodeModel(blocks: EmbeddingBlock[]): { header: EmbeddingHeader; bin: Uint8Array } {
  const dims = blocks[0]?.dims ?? 0;
  const count = blocks.reduce((n, b) => n + b.count, 0);
  const bin = new Uint8Array(count * dims + count * 4);
  const view = new DataView(bin.buffer);
  let row = 0;
  for (const b of blocks) {
    bin.set(new Uint8Array(b.codes.buffer, b.codes.byteOffset, b.count * dims), row * dims);
    for (let i = 0; i < b.count; i++) view.setFloat32(count * dims + (row + i) * 4, b.scales[i] ?? 0, true);
    row += b.count;
  }
  const ids = blocks.flatMap((b) => b.ids);
  return { header: { modelId: blocks[0]?.modelId ?? '', dims, count, ids, encoding: 'int8-codes,f32le-scales' }, bin };
}

function decodeModel(header: EmbeddingHeader, bin: Uint8Array): QuantizedRow[] {
  const { dims, count, ids } = header;
  if (ids.length !== count || bin.length !== count * dims + count * 4) {
    throw new Error(`Embeddings of ${header.modelId} do not match their header`);
  }
  const view = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
  const codes = new Int8Array(bin.buffer, bin.byteOffset, count * dims);
  return ids.map((id, i) => ({
    id,
    codes: codes.slice(i * dims, (i + 1) * dims),
    scale: view.getFloat32(count * dims + i * 4, true),
  }));
}

export interface ExportOptions {
  /** Keep photos' `gps`; off by default so a shared file does not leak where photos were taken. */
  includeLocation?: boolean;
}

/** Exports the library to one zip Blob (photos, thumbnails, embeddings per model, captions, texts, label sets). */
export async function exportLibrary(lib: Library, options: ExportOptions = {}): Promise<Blob> {
  const stores = [
    STORES.photos,
    STORES.thumbnails,
    STORES.embeddingBlocks,
    STORES.captions,
    STORES.photoTexts,
    STORES.labelSets,
  ];
  // One read transaction, so the file is a consistent snapshot; blob bytes are read after it.
  const snap = await transact(lib, stores, 'readonly', async (tx) => ({
    photos: (await req(tx.objectStore(STORES.photos).getAll())) as Photo[],
    thumbIds: (await req(tx.objectStore(STORES.thumbnails).getAllKeys())) as string[],
    thumbs: (await req(tx.objectStore(STORES.thumbnails).getAll())) as Blob[],
    blocks: (await req(tx.objectStore(STORES.embeddingBlocks).getAll())) as EmbeddingBlock[],
    captions: (await req(tx.objectStore(STORES.captions).getAll())) as Caption[],
    texts: (await req(tx.objectStore(STORES.photoTexts).getAll())) as PhotoText[],
    labelSets: (await req(tx.objectStore(STORES.labelSets).getAll())) as LabelSet[],
  }));
  const includeLocation = options.includeLocation ?? false;
  const photos = includeLocation ? snap.photos : snap.photos.map(({ gps: _gps, ...rest }) => rest);

  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  const add = (name: string, data: Uint8Array, compress: boolean) => {
    const file = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    zip.add(file);
    file.push(data, true);
  };
  const json = (name: string, value: unknown) => add(name, strToU8(JSON.stringify(value)), true);

  const byModel = new Map<string, EmbeddingBlock[]>();
  for (const b of snap.blocks)
    byModel
      .set(b.modelId, byModel.get(b.modelId) ?? [])
      .get(b.modelId)!
      .push(b);
  const taken = new Set<string>();
  const models: ExportedModel[] = [];
  for (const [modelId, blocks] of byModel) {
    const name = safeName(modelId, taken);
    const { header, bin } = encodeModel(blocks);
    const paths = { header: `embeddings/${name}.json`, data: `embeddings/${name}.bin` };
    const model: ExportedModel = { modelId, dims: header.dims, count: header.count, ...paths };
    json(model.header, header);
    add(model.data, bin, false); // int8 noise barely compresses
    models.push(model);
  }
  const manifest: Manifest = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: Date.now(),
    includesLocation: includeLocation,
    counts: {
      photos: photos.length,
      thumbnails: snap.thumbs.length,
      captions: snap.captions.length,
      labelSets: snap.labelSets.length,
      texts: snap.texts.length,
    },
    models,
  };
  json('manifest.json', manifest);
  json('photos.json', photos);
  json('captions.json', snap.captions);
  json('texts.json', snap.texts);
  json('labels.json', snap.labelSets);
  for (const [i, blob] of snap.thumbs.entries()) {
    add(thumbnailPath(snap.thumbIds[i]!, blob.type), new Uint8Array(await blob.arrayBuffer()), false);
  }
  zip.end();
  return new Blob(chunks as BlobPart[], { type: 'application/zip' });
}

export interface ImportSummary {
  photosAdded: number;
  photosMerged: number;
  embeddingsAdded: number;
  captionsSaved: number;
  textsSaved: number;
  labelSetsSaved: number;
}

function readJson<T>(files: Record<string, Uint8Array>, name: string): T {
  const data = files[name];
  if (!data) throw new Error(`Not a Shoebox library file: ${name} is missing`);
  return JSON.parse(strFromU8(data)) as T;
}

/**
 * Merges an exported file into the library by photo id: new photos are added with their thumbnails, vectors and
 * captions; known ones only gain sources. Importing the same file twice changes nothing.
 */
export async function importLibrary(lib: Library, file: Blob | Uint8Array): Promise<ImportSummary> {
  const files = unzipSync(file instanceof Uint8Array ? file : new Uint8Array(await file.arrayBuffer()));
  const manifest = readJson<Manifest>(files, 'manifest.json');
  if (manifest.format !== EXPORT_FORMAT) throw new Error('Not a Shoebox library file');
  if (manifest.version > EXPORT_VERSION) throw new Error('This file was exported by a newer Shoebox');
  const photos = readJson<Photo[]>(files, 'photos.json');
  const captions = readJson<Caption[]>(files, 'captions.json');
  const labelSets = readJson<LabelSet[]>(files, 'labels.json');
  // Files exported before library v3 have no texts.
  const texts = files['texts.json'] ? readJson<PhotoText[]>(files, 'texts.json') : [];
  const textsByPhoto = groupByPhoto(texts);
  const vectors = manifest.models.map((m) => {
    const header = readJson<EmbeddingHeader>(files, m.header);
    const bin = files[m.data];
    if (!bin) throw new Error(`Not a Shoebox library file: ${m.data} is missing`);
    return { modelId: header.modelId, rows: new Map(decodeModel(header, bin).map((r) => [r.id, r])) };
  });
  const captionsByPhoto = new Map<string, Caption[]>();
  for (const c of captions)
    captionsByPhoto
      .set(c.photoId, captionsByPhoto.get(c.photoId) ?? [])
      .get(c.photoId)!
      .push(c);
  const thumbs = new Map<string, Blob>();
  for (const [name, data] of Object.entries(files)) {
    const match = /^thumbnails\/([^/]+)\.(webp|jpg)$/.exec(name);
    if (match)
      thumbs.set(match[1]!, new Blob([data as BlobPart], { type: match[2] === 'jpg' ? 'image/jpeg' : 'image/webp' }));
  }

  const summary: ImportSummary = {
    photosAdded: 0,
    photosMerged: 0,
    embeddingsAdded: 0,
    captionsSaved: 0,
    textsSaved: 0,
    labelSetsSaved: 0,
  };
  const stores = [...EMBEDDING_STORES, STORES.thumbnails, STORES.captions, STORES.photoTexts];
  for (let start = 0; start < photos.length; start += IMPORT_BATCH) {
    const batch = photos.slice(start, start + IMPORT_BATCH);
    await transact(lib, stores, 'readwrite', async (tx) => {
      for (const photo of batch) {
        if ((await putPhotoInTx(tx, photo)) === 'added') summary.photosAdded++;
        else summary.photosMerged++;
        const thumb = thumbs.get(photo.id);
        const store = tx.objectStore(STORES.thumbnails);
        if (thumb && (await req(store.count(photo.id))) === 0) await req(store.put(thumb, photo.id));
      }
      for (const { modelId, rows } of vectors) {
        const mine = batch.flatMap((p) => rows.get(p.id) ?? []);
        summary.embeddingsAdded += (await appendRowsInTx(tx, modelId, mine)).added;
      }
      for (const caption of batch.flatMap((p) => captionsByPhoto.get(p.id) ?? [])) {
        const result = await putCaptionInTx(tx, caption, true);
        if (result === 'saved') summary.captionsSaved++;
      }
      for (const text of batch.flatMap((p) => textsByPhoto.get(p.id) ?? [])) {
        if ((await putPhotoTextInTx(tx, text, true)) === 'saved') summary.textsSaved++;
      }
    });
  }
  await transact(lib, [STORES.labelSets], 'readwrite', async (tx) => {
    const store = tx.objectStore(STORES.labelSets);
    for (const set of labelSets.map(labelSetChecked)) {
      const existing = (await req(store.get(set.id))) as LabelSet | undefined;
      if (existing && existing.updatedAt >= set.updatedAt) continue;
      await req(store.put(set));
      summary.labelSetsSaved++;
    }
  });
  return summary;
}

function groupByPhoto<T extends { photoId: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(item.photoId, [...(out.get(item.photoId) ?? []), item]);
  return out;
}
