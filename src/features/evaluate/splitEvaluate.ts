/**
 * The evaluators that need a train/validation split (TTI-Eval's linear probe and image-to-image retrieval), over
 * vectors the evaluation already has. Pure, so it runs in the probe worker (`probe.worker.ts`) and in Node.
 */

import {
  classificationReport,
  predictionsTiesMiss,
  type ClassificationReport,
} from '../../search/classificationMetrics';
import { probeProbabilityRows, probeTrain } from '../../search/linearProbe';
import { retrievalImageToImage } from '../../search/retrieval';

export interface SplitHalf {
  readonly vectors: readonly Float32Array[];
  readonly labels: readonly number[];
}

export interface SplitInput {
  readonly classCount: number;
  readonly train: SplitHalf;
  readonly validation: SplitHalf;
  /** Neighbours for retrieval, capped by the validation set and each class as the math does. */
  readonly retrievalK: number;
}

/** The probe on the validation photos: a report like the zero-shot one, and each photo's answer. */
export interface ProbeFigures {
  readonly report: ClassificationReport;
  /** Per validation photo (in `validation` order): the predicted class and its probability. */
  readonly predicted: readonly number[];
  readonly confidence: readonly number[];
  readonly iterations: number;
  readonly converged: boolean;
}

export interface RetrievalFigures {
  readonly k: number;
  readonly mean: number;
  /** Mean share of same-class neighbours over each class's training photos; null when it has none. */
  readonly perClass: readonly (number | null)[];
  readonly neighboursPerClass: readonly number[];
}

export interface SplitFigures {
  readonly probe: ProbeFigures;
  readonly retrieval: RetrievalFigures;
}

/** What the probe worker exposes (comlink). */
export interface ProbeApi {
  splitEvaluate(input: SplitInput): SplitFigures;
}

/** Trains the probe on the training half, scores the validation half, and runs retrieval train -> validation. */
export function splitEvaluate(input: SplitInput): SplitFigures {
  const { classCount, train, validation } = input;
  const probe = probeTrain(train.vectors, train.labels, classCount);
  const rows = probeProbabilityRows(probe, validation.vectors);
  const predicted = predictionsTiesMiss(validation.labels, rows);
  const retrieval = retrievalImageToImage(train, validation, classCount, input.retrievalK);
  return {
    probe: {
      report: classificationReport(validation.labels, rows, classCount),
      predicted,
      confidence: predicted.map((p, i) => rows[i]![p]!),
      iterations: probe.iterations,
      converged: probe.converged,
    },
    retrieval: {
      k: retrieval.k,
      mean: retrieval.mean,
      perClass: retrieval.perClass,
      neighboursPerClass: retrieval.neighboursPerClass,
    },
  };
}
