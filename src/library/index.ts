/** The persistent index: the public surface. Everything runs on the main thread and in workers alike. */
export { openLibrary, transact, type Library, type OpenOptions } from './db';
export { LibraryTooNewError, StorageFullError } from './idb';
export * from './schema';
export {
  commitPhoto,
  commitPhotos,
  countPhotos,
  deletePhoto,
  deletePhotos,
  getPhoto,
  getThumbnail,
  listPhotos,
  putPhoto,
  type PhotoCommit,
  type PutResult,
} from './photos';
export {
  appendEmbeddings,
  deleteEmbeddings,
  getEmbedding,
  hasEmbedding,
  listEmbeddingModels,
  loadEmbeddingBlocks,
  missingEmbeddings,
  type AppendResult,
  type EmbeddingInput,
  type ModelSummary,
  type QuantizedRow,
} from './embeddings';
export {
  captionsForPhoto,
  deleteCaption,
  getCaption,
  listCaptions,
  missingCaptions,
  putCaption,
  type CaptionPutResult,
} from './captions';
export { deleteLabelSet, getLabelSet, listLabelSets, putLabelSet } from './labels';
export {
  clearQueue,
  deleteRoot,
  enqueueFiles,
  getRoot,
  listRoots,
  markDone,
  markFailed,
  pendingFiles,
  putRoot,
  queueProgress,
  type QueuedFile,
} from './queue';
export { addProblem, clearProblems, listProblems } from './problems';
export {
  checkConsistency,
  deleteEverything,
  getMeta,
  setMeta,
  storageUsage,
  type ConsistencyReport,
  type StorageUsage,
} from './maintenance';
export {
  exportLibrary,
  importLibrary,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportOptions,
  type ImportSummary,
  type Manifest,
} from './exportImport';
export { announceChange, onLibraryChange, withIndexingLock, type LibraryChange } from './sync';
