/**
 * The Evaluate feature's state: the picked set, the setup (models, prompt templates, references) and the runs that
 * embed, classify and caption it. Lives outside React (components read `store`); the engine, the library and the
 * decoder come in as `EvalDeps`, so the whole flow runs under Vitest with fakes.
 */

import { findModel } from '../../engine/models';
import type { CaptionImage } from '../../engine/protocol';
import { DEFAULT_RETRIEVAL_K } from '../../search/retrieval';
import { splitStratified } from '../../search/split';
import { buildPrompts } from '../../search/zeroShot';
import { embeddingMean } from '../../search/vector';
import { mapSample, type EmbeddingMap } from './embeddingMap';
import {
  classPromptName,
  datasetFromFiles,
  datasetFromLibrary,
  matchReferences,
  parseReferences,
  type EvalDataset,
  type EvalFile,
  type EvalPhoto,
  type ReferenceCaptions,
} from './evaluateData';
import {
  captionResult,
  classificationResult,
  splitInputOf,
  splitResult,
  type CaptionResult,
  type ClassificationResult,
} from './evaluateReport';
import type { SplitFigures, SplitInput } from './splitEvaluate';
import { describeError } from '../../shared/errors';
import { Store } from '../../shared/store';
import { TUNABLES } from '../tunables';

export const EVAL_BATCH_SIZE = TUNABLES.evalBatchSize;
export const DEFAULT_KNN_K = TUNABLES.evalKnnK;
export const DEFAULT_VALIDATION_SHARE = TUNABLES.evalValidationShare;
export const DEFAULT_SPLIT_SEED = TUNABLES.evalSplitSeed;
/** The validation share the setup allows. */
export const VALIDATION_SHARE_RANGE = { min: 0.1, max: 0.5 } as const;

/** What the evaluation needs from the app: models, stored vectors and captions, decoding. */
export interface EvalDeps {
  loadModel(modelId: string, signal: AbortSignal): Promise<void>;
  inputSize(modelId: string): Promise<number>;
  embedImages(modelId: string, crops: Uint8ClampedArray[], signal: AbortSignal): Promise<Float32Array[]>;
  embedTexts(modelId: string, texts: string[], signal: AbortSignal): Promise<Float32Array[]>;
  caption(modelId: string, image: CaptionImage, signal: AbortSignal): Promise<string>;
  /** The file's content hash: the library's photo id. */
  hashFile(file: File): Promise<string>;
  /** The library's vector for this photo and model, if it has one (dequantized). */
  storedEmbedding(modelId: string, photoId: string): Promise<Float32Array | undefined>;
  /** The library's caption by this model for this photo, if the model wrote it (not a person's edit). */
  storedCaption(modelId: string, photoId: string): Promise<string | undefined>;
  /** A square model-input crop of `side` pixels (RGBA), or why the file can't be read. */
  decodeCrop(file: File, side: number, signal: AbortSignal): Promise<Uint8ClampedArray | { error: string }>;
  /** The whole upright picture (small) for a captioner, or why the file can't be read. */
  decodeForCaption(file: File, signal: AbortSignal): Promise<CaptionImage | { error: string }>;
  /** Puts the app's own models back after an evaluation swapped them out. */
  restoreModels(): Promise<void>;
  /** The linear probe and retrieval on a split (`splitEvaluate`, off the main thread); rejects when aborted. */
  evaluateSplit(input: SplitInput, signal: AbortSignal): Promise<SplitFigures>;
  /** The embedding map's 2D points (`mapProject`, off the main thread); rejects when aborted. */
  projectMap(
    vectors: readonly Float32Array[],
    seed: number,
    progress: (done: number, total: number) => void,
    signal: AbortSignal,
  ): Promise<Float64Array>;
  /** The library's photos (id and first source's path); empty before the library opens. */
  libraryPhotos(): Promise<readonly { id: string; path: string }[]>;
  /** Every vector the library stores for this model, by photo id (dequantized from its embedding blocks). */
  storedEmbeddings(modelId: string): Promise<ReadonlyMap<string, Float32Array>>;
  /** A library photo's thumbnail. */
  thumbnail(photoId: string): Promise<Blob | undefined>;
}

/** How the photos are split for the probe and retrieval: stratified, seeded. */
export interface SplitSettings {
  readonly validationShare: number;
  readonly seed: number;
}

/** Which prompt templates a run uses: each model's own, or one list for all. */
export type TemplateChoice = { kind: 'model' } | { kind: 'custom'; templates: readonly string[] };

export interface EvalProgress {
  readonly task: 'classification' | 'captions';
  readonly modelName: string;
  readonly step: string;
  readonly done: number;
  readonly total: number;
}

export interface EvalState {
  readonly dataset: EvalDataset | null;
  readonly references: {
    readonly fileName: string;
    readonly captions: ReferenceCaptions;
    problems: readonly string[];
  } | null;
  readonly embedderIds: readonly string[];
  readonly captionerId: string;
  readonly templates: TemplateChoice;
  readonly knnK: number;
  readonly split: SplitSettings;
  readonly progress: EvalProgress | null;
  readonly classification: readonly ClassificationResult[];
  readonly captions: CaptionResult | null;
  readonly message: string | null;
}

/** Orchestrates evaluation runs; one run at a time. */
export class Evaluation {
  readonly store: Store<EvalState>;
  private abort: AbortController | null = null;
  private readonly hashes = new WeakMap<File, Promise<string>>();

  constructor(
    private readonly deps: EvalDeps,
    defaults: { embedderId: string; captionerId: string },
  ) {
    this.store = new Store<EvalState>({
      dataset: null,
      references: null,
      embedderIds: [defaults.embedderId],
      captionerId: defaults.captionerId,
      templates: { kind: 'model' },
      knnK: DEFAULT_KNN_K,
      split: { validationShare: DEFAULT_VALIDATION_SHARE, seed: DEFAULT_SPLIT_SEED },
      progress: null,
      classification: [],
      captions: null,
      message: null,
    });
  }

  /** A picked or dropped folder becomes the set; a CSV/JSON file inside it is read as reference captions. */
  async setFiles(files: readonly EvalFile[]): Promise<void> {
    const dataset = datasetFromFiles(files);
    this.store.set({ dataset, classification: [], captions: null, message: null });
    const [referenceFile] = dataset.referenceFiles;
    if (referenceFile && !this.store.get().references) await this.setReferences(referenceFile.file);
  }

  /** The library's own photos become the set, their folders the classes: stored vectors only, nothing embedded. */
  async useLibrary(): Promise<void> {
    const dataset = datasetFromLibrary(await this.deps.libraryPhotos());
    this.store.set({ dataset, references: null, classification: [], captions: null, message: null });
    if (dataset.photos.length === 0) this.store.set({ message: 'The library has no photos yet.' });
  }

  /** The picture behind a photo of the set (the picked file, or the library's thumbnail), for the map's hover. */
  photoImage = async (path: string): Promise<Blob | undefined> => {
    const photo = this.store.get().dataset?.photos.find((p) => p.path === path);
    if (!photo) return undefined;
    return photo.file ?? (photo.photoId === null ? undefined : await this.deps.thumbnail(photo.photoId));
  };

  async setReferences(file: File): Promise<void> {
    const { references, problems } = parseReferences(file.name, await file.text());
    this.store.set({ references: { fileName: file.name, captions: references, problems }, captions: null });
  }

  setEmbedderIds = (embedderIds: readonly string[]) => this.store.set({ embedderIds });
  setCaptionerId = (captionerId: string) => this.store.set({ captionerId });
  setTemplates = (templates: TemplateChoice) => this.store.set({ templates });
  setKnnK = (knnK: number) => this.store.set({ knnK: Math.max(1, Math.round(knnK) || 1) });
  /** Clamped to `VALIDATION_SHARE_RANGE`, in hundredths; a value that is not a number keeps the current share. */
  setValidationShare = (share: number) => {
    const { split } = this.store.get();
    const { min, max } = VALIDATION_SHARE_RANGE;
    // Hundredths: a slider step of 0.05 adds float noise (0.30000000000000004) that the number field would show.
    const clamped = Math.min(max, Math.max(min, Math.round(share * 100) / 100));
    const validationShare = Number.isFinite(share) ? clamped : split.validationShare;
    this.store.set({ split: { ...split, validationShare } });
  };
  /** A non-negative integer (mulberry32 takes 32 bits); anything else keeps the current seed. */
  setSeed = (seed: number) => {
    const { split } = this.store.get();
    const next = Number.isFinite(seed) ? Math.abs(Math.trunc(seed)) % 2 ** 32 : split.seed;
    this.store.set({ split: { ...split, seed: next } });
  };

  cancel = () => this.abort?.abort(new DOMException('evaluation cancelled', 'AbortError'));

  /** Zero-shot classification of the set with every selected embedder, one after another. */
  async runClassification(): Promise<void> {
    const { dataset, embedderIds, templates, knnK, split } = this.store.get();
    if (!dataset) return;
    const photos = dataset.photos.filter((p) => p.className !== null);
    if (dataset.classes.length < 2 || photos.length === 0) {
      this.store.set({ message: 'Classification needs a folder with at least two class subfolders of photos.' });
      return;
    }
    await this.run(async (signal) => {
      const results: ClassificationResult[] = [];
      for (const modelId of embedderIds) {
        results.push(await this.classifyWith(modelId, dataset.classes, photos, templates, knnK, split, signal));
        this.store.set({ classification: [...results] });
      }
    });
  }

  /** Captions every photo that has references, then scores them against the references. */
  async runCaptions(): Promise<void> {
    const { dataset, references, captionerId } = this.store.get();
    if (!dataset || !references) return;
    const { matched } = matchReferences(references.captions, dataset.photos);
    if (matched.length === 0) {
      this.store.set({ message: 'No photo in the set is named in the reference captions.' });
      return;
    }
    await this.run(async (signal) => {
      const spec = findModel(captionerId);
      const modelName = spec?.name ?? captionerId;
      const progress = (step: string, done: number) =>
        this.store.set({ progress: { task: 'captions', modelName, step, done, total: matched.length } });
      progress('Loading the model', 0);
      await this.deps.loadModel(captionerId, signal);
      const captioned: { path: string; generated: string; references: readonly string[] }[] = [];
      const failed: { path: string; reason: string }[] = [];
      let reused = 0;
      for (const { photo, references: refs } of matched) {
        progress('Captioning photos', captioned.length + failed.length);
        if (!photo.file) {
          failed.push({ path: photo.path, reason: 'captions are evaluated on a picked folder' });
          continue;
        }
        const stored = await this.deps.storedCaption(captionerId, await this.hash(photo.file));
        if (stored !== undefined) {
          reused++;
          captioned.push({ path: photo.path, generated: stored, references: refs });
          continue;
        }
        const image = await this.deps.decodeForCaption(photo.file, signal);
        if ('error' in image) failed.push({ path: photo.path, reason: image.error });
        else {
          const generated = await this.deps.caption(captionerId, image, signal);
          captioned.push({ path: photo.path, generated, references: refs });
        }
      }
      const computed = captioned.length - reused;
      this.store.set({
        captions: captionResult({ modelId: captionerId, modelName, photos: captioned, reused, computed, failed }),
      });
    });
  }

  private async classifyWith(
    modelId: string,
    classes: readonly string[],
    photos: readonly EvalPhoto[],
    choice: TemplateChoice,
    knnK: number,
    splitSettings: SplitSettings,
    signal: AbortSignal,
  ): Promise<ClassificationResult> {
    const spec = findModel(modelId);
    const modelName = spec?.name ?? modelId;
    const progress = (step: string, done: number) =>
      this.store.set({ progress: { task: 'classification', modelName, step, done, total: photos.length } });
    progress('Loading the model', 0);
    await this.deps.loadModel(modelId, signal);
    const templates =
      choice.kind === 'custom' ? choice.templates : spec && 'promptTemplates' in spec ? spec.promptTemplates : ['{}'];

    progress('Embedding the class prompts', 0);
    const prompts = classes.map((c) => buildPrompts(classPromptName(c), templates));
    const textVectors = await this.deps.embedTexts(modelId, prompts.flat(), signal);
    const classEmbeddings = prompts.map((p, c) =>
      embeddingMean(textVectors.slice(c * templates.length, (c + 1) * templates.length)),
    );

    const side = await this.deps.inputSize(modelId);
    const library = photos.some((p) => p.file === null) ? await this.deps.storedEmbeddings(modelId) : null;
    const embedded: { path: string; truth: number; embedding: Float32Array }[] = [];
    const failed: { path: string; reason: string }[] = [];
    let reused = 0;
    let computed = 0;
    for (let start = 0; start < photos.length; start += EVAL_BATCH_SIZE) {
      progress('Embedding photos', start);
      const batch = photos.slice(start, start + EVAL_BATCH_SIZE);
      const vectors: (Float32Array | undefined)[] = [];
      const missing: { index: number; crop: Uint8ClampedArray }[] = [];
      for (const [i, photo] of batch.entries()) {
        signal.throwIfAborted();
        vectors[i] = photo.file
          ? await this.deps.storedEmbedding(modelId, await this.hash(photo.file))
          : library?.get(photo.photoId!);
        if (vectors[i]) {
          reused++;
          continue;
        }
        if (!photo.file) {
          failed.push({ path: photo.path, reason: 'no vector stored for this model (not embedded again)' });
          continue;
        }
        const crop = await this.deps.decodeCrop(photo.file, side, signal);
        if (crop instanceof Uint8ClampedArray) missing.push({ index: i, crop });
        else failed.push({ path: photo.path, reason: crop.error });
      }
      if (missing.length > 0) {
        const computedVectors = await this.deps.embedImages(
          modelId,
          missing.map((m) => m.crop),
          signal,
        );
        missing.forEach((m, j) => (vectors[m.index] = computedVectors[j]));
        computed += missing.length;
      }
      batch.forEach((photo, i) => {
        const embedding = vectors[i];
        if (embedding) embedded.push({ path: photo.path, truth: classes.indexOf(photo.className!), embedding });
      });
    }
    progress('Scoring', photos.length);
    const split = splitStratified(
      embedded.map((p) => p.truth),
      splitSettings,
    );
    const input = splitInputOf(split, embedded, classes.length, DEFAULT_RETRIEVAL_K);
    if (input) {
      const step = `Training the linear probe on ${input.train.labels.length} photos`;
      this.store.set({ progress: { task: 'classification', modelName, step, done: 0, total: 0 } });
    }
    const figures = input && (await this.deps.evaluateSplit(input, signal));
    const map = await this.mapOf(modelName, embedded, splitSettings.seed, signal);
    return classificationResult({
      modelId,
      modelName,
      classes,
      templates,
      photos: embedded,
      classEmbeddings,
      knnK,
      reused,
      computed,
      failed,
      split: splitResult(split, classes, embedded, figures),
      map,
    });
  }

  /** The embedding map of the embedded photos (a seeded sample of them when there are very many). */
  private async mapOf(
    modelName: string,
    embedded: readonly { embedding: Float32Array }[],
    seed: number,
    signal: AbortSignal,
  ): Promise<EmbeddingMap> {
    const indices = mapSample(embedded.length, seed);
    const step = `Drawing the embedding map of ${indices.length} photos`;
    let finished = false;
    // The worker's progress comes on a port of its own, so a last report can arrive after the result: dropped.
    const progress = (done: number, total: number) =>
      finished || this.store.set({ progress: { task: 'classification', modelName, step, done, total } });
    progress(0, 0);
    const vectors = Array.from(indices, (i) => embedded[i]!.embedding);
    const points = await this.deps.projectMap(vectors, seed, progress, signal);
    finished = true;
    return { seed, indices, points };
  }

  private hash(file: File): Promise<string> {
    let hash = this.hashes.get(file);
    if (!hash) {
      hash = this.deps.hashFile(file);
      this.hashes.set(file, hash);
    }
    return hash;
  }

  private async run(body: (signal: AbortSignal) => Promise<void>): Promise<void> {
    if (this.abort) return;
    const abort = new AbortController();
    this.abort = abort;
    this.store.set({ message: null });
    try {
      await body(abort.signal);
    } catch (error) {
      const cancelled = abort.signal.aborted;
      this.store.set({ message: cancelled ? 'Evaluation cancelled.' : `Evaluation stopped: ${describeError(error)}` });
    } finally {
      this.abort = null;
      this.store.set({ progress: null });
      await this.deps.restoreModels().catch(() => undefined);
    }
  }
}
