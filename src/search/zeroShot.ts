/**
 * Zero-shot labelling with CLIP-family models: a label is the mean embedding of several prompts ("a photo of a {}."),
 * a photo's label scores are cosines, and single-label decisions go through the model's own scoring: CLIP's scaled
 * softmax over the labels, or SigLIP's per-label sigmoid with the model's learned scale and bias.
 */

import { dotPackedPairInt8, packPairs, quantizeVector, sumSquaresInt8 } from './kernels';
import type { EmbeddingBlock } from './quantize';
import { vectorCosine } from './vector';
import { SEARCH_TUNABLES } from './tunables';

/** Prompt templates for ensembling; "{}" is replaced by the label. A subset of CLIP's ImageNet set, for photos. */
export const DEFAULT_PROMPT_TEMPLATES: readonly string[] = [
  'a photo of a {}.',
  'a photo of the {}.',
  'a close-up photo of a {}.',
  'a bright photo of a {}.',
  'a dark photo of the {}.',
  'a blurry photo of a {}.',
  'a good photo of the {}.',
];
/** CLIP's learned temperature: logits = 100 * cosine (exp of the trained logit_scale, clamped at 100). */
export const CLIP_LOGIT_SCALE = 100;

/**
 * How a model turns image-text cosines into probabilities, as it was trained: CLIP's contrastive loss makes
 * labels compete (softmax over `logitScale * cosine`), SigLIP's sigmoid loss scores each pair on its own
 * (`sigmoid(logitScale * cosine + logitBias)`, the model's learned `exp(logit_scale)` and `logit_bias`).
 */
export type ZeroShotScoring =
  | { readonly kind: 'softmax'; readonly logitScale: number }
  | { readonly kind: 'sigmoid'; readonly logitScale: number; readonly logitBias: number };

/** CLIP's scoring, for callers that do not say which model they score for. */
export const CLIP_SCORING: ZeroShotScoring = { kind: 'softmax', logitScale: CLIP_LOGIT_SCALE };
/** Below this winning probability a single-label photo is "none of these". */
export const DEFAULT_MIN_CONFIDENCE = SEARCH_TUNABLES.minLabelConfidence;

/** The prompts for one label: each template with every "{}" replaced by the label. */
export function buildPrompts(label: string, templates: readonly string[] = DEFAULT_PROMPT_TEMPLATES): string[] {
  return templates.map((template) => {
    if (!template.includes('{}')) throw new RangeError(`buildPrompts: template without "{}": ${template}`);
    return template.replaceAll('{}', label);
  });
}

/**
 * softmax(logitScale * cosines): probabilities summing to 1. Stable for any scale: the largest logit is
 * subtracted before exponentiating, so exp never overflows and at least one term is exactly 1.
 */
export function softmaxWithScale(cosines: ArrayLike<number>, logitScale: number = CLIP_LOGIT_SCALE): Float64Array {
  const out = new Float64Array(cosines.length);
  softmaxInto(cosines, logitScale, out);
  return out;
}

/** A sigmoid that neither overflows nor loses its small values: exp is only taken of a non-positive number. */
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * Each label's probability under the model's scoring: softmax probabilities sum to 1 across the labels; sigmoid
 * ones are independent (a photo can match several labels, or none: all may be near 0).
 */
export function scoringProbabilities(cosines: ArrayLike<number>, scoring: ZeroShotScoring): Float64Array {
  const out = new Float64Array(cosines.length);
  probabilitiesInto(cosines, scoring, out);
  return out;
}

function probabilitiesInto(cosines: ArrayLike<number>, scoring: ZeroShotScoring, out: Float64Array): void {
  if (scoring.kind === 'softmax') return softmaxInto(cosines, scoring.logitScale, out);
  for (let i = 0; i < cosines.length; i++) out[i] = sigmoid(scoring.logitScale * cosines[i]! + scoring.logitBias);
}

/** `softmaxWithScale` writing into `out` (same length), so per-photo loops allocate nothing. */
function softmaxInto(cosines: ArrayLike<number>, logitScale: number, out: Float64Array): void {
  let max = -Infinity;
  for (let i = 0; i < cosines.length; i++) max = Math.max(max, logitScale * cosines[i]!);
  let sum = 0;
  for (let i = 0; i < cosines.length; i++) {
    out[i] = Math.exp(logitScale * cosines[i]! - max);
    sum += out[i]!;
  }
  for (let i = 0; i < cosines.length; i++) out[i]! /= sum;
}

/** How to pick one label: the model's scoring (or just CLIP's softmax temperature), and when to answer "none of these". */
export interface ClassifySingleOptions {
  /** The model's scoring; wins over `logitScale`. Default CLIP's softmax. */
  scoring?: ZeroShotScoring;
  /** Shorthand for a softmax with this temperature (CLIP models). */
  logitScale?: number;
  /** The winner's probability must reach this (default DEFAULT_MIN_CONFIDENCE). */
  minConfidence?: number;
  /** Optionally, the winner's cosine must reach this too: softmax alone cannot say "none" when all labels are bad. */
  minCosine?: number;
}

/** One photo's single-label answer: the label index, or null for "none of these". */
export interface SingleLabelResult {
  label: number | null;
  probabilities: Float64Array;
  cosines: Float64Array;
}

/** Picks the most likely of mutually exclusive labels for one photo, or null when no label is convincing. */
export function classifySingle(
  imageEmbedding: ArrayLike<number>,
  labelEmbeddings: readonly ArrayLike<number>[],
  options: ClassifySingleOptions = {},
): SingleLabelResult {
  const cosines = Float64Array.from(labelEmbeddings, (label) => vectorCosine(imageEmbedding, label));
  const probabilities = new Float64Array(cosines.length);
  const best = decideSingle(cosines, options, probabilities);
  return { label: best < 0 ? null : best, probabilities, cosines };
}

/** One photo's multi-label answer: every label whose cosine reaches its threshold, best first. */
export interface MultiLabelResult {
  labels: number[];
  cosines: Float64Array;
}

/**
 * Assigns every label whose cosine reaches its threshold (one number for all labels, or one per label).
 * Independent thresholds, no softmax: a photo can be both "beach" and "dog", or neither.
 */
export function classifyMulti(
  imageEmbedding: ArrayLike<number>,
  labelEmbeddings: readonly ArrayLike<number>[],
  thresholds: number | readonly number[],
): MultiLabelResult {
  const cosines = Float64Array.from(labelEmbeddings, (label) => vectorCosine(imageEmbedding, label));
  const labels: number[] = [];
  for (let l = 0; l < cosines.length; l++) if (cosines[l]! >= thresholdOf(thresholds, l)) labels.push(l);
  return { labels: labels.sort((a, b) => cosines[b]! - cosines[a]! || a - b), cosines };
}

/** `labelAll` options: single-label (softmax) or multi-label (per-label cosine thresholds). */
export type LabelAllOptions =
  ({ mode: 'single' } & ClassifySingleOptions) | { mode: 'multi'; thresholds: number | readonly number[] };

/** Labels for N stored photos. `cosines` is row-major N x L (photo n, label l at n * L + l). */
export type LabelAllResult = { count: number; labelCount: number; cosines: Float32Array } & (
  | { mode: 'single'; best: Int32Array; confidence: Float32Array } // best -1 = none of these
  | { mode: 'multi'; assigned: Uint8Array } // 1 where photo n gets label l, same layout as cosines
);

/**
 * Labels every stored (int8) photo at once, with the same rules as `classifySingle` / `classifyMulti`.
 * Labels are quantized to int8 like the photos, and two labels share each multiply (`packPairs`), so
 * 10,000 photos x 10 labels x 512 dims is about 26M multiplies: a few tens of milliseconds.
 * Cosines are between the dequantized label and photo, within about 1e-3 of the float cosines.
 */
export function labelAll(
  blocks: readonly EmbeddingBlock[],
  labelEmbeddings: readonly ArrayLike<number>[],
  options: LabelAllOptions,
): LabelAllResult {
  const labelCount = labelEmbeddings.length;
  const dims = labelEmbeddings[0]?.length ?? blocks[0]?.dims ?? 0;
  const count = blocks.reduce((sum, block) => sum + block.count, 0);
  const cosines = new Float32Array(count * labelCount);
  const { codes: labelCodes, norms: labelNorms } = labelQuantize(labelEmbeddings);
  const pairs: Float64Array[] = [];
  for (let l = 0; l < labelCount; l += 2) pairs.push(packPairs(labelCodes[l]!, labelCodes[l + 1]));
  const dots = new Float64Array(pairs.length * 2);
  let n = 0;
  for (const block of blocks) {
    if (block.dims !== dims) throw new RangeError(`labelAll: block has ${block.dims} dims, labels have ${dims}`);
    for (let row = 0; row < block.count; row++, n++) {
      const offset = row * dims;
      const rowNorm = Math.sqrt(sumSquaresInt8(block.codes, offset, dims));
      for (let p = 0; p < pairs.length; p++) dotPackedPairInt8(pairs[p]!, block.codes, offset, dims, dots, 2 * p);
      for (let l = 0; l < labelCount; l++) cosines[n * labelCount + l] = labelCosine(dots[l]!, rowNorm, labelNorms[l]!);
    }
  }
  return labelDecide(cosines, count, labelCount, options);
}

/** The labels as `labelAll` scores them: int8 codes (as photos are stored) and each code vector's length. */
export function labelQuantize(labelEmbeddings: readonly ArrayLike<number>[]): { codes: Int8Array[]; norms: number[] } {
  const codes = labelEmbeddings.map((label) => quantizeVector(label).codes);
  return { codes, norms: codes.map((c) => Math.sqrt(sumSquaresInt8(c, 0, c.length))) };
}

/** A photo-label cosine from the exact int8 dot product and the two code lengths (0 for a zero vector). */
export function labelCosine(dot: number, rowNorm: number, labelNorm: number): number {
  const denominator = rowNorm * labelNorm;
  return denominator === 0 ? 0 : dot / denominator;
}

/**
 * The decisions of `labelAll` from its cosines (row-major count x labelCount, as `LabelAllResult.cosines`), for
 * scans that compute the cosines elsewhere (the search worker's kernel); `cosines` becomes the result's.
 */
export function labelDecide(
  cosines: Float32Array,
  count: number,
  labelCount: number,
  options: LabelAllOptions,
): LabelAllResult {
  return options.mode === 'single'
    ? { mode: 'single', count, labelCount, cosines, ...decideAllSingle(cosines, count, labelCount, options) }
    : { mode: 'multi', count, labelCount, cosines, assigned: decideAllMulti(cosines, count, labelCount, options) };
}

/** The scoring a set of single-label options asks for. */
export function scoringOf(options: ClassifySingleOptions): ZeroShotScoring {
  return options.scoring ?? { kind: 'softmax', logitScale: options.logitScale ?? CLIP_LOGIT_SCALE };
}

/**
 * The single-label rule: the label with the highest cosine (ties to the lower index; both scorings are increasing in
 * the cosine, so it is also the most probable), unless its probability or cosine misses a minimum.
 */
function decideSingle(cosines: Float64Array, options: ClassifySingleOptions, probabilitiesOut: Float64Array): number {
  probabilitiesInto(cosines, scoringOf(options), probabilitiesOut);
  let best = -1;
  for (let l = 0; l < cosines.length; l++) if (best < 0 || cosines[l]! > cosines[best]!) best = l;
  if (best < 0) return -1;
  if (probabilitiesOut[best]! < (options.minConfidence ?? DEFAULT_MIN_CONFIDENCE)) return -1;
  if (options.minCosine !== undefined && cosines[best]! < options.minCosine) return -1;
  return best;
}

function decideAllSingle(cosines: Float32Array, count: number, labelCount: number, options: ClassifySingleOptions) {
  const best = new Int32Array(count);
  const confidence = new Float32Array(count);
  const row = new Float64Array(labelCount);
  const probabilities = new Float64Array(labelCount);
  for (let n = 0; n < count; n++) {
    for (let l = 0; l < labelCount; l++) row[l] = cosines[n * labelCount + l]!;
    best[n] = decideSingle(row, options, probabilities);
    confidence[n] = best[n]! < 0 ? 0 : probabilities[best[n]!]!;
  }
  return { best, confidence };
}

function decideAllMulti(
  cosines: Float32Array,
  count: number,
  labelCount: number,
  options: { thresholds: number | readonly number[] },
) {
  const assigned = new Uint8Array(count * labelCount);
  for (let i = 0; i < assigned.length; i++)
    assigned[i] = cosines[i]! >= thresholdOf(options.thresholds, i % labelCount) ? 1 : 0;
  return assigned;
}

function thresholdOf(thresholds: number | readonly number[], label: number): number {
  if (typeof thresholds === 'number') return thresholds;
  const threshold = thresholds[label];
  if (threshold === undefined) throw new RangeError(`zeroShot: no threshold for label ${label}`);
  return threshold;
}
