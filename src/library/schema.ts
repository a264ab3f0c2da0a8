/**
 * The persistent index's shape: database name and version, store names, key formats and record types.
 * Runs on the main thread and in workers alike (types here are in both the DOM and WebWorker libs).
 */

// ---------------------------------------------------------------------------------------------------------------------
// DO NOT CHANGE WITHOUT A MIGRATION
// Renaming the database, a store, an index or a key path, or changing a record's stored shape, needs a new
// DB_VERSION and a step in migrations.ts (plus a case in migrations.test.ts).
// ---------------------------------------------------------------------------------------------------------------------

export const DB_NAME = 'shoebox-library';
export const DB_VERSION = 3;

export const STORES = {
  /** key: photo id (keyPath 'id') */
  photos: 'photos',
  /** key: photo id (out-of-line) -> Blob (image/webp or image/jpeg) */
  thumbnails: 'thumbnails',
  /** key: [modelId, blockNo] (keyPath ['modelId', 'blockNo']) */
  embeddingBlocks: 'embeddingBlocks',
  /** key: [modelId, photoId] -> which block holds the row; index 'byPhoto' on photoId */
  embeddingRows: 'embeddingRows',
  /** key: [modelId, photoId]; index 'byPhoto' on photoId */
  captions: 'captions',
  /** key: [modelId, photoId]; index 'byPhoto' on photoId. Text read from the photo (OCR), per model (v3) */
  photoTexts: 'photoTexts',
  /** key: label set id (keyPath 'id') */
  labelSets: 'labelSets',
  /** key: root id (keyPath 'id') */
  roots: 'roots',
  /** key: [rootId, path]; index 'byRootStatus' on [rootId, status] */
  importQueue: 'importQueue',
  /** key: auto-increment number (keyPath 'seq') */
  problems: 'problems',
  /** key: string (out-of-line) -> any structured-cloneable value */
  meta: 'meta',
} as const;

export type StoreName = (typeof STORES)[keyof typeof STORES];
export const ALL_STORES: readonly StoreName[] = Object.values(STORES);

export const INDEXES = {
  embeddingRowsByPhoto: 'byPhoto',
  captionsByPhoto: 'byPhoto',
  photoTextsByPhoto: 'byPhoto',
  queueByRootStatus: 'byRootStatus',
} as const;

/** Rows per embedding block: a 100,000-photo library opens in ~100 reads. Blocks record their own count. */
export const EMBEDDING_BLOCK_ROWS = 1024;

/** Root id given to photos migrated from v1, which did not record where a file came from. */
export const LEGACY_ROOT_ID = 'legacy';

// ------------------------------------------------------------------------------------------------- end of banner --

/** Photo id: lowercase hex SHA-256 of the file's bytes, so identical files are stored once. */
export type PhotoId = string;

/** One place a photo's bytes were found. */
export interface PhotoSource {
  rootId: string;
  /** Relative path inside the dropped/picked folder, '/'-separated. */
  path: string;
}

export interface Photo {
  id: PhotoId;
  /** Relative path of the first source (sources[0].path). */
  path: string;
  name: string;
  size: number;
  lastModified: number;
  mime: string;
  /** Upright dimensions (EXIF orientation applied). */
  width: number;
  height: number;
  /** EXIF DateTimeOriginal in ms, or null. */
  takenAt: number | null;
  addedAt: number;
  /** Every place these bytes were found; first one is where it was first imported from. */
  sources: PhotoSource[];
  /** Only present when the importer kept location; exported only on request. */
  gps?: { lat: number; lon: number; alt?: number };
  /** EXIF camera and exposure, read at import; absent on photos imported before it was read, or without EXIF. */
  camera?: PhotoCamera;
  /**
   * Hidden from the gallery and search by the user (a near-duplicate set aside); absent when shown. Never deletes or
   * changes the file; exported and imported with the record (no migration: absent reads as shown).
   */
  hidden?: true;
}

/** What the camera wrote: every field optional, strings as the file had them (untrusted text). */
export interface PhotoCamera {
  make?: string;
  model?: string;
  lens?: string;
  /** Focal length in mm. */
  focalLength?: number;
  fNumber?: number;
  /** Exposure time in seconds. */
  exposureTime?: number;
  iso?: number;
}

/** int8-quantized rows of one model: codes[i*dims+j] = round(x_j/scales[i]) of the L2-normalized vector. */
export interface EmbeddingBlock {
  modelId: string;
  blockNo: number;
  dims: number;
  count: number;
  ids: PhotoId[];
  codes: Int8Array;
  scales: Float32Array;
}

export interface EmbeddingRowRef {
  modelId: string;
  photoId: PhotoId;
  blockNo: number;
}

export type CaptionSource = 'model' | 'user';

export interface Caption {
  modelId: string;
  photoId: PhotoId;
  text: string;
  source: CaptionSource;
  at: number;
}

/** The text read from a photo by a model (OCR), or the user's correction of it: the same rules as a caption's. */
export interface PhotoText {
  modelId: string;
  photoId: PhotoId;
  /** Lines separated by '\n'; '' when the model found no text (so the photo is not read again). */
  text: string;
  source: CaptionSource;
  at: number;
  /**
   * Set on a note saved from "Ask a photo" (modelId `note:<at>`, source 'user'; `text` is question and answer):
   * notes live beside the photo's texts so they are deleted, exported and imported with them (no new store).
   */
  note?: PhotoNote;
}

/** A question asked about a photo and the model's answer, saved by the user. */
export interface PhotoNote {
  question: string;
  answer: string;
  /** The VLM that answered. */
  modelId: string;
}

export interface LabelSet {
  id: string;
  name: string;
  labels: string[];
  /** Prompt templates with '{}' where the label goes, e.g. 'a photo of {}'. */
  templates: string[];
  /** 'single': best label wins; 'multi': every label over its threshold. */
  mode: 'single' | 'multi';
  threshold?: number;
  /** Per-label thresholds overriding `threshold`. */
  thresholds?: Record<string, number>;
  /** Labels the user applied by hand (the gallery's selection bar), by photo id: they replace the model's there. */
  userLabels?: Record<PhotoId, string[]>;
  /** Labels taught by example (src/search/teach.ts), by label; optional, so sets saved before it read unchanged. */
  examples?: Record<string, TaughtLabel>;
  updatedAt: number;
}

/** The photos the user marked to teach one label by example. */
export interface TaughtLabel {
  examples: PhotoId[];
  counterExamples: PhotoId[];
  /** Whether the label's text prompts join the probe (a label named only to be taught has none that mean anything). */
  prompts: boolean;
}

export interface Root {
  id: string;
  name: string;
  /** Present where the File System Access API gave one; structured-cloneable, so it persists. */
  handle?: FileSystemDirectoryHandle;
  lastScan: number | null;
}

export type QueueStatus = 'pending' | 'done' | 'failed';

export interface QueueItem {
  rootId: string;
  path: string;
  size: number;
  lastModified: number;
  status: QueueStatus;
}

export interface Problem {
  seq?: number;
  rootId?: string;
  path: string;
  reason: string;
  at: number;
}
