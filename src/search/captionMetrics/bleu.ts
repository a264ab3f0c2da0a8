/**
 * Corpus-level BLEU-1..4 (Papineni et al. 2002), as the COCO caption toolkit computes it:
 * clipped n-gram precision summed over the corpus, geometric mean of p_1..p_n with equal weights, and a brevity
 * penalty exp(1 - r/c) when the candidates are shorter than the references, r summing each sample's closest
 * reference length (ties to the shorter). No smoothing: if any p_i is 0 (e.g. no 4-gram matches), BLEU-n is 0.
 * The COCO toolkit instead adds 1e-15 to each match count and 1e-9 to each total, so an order with no match
 * contributes (1e-15 / total)^(1/n) rather than 0: a sentence with p1 = p2 = p3 = 0.5 and none of its 5 4-grams
 * matched gets BLEU-4 = (0.125 * 2e-16)^(1/4) = 7e-5 there, not 0 (and per image such values are averaged in).
 */

import { captionTokenize, ngramCounts, type CaptionSample } from './ngrams';

/** Corpus BLEU-1..maxN, returned as [BLEU-1, ..., BLEU-maxN], each in [0, 1]. */
export function bleuCorpus(samples: readonly CaptionSample[], maxN = 4): number[] {
  const matches = new Array<number>(maxN).fill(0);
  const totals = new Array<number>(maxN).fill(0);
  let candidateLength = 0;
  let referenceLength = 0;
  for (const sample of samples) {
    const candidate = captionTokenize(sample.candidate);
    const references = sample.references.map(captionTokenize);
    candidateLength += candidate.length;
    referenceLength += closestLength(candidate.length, references);
    for (let n = 1; n <= maxN; n++) {
      const maxReferenceCounts = new Map<string, number>();
      for (const reference of references) {
        for (const [gram, count] of ngramCounts(reference, n)) {
          maxReferenceCounts.set(gram, Math.max(count, maxReferenceCounts.get(gram) ?? 0));
        }
      }
      for (const [gram, count] of ngramCounts(candidate, n)) {
        matches[n - 1]! += Math.min(count, maxReferenceCounts.get(gram) ?? 0);
      }
      totals[n - 1]! += Math.max(0, candidate.length - n + 1);
    }
  }
  if (candidateLength === 0) return new Array<number>(maxN).fill(0);
  const brevityPenalty = candidateLength >= referenceLength ? 1 : Math.exp(1 - referenceLength / candidateLength);
  const scores: number[] = [];
  let logSum = 0;
  for (let n = 1; n <= maxN; n++) {
    const precision = totals[n - 1] === 0 ? 0 : matches[n - 1]! / totals[n - 1]!;
    logSum += precision === 0 ? -Infinity : Math.log(precision);
    scores.push(Number.isFinite(logSum) ? brevityPenalty * Math.exp(logSum / n) : 0);
  }
  return scores;
}

/** The reference length closest to the candidate's; on a tie, the shorter one (as the COCO toolkit does). */
function closestLength(candidateLength: number, references: readonly (readonly string[])[]): number {
  let best = Infinity;
  for (const { length } of references) {
    const distance = Math.abs(length - candidateLength);
    const bestDistance = Math.abs(best - candidateLength);
    if (distance < bestDistance || (distance === bestDistance && length < best)) best = length;
  }
  return Number.isFinite(best) ? best : 0;
}
