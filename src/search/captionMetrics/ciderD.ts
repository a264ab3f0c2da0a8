/**
 * CIDEr-D (Vedantam et al. 2015) exactly as the COCO caption toolkit's `cider_scorer.py` computes it:
 * - n = 1..4; each sentence becomes, per n, a vector of TF-IDF weights tf(g) * (log(N) - log(max(1, df(g)))),
 *   tf the raw count, N the number of samples (photos) and df(g) the number of samples whose references contain g.
 *   The IDF is therefore computed over the references of the corpus being scored: it needs N >= 2 (log 1 = 0).
 * - per reference and n: sum over candidate n-grams of min(cand, ref) * ref (clipping), divided by both norms
 *   (0 when either norm is 0), times exp(-delta^2 / (2 * 6^2)), delta the difference in length counted in bigrams
 *   (as the toolkit does; equal to the word-count difference for sentences of two or more words).
 * - a sample's score is the mean over n, averaged over its references, times 10. The corpus score is the mean.
 */

import { captionTokenize, mean, ngramCounts, type CaptionSample, type CorpusScore } from './ngrams';

export const CIDER_D_SIGMA = 6;
export const CIDER_D_MAX_N = 4;

interface TfIdf {
  vectors: Map<string, number>[]; // per n
  norms: number[];
  bigramCount: number;
}

/** CIDEr-D of every sample against its own references, with IDF from the references of the whole corpus. */
export function ciderDCorpus(samples: readonly CaptionSample[], sigma = CIDER_D_SIGMA): CorpusScore {
  const counts = (text: string) => {
    const tokens = captionTokenize(text);
    return Array.from({ length: CIDER_D_MAX_N }, (_, n) => ngramCounts(tokens, n + 1));
  };
  const candidates = samples.map((sample) => counts(sample.candidate));
  const references = samples.map((sample) => sample.references.map(counts));

  const documentFrequency = new Map<string, number>();
  for (const sampleReferences of references) {
    const seen = new Set<string>();
    for (const perN of sampleReferences) for (const grams of perN) for (const gram of grams.keys()) seen.add(gram);
    for (const gram of seen) documentFrequency.set(gram, (documentFrequency.get(gram) ?? 0) + 1);
  }
  const logN = Math.log(samples.length);
  const tfIdf = (perN: Map<string, number>[]): TfIdf => {
    const vectors = perN.map((grams) => {
      const vector = new Map<string, number>();
      for (const [gram, tf] of grams)
        vector.set(gram, tf * (logN - Math.log(Math.max(1, documentFrequency.get(gram) ?? 0))));
      return vector;
    });
    const norms = vectors.map((vector) => Math.sqrt([...vector.values()].reduce((sum, w) => sum + w * w, 0)));
    const bigramCount = [...(perN[1]?.values() ?? [])].reduce((a, b) => a + b, 0);
    return { vectors, norms, bigramCount };
  };

  const perSample = candidates.map((candidateCounts, s) => {
    const candidate = tfIdf(candidateCounts);
    const sampleReferences = references[s]!;
    if (sampleReferences.length === 0) return 0;
    let total = 0;
    for (const referenceCounts of sampleReferences) total += mean(similarity(candidate, tfIdf(referenceCounts), sigma));
    return (total / sampleReferences.length) * 10;
  });
  return { score: mean(perSample), perSample };
}

/** Per-n clipped cosine of two TF-IDF vectors times the Gaussian length penalty. */
function similarity(candidate: TfIdf, reference: TfIdf, sigma: number): number[] {
  const delta = candidate.bigramCount - reference.bigramCount;
  const penalty = Math.exp(-(delta * delta) / (2 * sigma * sigma));
  return candidate.vectors.map((vector, n) => {
    const denominator = candidate.norms[n]! * reference.norms[n]!;
    if (denominator === 0) return 0;
    let dot = 0;
    for (const [gram, weight] of vector) {
      const referenceWeight = reference.vectors[n]!.get(gram) ?? 0;
      dot += Math.min(weight, referenceWeight) * referenceWeight;
    }
    return (dot / denominator) * penalty;
  });
}
