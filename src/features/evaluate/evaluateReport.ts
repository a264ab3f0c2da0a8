/**
 * Turns embeddings and captions into an evaluation report (TTI-Eval style) and the report into CSV.
 * Pure: the math is in src/search; this file decides what is reported and how it is labelled.
 */

import {
  classificationReport,
  knnLeaveOneOutPredictions,
  accuracy,
  type ClassificationReport,
} from '../../search/classificationMetrics';
import { bleuCorpus, captionTokenize, ciderDCorpus, meteorCorpus, rougeLCorpus } from '../../search/captionMetrics';
import type { StratifiedSplit } from '../../search/split';
import { embedderScoring } from '../../engine/models';
import { classifySingle } from '../../search/zeroShot';
import { csvFormat } from '../../shared/csv';
import type { EmbeddingMap } from './embeddingMap';
import type { ProbeFigures, RetrievalFigures, SplitFigures, SplitInput } from './splitEvaluate';

/** One photo's zero-shot answer. */
export interface PhotoPrediction {
  readonly path: string;
  readonly truth: number;
  readonly predicted: number;
  /** The model's probability of the predicted class: its own scoring (CLIP's softmax, SigLIP's sigmoid). */
  readonly confidence: number;
  /** Cosine between the photo and the predicted class's prompt embedding. */
  readonly cosine: number;
  /** The photo's class by leave-one-out k-NN over the other photos' embeddings. */
  readonly knnPredicted: number;
}

/** Everything reported for one embedding model on one labelled set. */
export interface ClassificationResult {
  readonly modelId: string;
  readonly modelName: string;
  readonly classes: readonly string[];
  readonly templates: readonly string[];
  readonly report: ClassificationReport;
  /** k as used: the requested k, capped at the smallest class's size - 1. */
  readonly knn: { readonly k: number; readonly accuracy: number };
  readonly photos: readonly PhotoPrediction[];
  /** Photo embeddings read from the library vs computed for this run. */
  readonly reused: number;
  readonly computed: number;
  /** Photos that could not be decoded or embedded (left out of every figure). */
  readonly failed: readonly { path: string; reason: string }[];
  /** The train/validation split and the figures on it (linear probe, retrieval); null when not run. */
  readonly split: SplitResult | null;
  /** The 2D embedding map of the photos (UMAP); null when not drawn. */
  readonly map: EmbeddingMap | null;
}

/** One validation photo's answer from the linear probe. */
export interface ProbePhoto {
  readonly path: string;
  readonly truth: number;
  readonly predicted: number;
  /** The probe's probability of the predicted class. */
  readonly confidence: number;
}

/**
 * The split (zero-shot and k-NN train nothing, so they are on all photos; the probe and retrieval are on this):
 * the probe is trained on the training half and scored on the validation half; retrieval queries with each training
 * photo and retrieves from the validation half.
 */
export interface SplitResult {
  readonly seed: number;
  readonly validationShare: number;
  readonly train: number;
  readonly validation: number;
  /** Classes with fewer than 2 photos: in the zero-shot figures, not evaluated by the probe or retrieval. */
  readonly tooSmall: readonly string[];
  /** Null when fewer than two classes have photos in both halves. */
  readonly probe: (ProbeFigures & { readonly photos: readonly ProbePhoto[] }) | null;
  readonly retrieval: RetrievalFigures | null;
}

/** Indices of the classes the split evaluates: all but those too small to split. */
export function splitClasses(classes: readonly string[], split: SplitResult): number[] {
  return classes.flatMap((name, c) => (split.tooSmall.includes(name) ? [] : [c]));
}

/** The probe's and retrieval's input from the split of the embedded photos, or null with fewer than two classes. */
export function splitInputOf(
  split: StratifiedSplit,
  photos: readonly { truth: number; embedding: Float32Array }[],
  classCount: number,
  retrievalK: number,
): SplitInput | null {
  const half = (indices: readonly number[]) => ({
    vectors: indices.map((i) => photos[i]!.embedding),
    labels: indices.map((i) => photos[i]!.truth),
  });
  const train = half(split.train);
  if (new Set(train.labels).size < 2) return null;
  return { classCount, train, validation: half(split.validation), retrievalK };
}

/** The split's part of the report: sizes, the classes left out, and the figures on it (null: not evaluated). `photos` are the embedded photos the split indexes. */
export function splitResult(
  split: StratifiedSplit,
  classes: readonly string[],
  photos: readonly { path: string; truth: number }[],
  figures: SplitFigures | null,
): SplitResult {
  return {
    seed: split.seed,
    validationShare: split.validationShare,
    train: split.train.length,
    validation: split.validation.length,
    tooSmall: split.tooSmall.map((s) => classes[s.label]!),
    probe: figures && {
      ...figures.probe,
      photos: split.validation.map((i, v) => ({
        path: photos[i]!.path,
        truth: photos[i]!.truth,
        predicted: figures.probe.predicted[v]!,
        confidence: figures.probe.confidence[v]!,
      })),
    },
    retrieval: figures && figures.retrieval,
  };
}

/** Inputs of `classificationResult`: one embedding per photo (same order as `photos`) and one per class. */
export interface ClassificationInput {
  readonly modelId: string;
  readonly modelName: string;
  readonly classes: readonly string[];
  readonly templates: readonly string[];
  readonly photos: readonly { path: string; truth: number; embedding: ArrayLike<number> }[];
  readonly classEmbeddings: readonly ArrayLike<number>[];
  readonly knnK: number;
  readonly reused: number;
  readonly computed: number;
  readonly failed: readonly { path: string; reason: string }[];
  readonly split?: SplitResult;
  readonly map?: EmbeddingMap;
}

/** Top-1/top-5, confusion, per-class and macro figures, and k-NN accuracy for one model. */
export function classificationResult(input: ClassificationInput): ClassificationResult {
  const { photos, classEmbeddings, classes } = input;
  const answers = photos.map((p) =>
    classifySingle(p.embedding, classEmbeddings, { scoring: embedderScoring(input.modelId), minConfidence: 0 }),
  );
  const truths = photos.map((p) => p.truth);
  const report = classificationReport(
    truths,
    answers.map((a) => a.cosines),
    classes.length,
  );
  // Capped at the smallest class's size - 1: beyond it, a photo's own class cannot win the vote even when every
  // photo sits right next to its classmates.
  const smallestClass = Math.min(...classes.map((_, c) => truths.filter((t) => t === c).length).filter((n) => n > 0));
  const k = Math.max(1, Math.min(input.knnK, photos.length - 1, smallestClass - 1));
  const knnPredicted =
    photos.length > 1
      ? Array.from(
          knnLeaveOneOutPredictions(
            photos.map((p) => p.embedding),
            truths,
            k,
          ),
        )
      : truths.map(() => -1);
  return {
    modelId: input.modelId,
    modelName: input.modelName,
    classes,
    templates: input.templates,
    report,
    knn: { k, accuracy: photos.length > 1 ? accuracy(truths, knnPredicted) : 0 },
    photos: photos.map((p, i) => {
      const predicted = answers[i]!.label ?? 0;
      return {
        path: p.path,
        truth: p.truth,
        predicted,
        confidence: answers[i]!.probabilities[predicted] ?? 0,
        cosine: answers[i]!.cosines[predicted] ?? 0,
        knnPredicted: knnPredicted[i]!,
      };
    }),
    reused: input.reused,
    computed: input.computed,
    failed: input.failed,
    split: input.split ?? null,
    map: input.map ?? null,
  };
}

/** One photo's generated caption against its references, with its own scores. */
export interface CaptionedPhoto {
  readonly path: string;
  readonly generated: string;
  readonly references: readonly string[];
  readonly rougeL: number;
  readonly meteor: number;
  readonly ciderD: number;
}

/** The set's caption metrics. */
export interface CaptionMetrics {
  /** BLEU-1..4 with effective order (see `effectiveBleu`). */
  readonly bleu: readonly number[];
  /** BLEU-1..4 without it: an order with no n-grams at all scores 0 (src/search's `bleuCorpus`). */
  readonly bleuStrict: readonly number[];
  /** The highest n-gram order any generated caption has (BLEU-n above it uses this order instead). */
  readonly effectiveOrder: number;
  readonly rougeL: number;
  readonly meteor: number;
  readonly ciderD: number;
}

export interface CaptionResult {
  readonly modelId: string;
  readonly modelName: string;
  readonly metrics: CaptionMetrics;
  readonly photos: readonly CaptionedPhoto[];
  readonly reused: number;
  readonly computed: number;
  readonly failed: readonly { path: string; reason: string }[];
}

/**
 * BLEU-n with sacreBLEU's effective order: when no generated caption has n words, order n has no n-grams to be
 * right or wrong about, so BLEU-n is the geometric mean over the orders that exist (BLEU-4 of a set of three-word
 * captions is its BLEU-3). Any order that exists and has no match still gives 0.
 */
export function effectiveBleu(strict: readonly number[], longestCandidate: number): number[] {
  return strict.map((_, i) => {
    const order = Math.min(i + 1, longestCandidate);
    return order === 0 ? 0 : strict[order - 1]!;
  });
}

/** Corpus BLEU-1..4, ROUGE-L, METEOR and CIDEr-D of generated captions against their references. */
export function captionResult(input: {
  modelId: string;
  modelName: string;
  photos: readonly { path: string; generated: string; references: readonly string[] }[];
  reused: number;
  computed: number;
  failed: readonly { path: string; reason: string }[];
}): CaptionResult {
  const samples = input.photos.map((p) => ({ candidate: p.generated, references: p.references }));
  const bleuStrict = bleuCorpus(samples, 4);
  const effectiveOrder = Math.min(4, Math.max(0, ...samples.map((s) => captionTokenize(s.candidate).length)));
  const rouge = rougeLCorpus(samples);
  const meteor = meteorCorpus(samples);
  const cider = ciderDCorpus(samples);
  return {
    modelId: input.modelId,
    modelName: input.modelName,
    metrics: {
      bleu: effectiveBleu(bleuStrict, effectiveOrder),
      bleuStrict,
      effectiveOrder,
      rougeL: rouge.score,
      meteor: meteor.score,
      ciderD: samples.length > 0 ? cider.score : 0,
    },
    photos: input.photos.map((p, i) => ({
      ...p,
      rougeL: rouge.perSample[i] ?? 0,
      meteor: meteor.perSample[i] ?? 0,
      ciderD: cider.perSample[i] ?? 0,
    })),
    reused: input.reused,
    computed: input.computed,
    failed: input.failed,
  };
}

const CSV_COLUMNS = [
  'task',
  'model',
  'file',
  'truth',
  'prediction',
  'score',
  'correct',
  'rouge_l',
  'meteor',
  'cider_d',
  'metric',
  'value',
] as const;
type CsvRow = Partial<Record<(typeof CSV_COLUMNS)[number], string | number>>;

const fixed = (v: number) => Number(v.toFixed(6));

/**
 * The report as one flat CSV: a row per photo and model (classification: truth, prediction, confidence; captions:
 * references joined with " | ", the generated caption, per-photo scores), then a row per summary figure.
 */
export function reportCsv(classification: readonly ClassificationResult[], captions: CaptionResult | null): string {
  const rows: CsvRow[] = [];
  const photoRow = (task: string, r: ClassificationResult, p: ProbePhoto): CsvRow => ({
    task,
    model: r.modelId,
    file: p.path,
    truth: r.classes[p.truth],
    prediction: r.classes[p.predicted],
    score: fixed(p.confidence),
    correct: p.truth === p.predicted ? 1 : 0,
  });
  for (const r of classification) for (const p of r.photos) rows.push(photoRow('classification', r, p));
  for (const r of classification) {
    for (const p of r.split?.probe?.photos ?? []) rows.push(photoRow('linear_probe', r, p));
  }
  // The embedding map: a photo's x and y (UMAP's own units), with its class.
  for (const r of classification) {
    r.map?.indices.forEach((index, m) => {
      const p = r.photos[index]!;
      const row = { task: 'map', model: r.modelId, file: p.path, truth: r.classes[p.truth] };
      rows.push({ ...row, metric: 'x', value: fixed(r.map!.points[2 * m]!) });
      rows.push({ ...row, metric: 'y', value: fixed(r.map!.points[2 * m + 1]!) });
    });
    if (r.map) rows.push({ task: 'map', model: r.modelId, metric: 'seed', value: r.map.seed });
  }
  if (captions) {
    for (const p of captions.photos) {
      rows.push({
        task: 'captions',
        model: captions.modelId,
        file: p.path,
        truth: p.references.join(' | '),
        prediction: p.generated,
        rouge_l: fixed(p.rougeL),
        meteor: fixed(p.meteor),
        cider_d: fixed(p.ciderD),
      });
    }
  }
  for (const r of classification) {
    const figures: [string, number][] = [
      ['top1', r.report.top1],
      ['top5', r.report.top5],
      ['macro_precision', r.report.macro.precision],
      ['macro_recall', r.report.macro.recall],
      ['macro_f1', r.report.macro.f1],
      [`knn_accuracy_k${r.knn.k}`, r.knn.accuracy],
    ];
    r.classes.forEach((name, c) => {
      const m = r.report.perClass[c]!;
      figures.push([`precision:${name}`, m.precision], [`recall:${name}`, m.recall], [`f1:${name}`, m.f1]);
    });
    for (const [metric, value] of figures)
      rows.push({ task: 'classification', model: r.modelId, metric, value: fixed(value) });
    if (r.split) rows.push(...splitCsvRows(r.modelId, r.classes, r.split));
  }
  if (captions) {
    const m = captions.metrics;
    const figures: [string, number][] = [
      ...m.bleu.map((v, i): [string, number] => [`bleu${i + 1}`, v]),
      ['rouge_l', m.rougeL],
      ['meteor', m.meteor],
      ['cider_d', m.ciderD],
    ];
    for (const [metric, value] of figures)
      rows.push({ task: 'captions', model: captions.modelId, metric, value: fixed(value) });
  }
  return csvFormat([CSV_COLUMNS, ...rows.map((row) => CSV_COLUMNS.map((c) => row[c] ?? ''))]);
}

/** The split (seed, share, sizes, classes left out), then the probe's and retrieval's figures on it. */
function splitCsvRows(model: string, classes: readonly string[], split: SplitResult): CsvRow[] {
  const rows: CsvRow[] = [
    { task: 'split', model, metric: 'seed', value: split.seed },
    { task: 'split', model, metric: 'validation_share', value: fixed(split.validationShare) },
    { task: 'split', model, metric: 'train_photos', value: split.train },
    { task: 'split', model, metric: 'validation_photos', value: split.validation },
    ...split.tooSmall.map((name) => ({ task: 'split', model, metric: `too_few_photos:${name}`, value: 1 })),
  ];
  const { probe, retrieval } = split;
  if (probe) {
    const figures: [string, number][] = [
      ['accuracy', probe.report.top1],
      ['macro_precision', probe.report.macro.precision],
      ['macro_recall', probe.report.macro.recall],
      ['macro_f1', probe.report.macro.f1],
    ];
    splitClasses(classes, split).forEach((c) => {
      const name = classes[c]!;
      const m = probe.report.perClass[c]!;
      figures.push([`precision:${name}`, m.precision], [`recall:${name}`, m.recall], [`f1:${name}`, m.f1]);
    });
    for (const [metric, value] of figures) rows.push({ task: 'linear_probe', model, metric, value: fixed(value) });
  }
  if (retrieval) {
    rows.push({ task: 'retrieval', model, metric: `mean_k${retrieval.k}`, value: fixed(retrieval.mean) });
    classes.forEach((name, c) => {
      const share = retrieval.perClass[c];
      if (share !== null && share !== undefined)
        rows.push({ task: 'retrieval', model, metric: `class:${name}`, value: fixed(share) });
    });
  }
  return rows;
}
