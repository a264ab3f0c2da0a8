/**
 * ROUGE-L (Lin 2004) as the COCO caption toolkit computes it: with LCS the longest common subsequence of tokens,
 * P = LCS / |candidate| and R = LCS / |reference|; P and R are each maximised over the references (separately, as the
 * toolkit does, not the F of the best single reference), then F = (1 + b^2) P R / (R + b^2 P) with b = 1.2.
 * The corpus score is the mean over samples.
 */

import { captionTokenize, mean, type CaptionSample, type CorpusScore } from './ngrams';

/** The recall weight of the COCO toolkit ("updated based on discussion with Hovey"). */
export const ROUGE_L_BETA = 1.2;

/** Length of the longest common subsequence of two token lists (O(|a| |b|) time, O(|b|) memory). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** ROUGE-L of one candidate against its references, in [0, 1]. */
export function rougeLSentence(candidate: string, references: readonly string[], beta = ROUGE_L_BETA): number {
  const candidateTokens = captionTokenize(candidate);
  if (candidateTokens.length === 0) return 0;
  let precision = 0;
  let recall = 0;
  for (const reference of references) {
    const referenceTokens = captionTokenize(reference);
    if (referenceTokens.length === 0) continue;
    const lcs = lcsLength(candidateTokens, referenceTokens);
    precision = Math.max(precision, lcs / candidateTokens.length);
    recall = Math.max(recall, lcs / referenceTokens.length);
  }
  if (precision === 0 || recall === 0) return 0;
  return ((1 + beta * beta) * precision * recall) / (recall + beta * beta * precision);
}

/** Mean ROUGE-L over the corpus. */
export function rougeLCorpus(samples: readonly CaptionSample[], beta = ROUGE_L_BETA): CorpusScore {
  const perSample = samples.map((sample) => rougeLSentence(sample.candidate, sample.references, beta));
  return { score: mean(perSample), perSample };
}
