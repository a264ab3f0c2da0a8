/**
 * A linear probe: L2-regularized logistic regression on stored image vectors, with scikit-learn's
 * `LogisticRegression` objective (TTI-Eval's linear-probe evaluator), solved by L-BFGS:
 *   minimize  (1/N) sum_i [logsumexp(z_i) - z_i,y_i]  +  |W|^2 / (2 C N),   z_i = W x_i + b  (b not penalized).
 * Three or more classes: multinomial (softmax over one weight row a class). Two classes: binary logistic regression
 * (one weight row; class 0's row is fixed at zero), which is what scikit-learn fits for two classes.
 * Classes in [0, classCount) with no training photo get probability 0, as scikit-learn knows only the classes it saw.
 */

import {
  WASM_PAGE_BYTES,
  kernelCreate,
  kernelInt16Limit,
  layoutDotsRows,
  layoutRowOffset,
  scanLayout,
  type RowMemory,
  type ScanKernel,
  type ScanLayout,
} from './kernel/kernel';
import { probeKernelSupported, probeProductsCreate } from './kernel/probeKernel';
import { lbfgsMinimize } from './lbfgs';
import type { EmbeddingBlock } from './quantize';

/** A trained probe. weights[k * dims + j] is class k's weight on dimension j (zero rows for unseen classes). */
export interface LinearProbe {
  classCount: number;
  dims: number;
  weights: Float64Array;
  intercepts: Float64Array;
  /** Whether each class had training photos; an unseen class is never predicted. */
  seen: boolean[];
  iterations: number;
  converged: boolean;
}

export interface ProbeTrainOptions {
  /** Inverse regularization strength, scikit-learn's C (default 1). */
  c?: number;
  /** Default 1000 (scikit-learn's default is 100, which often stops before the optimum on CLIP vectors). */
  maxIterations?: number;
  /** Largest gradient component at which training stops (scikit-learn's `tol`, default 1e-4). */
  tolerance?: number;
  /** The matrix products in WASM SIMD where it runs (default), or the plain-JS loops (their tested twin). */
  kernel?: 'simd' | 'js';
}

/** Trains a probe on `vectors[i]` (any float rows, e.g. dequantized stored rows) labelled `labels[i]`. */
export function probeTrain(
  vectors: readonly ArrayLike<number>[],
  labels: readonly number[],
  classCount: number,
  options: ProbeTrainOptions = {},
): LinearProbe {
  const { c = 1, maxIterations = 1000, tolerance = 1e-4, kernel = 'simd' } = options;
  if (vectors.length !== labels.length)
    throw new RangeError(`probeTrain: ${vectors.length} vectors, ${labels.length} labels`);
  const count = vectors.length;
  const dims = count === 0 ? 0 : vectors[0]!.length;
  const seen = new Array<boolean>(classCount).fill(false);
  for (const label of labels) {
    if (!(Number.isInteger(label) && label >= 0 && label < classCount))
      throw new RangeError(`probeTrain: class ${label}`);
    seen[label] = true;
  }
  const classes = seen.flatMap((isSeen, k) => (isSeen ? [k] : []));
  if (classes.length < 2) throw new RangeError('probeTrain: needs photos of at least two classes');

  const data = new Float32Array(count * dims);
  vectors.forEach((vector, i) => {
    if (vector.length !== dims) throw new RangeError(`probeTrain: vector ${i} has ${vector.length} dims, not ${dims}`);
    data.set(vector, i * dims);
  });
  const target = Int32Array.from(labels, (label) => classes.indexOf(label));
  const solved = classes.length; // classes in the model
  const free = solved === 2 ? 1 : solved; // rows optimized: binary keeps row 0 at zero
  const lambda = 1 / (c * count);
  const objective =
    kernel === 'simd' && probeKernelSupported()
      ? softmaxObjectiveSimd(data, target, dims, solved, free, lambda)
      : softmaxObjective(data, target, dims, solved, free, lambda);
  const result = lbfgsMinimize(objective, new Float64Array(free * (dims + 1)), {
    maxIterations,
    gradientTolerance: tolerance,
  });

  const weights = new Float64Array(classCount * dims);
  const intercepts = new Float64Array(classCount);
  const firstFree = solved - free;
  for (let f = 0; f < free; f++) {
    const k = classes[firstFree + f]!;
    weights.set(result.x.subarray(f * dims, (f + 1) * dims), k * dims);
    intercepts[k] = result.x[free * dims + f]!;
  }
  return { classCount, dims, weights, intercepts, seen, iterations: result.iterations, converged: result.converged };
}

/**
 * The objective and gradient over parameters [W (free x dims), b (free)], one pass over the data: mean
 * cross-entropy plus (lambda / 2) |W|^2. With free = solved - 1 the first class's logit is fixed at 0.
 */
function softmaxObjective(
  data: Float32Array,
  target: Int32Array,
  dims: number,
  solved: number,
  free: number,
  lambda: number,
): (x: Float64Array, gradient: Float64Array) => number {
  const count = target.length;
  const offset = solved - free;
  const logits = new Float64Array(solved);
  const residuals = new Float64Array(free);
  return (x, gradient) => {
    gradient.fill(0);
    let loss = 0;
    for (let i = 0; i < count; i++) {
      const row = i * dims;
      let max = 0;
      logitsInto(x, free, dims, data, row, logits, offset);
      if (offset === 1) logits[0] = 0;
      for (let k = 0; k < solved; k++) if (k === 0 || logits[k]! > max) max = logits[k]!;
      let sum = 0;
      for (let k = 0; k < solved; k++) sum += Math.exp(logits[k]! - max);
      const logSum = max + Math.log(sum);
      loss += logSum - logits[target[i]!]!;
      for (let f = 0; f < free; f++) {
        const k = offset + f;
        residuals[f] = (Math.exp(logits[k]! - logSum) - (target[i] === k ? 1 : 0)) / count;
        gradient[free * dims + f]! += residuals[f]!;
      }
      residualsInto(residuals, free, dims, data, row, gradient);
    }
    let squares = 0;
    for (let j = 0; j < free * dims; j++) {
      squares += x[j]! * x[j]!;
      gradient[j]! += lambda * x[j]!;
    }
    return loss / count + (lambda / 2) * squares;
  };
}

/**
 * The same objective with both matrix products (all logits, then residualsᵀ X) in one kernel call each; the
 * softmax, the loss and the intercepts' gradient stay here, in the same float64 arithmetic.
 */
function softmaxObjectiveSimd(
  data: Float32Array,
  target: Int32Array,
  dims: number,
  solved: number,
  free: number,
  lambda: number,
): (x: Float64Array, gradient: Float64Array) => number {
  const count = target.length;
  const offset = solved - free;
  const products = probeProductsCreate(data, count, dims, free);
  const { weights, logits: z, gradient: g, stride } = products;
  const logits = new Float64Array(solved);
  return (x, gradient) => {
    for (let f = 0; f < free; f++) weights.set(x.subarray(f * dims, (f + 1) * dims), f * stride);
    products.computeLogits();
    gradient.fill(0);
    let loss = 0;
    for (let i = 0; i < count; i++) {
      const at = i * free;
      for (let f = 0; f < free; f++) logits[offset + f] = z[at + f]! + x[free * dims + f]!;
      if (offset === 1) logits[0] = 0;
      let max = logits[0]!;
      for (let k = 1; k < solved; k++) if (logits[k]! > max) max = logits[k]!;
      let sum = 0;
      for (let k = 0; k < solved; k++) sum += Math.exp(logits[k]! - max);
      const logSum = max + Math.log(sum);
      loss += logSum - logits[target[i]!]!;
      for (let f = 0; f < free; f++) {
        const k = offset + f;
        const residual = (Math.exp(logits[k]! - logSum) - (target[i] === k ? 1 : 0)) / count;
        z[at + f] = residual;
        gradient[free * dims + f]! += residual;
      }
    }
    products.computeGradient();
    let squares = 0;
    for (let f = 0; f < free; f++) {
      for (let j = 0; j < dims; j++) {
        const w = x[f * dims + j]!;
        squares += w * w;
        gradient[f * dims + j] = g[f * stride + j]! + lambda * w;
      }
    }
    return loss / count + (lambda / 2) * squares;
  };
}

/** Probabilities of each class for one float vector (softmax of the logits; unseen classes 0). */
export function probeProbabilities(probe: LinearProbe, vector: ArrayLike<number>): Float64Array {
  const logits = new Float64Array(probe.classCount);
  for (let k = 0; k < probe.classCount; k++) {
    let z = probe.intercepts[k]!;
    for (let j = 0; j < probe.dims; j++) z += probe.weights[k * probe.dims + j]! * vector[j]!;
    logits[k] = z;
  }
  return softmaxSeen(logits, probe.seen);
}

/** Probability rows for many vectors (the `scoreRows` that `classificationReport` takes). */
export function probeProbabilityRows(probe: LinearProbe, vectors: readonly ArrayLike<number>[]): Float64Array[] {
  return vectors.map((vector) => probeProbabilities(probe, vector));
}

/** Each labelled row's most probable class and its probability. */
export interface ProbeLabels {
  predicted: Int32Array;
  probability: Float32Array;
  /** The winner's logit minus the best other class's (two classes: |logit_1 - logit_0|, as teach.ts reads it). */
  margin: Float32Array;
}

/**
 * Labels every stored row straight from int8 blocks (no dequantized copy) with the scan kernel (WASM SIMD, or its
 * plain-JS twin): the rows are laid out once in a kernel memory of their own, then `probeLabelRows`.
 */
export function probeLabelBlocks(
  probe: LinearProbe,
  blocks: readonly EmbeddingBlock[],
  prefer: 'simd' | 'js' = 'simd',
): ProbeLabels {
  const total = blocks.reduce((sum, block) => sum + block.count, 0);
  const classes = probe.seen.filter(Boolean).length;
  const layout = scanLayout(probe.dims, { slots: 1, maxQueries: classes, outputBytes: LABEL_OUTPUT_BYTES });
  const bytes = layoutRowOffset(layout, total);
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / WASM_PAGE_BYTES) + 1, maximum: 65536 });
  const codes = new Int8Array(memory.buffer);
  const view = new DataView(memory.buffer);
  let at = 0;
  for (const block of blocks) {
    if (block.dims !== probe.dims)
      throw new RangeError(`probeLabelBlocks: block of ${block.dims} dims, probe ${probe.dims}`);
    for (let r = 0; r < block.count; r++, at++) {
      const offset = layoutRowOffset(layout, at);
      codes.set(block.codes.subarray(r * block.dims, (r + 1) * block.dims), offset);
      view.setFloat32(offset + layout.stride - 4, block.scales[r]!, true);
    }
  }
  return probeLabelRows(probe, kernelCreate(memory, layout, prefer), memory, layout, 0, total);
}

/** Rows a kernel call covers when labelling (the output area holds one row's dots a class, plus its length). */
const LABEL_OUTPUT_BYTES = 1 << 20;

/**
 * Labels rows [0, count) of a scan-kernel memory (as the search worker keeps them): the probe's weight rows go in
 * as int16 queries (one scale a class: within 1/65,534 of the class's largest weight), and the logit of row r is
 * b_k + scale_r * scale_k * (codes_r . q_k). Ties to the lower class index.
 */
export function probeLabelRows(
  probe: LinearProbe,
  kernel: ScanKernel,
  memory: RowMemory,
  layout: ScanLayout,
  slot: number,
  count: number,
): ProbeLabels {
  if (layout.dims !== probe.dims)
    throw new RangeError(`probeLabelRows: rows of ${layout.dims} dims, probe ${probe.dims}`);
  const classes = probe.seen.flatMap((isSeen, k) => (isSeen ? [k] : []));
  const limit = kernelInt16Limit(probe.dims);
  const weightScales = new Float64Array(classes.length);
  const queries = classes.map((k, q) => {
    const row = probe.weights.subarray(k * probe.dims, (k + 1) * probe.dims);
    let max = 0;
    for (const w of row) max = Math.max(max, Math.abs(w));
    weightScales[q] = max / limit;
    return Int16Array.from(row, (w) => (max === 0 ? 0 : Math.round((w / max) * limit)));
  });
  kernel.setQueries(slot, queries);
  const predicted = new Int32Array(count);
  const probability = new Float32Array(count);
  const margin = new Float32Array(count);
  const intercepts = Float64Array.from(classes, (k) => probe.intercepts[k]!);
  const logits = new Float64Array(classes.length);
  const per = classes.length + 1;
  const step = layoutDotsRows(layout, classes.length);
  for (let start = 0; start < count; start += step) {
    const end = Math.min(count, start + step);
    const dots = kernel.dots(slot, classes.length, start, end);
    const scales = new Float32Array(memory.buffer);
    for (let row = start; row < end; row++) {
      const scale = scales[(layoutRowOffset(layout, row) + layout.stride - 4) >> 2]!;
      const at = (row - start) * per;
      let best = 0;
      for (let q = 0; q < classes.length; q++) {
        logits[q] = intercepts[q]! + scale * weightScales[q]! * dots[at + q]!;
        if (logits[q]! > logits[best]!) best = q;
      }
      let sum = 0;
      let runnerUp = -Infinity;
      for (let q = 0; q < classes.length; q++) {
        sum += Math.exp(logits[q]! - logits[best]!);
        if (q !== best && logits[q]! > runnerUp) runnerUp = logits[q]!;
      }
      predicted[row] = classes[best]!;
      probability[row] = 1 / sum;
      margin[row] = logits[best]! - runnerUp;
    }
  }
  return { predicted, probability, margin };
}

function softmaxSeen(logits: Float64Array, seen: readonly boolean[]): Float64Array {
  let max = -Infinity;
  logits.forEach((z, k) => {
    if (seen[k] && z > max) max = z;
  });
  const out = new Float64Array(logits.length);
  let sum = 0;
  logits.forEach((z, k) => {
    if (seen[k]) sum += out[k] = Math.exp(z - max);
  });
  for (let k = 0; k < out.length; k++) out[k]! /= sum;
  return out;
}

/**
 * logits[offset + f] = x_W[f] . data[row..row+dims) + x_b[f] for each of the `free` weight rows of `x`. Four rows at
 * a time, so each data value is loaded once for four multiply-adds (about 1.5x faster than one row at a time).
 */
function logitsInto(
  x: Float64Array,
  free: number,
  dims: number,
  data: Float32Array,
  row: number,
  logits: Float64Array,
  offset: number,
): void {
  let f = 0;
  for (; f + 4 <= free; f += 4) {
    const a = f * dims;
    const b = a + dims;
    const c = b + dims;
    const d = c + dims;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < dims; j++) {
      const v = data[row + j]!;
      s0 += x[a + j]! * v;
      s1 += x[b + j]! * v;
      s2 += x[c + j]! * v;
      s3 += x[d + j]! * v;
    }
    logits[offset + f] = s0 + x[free * dims + f]!;
    logits[offset + f + 1] = s1 + x[free * dims + f + 1]!;
    logits[offset + f + 2] = s2 + x[free * dims + f + 2]!;
    logits[offset + f + 3] = s3 + x[free * dims + f + 3]!;
  }
  for (; f < free; f++) {
    const a = f * dims;
    let s = 0;
    for (let j = 0; j < dims; j++) s += x[a + j]! * data[row + j]!;
    logits[offset + f] = s + x[free * dims + f]!;
  }
}

/** gradient_W[f] += residuals[f] * data[row..row+dims) for each weight row, four rows at a time. */
function residualsInto(
  residuals: Float64Array,
  free: number,
  dims: number,
  data: Float32Array,
  row: number,
  gradient: Float64Array,
): void {
  let f = 0;
  for (; f + 4 <= free; f += 4) {
    const a = f * dims;
    const b = a + dims;
    const c = b + dims;
    const d = c + dims;
    const r0 = residuals[f]!;
    const r1 = residuals[f + 1]!;
    const r2 = residuals[f + 2]!;
    const r3 = residuals[f + 3]!;
    for (let j = 0; j < dims; j++) {
      const v = data[row + j]!;
      gradient[a + j]! += r0 * v;
      gradient[b + j]! += r1 * v;
      gradient[c + j]! += r2 * v;
      gradient[d + j]! += r3 * v;
    }
  }
  for (; f < free; f++) {
    const a = f * dims;
    const r = residuals[f]!;
    for (let j = 0; j < dims; j++) gradient[a + j]! += r * data[row + j]!;
  }
}
