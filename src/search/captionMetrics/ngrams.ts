/** Shared pieces of the caption metrics: the sample type, tokenization and n-gram counting. */

import { textTokenize } from '../tokenize';

/** One generated caption and the human references for the same photo. */
export interface CaptionSample {
  candidate: string;
  references: readonly string[];
}

/** A corpus metric's result: the corpus score and each sample's own score. */
export interface CorpusScore {
  score: number;
  perSample: number[];
}

/**
 * Tokens as every caption metric here sees them: `textTokenize` (lowercase, apostrophes dropped, other punctuation
 * to spaces, split on whitespace). The COCO toolkit uses the PTB tokenizer and then drops punctuation; the two agree
 * on ordinary captions but may differ on contractions ("don't" is "dont" here, "do n't" there).
 */
export const captionTokenize = textTokenize;

/** Counts of the n-grams of exactly length `n`, keyed by the tokens joined with a space. */
export function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The mean of a list (0 for an empty list). */
export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
