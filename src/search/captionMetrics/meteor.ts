/**
 * METEOR (Banerjee & Lavie 2005), the original formulation, with exact and stem matching only (no WordNet synonyms,
 * no paraphrases, unlike the METEOR 1.5 jar the COCO toolkit runs, so scores are lower than the toolkit's).
 * Alignment: stage 1 maps identical tokens, stage 2 maps remaining tokens with equal plural stems
 * (`tokenStemPlural`); each stage takes the most mappings and, among those, the fewest crossing mappings (the
 * 2005 rule), then the fewest chunks (the tie-break of later METEOR versions).
 * Score: Fmean = 10 P R / (R + 9 P), penalty = 0.5 (chunks / matches)^3, METEOR = Fmean (1 - penalty),
 * where a chunk is a run of matches adjacent and in the same order in both sentences. With several references the
 * best score counts; the corpus score is the mean over samples.
 */

import { tokenStemPlural } from '../tokenize';
import { captionTokenize, mean, type CaptionSample, type CorpusScore } from './ngrams';
import { SEARCH_TUNABLES } from '../tunables';

/**
 * Search budget of one alignment stage, in partial alignments visited. The branch-and-bound search below is exact
 * within it (the 16-word pair of the tests, 73,500 alignments, takes 51,689 and 40 ms); past it, the best alignment found so far
 * counts, which is never worse than greedy choice per word improved until no single word's choice helps.
 */
export const MAX_ALIGNMENT_NODES = SEARCH_TUNABLES.meteorMaxAlignmentNodes;

type Pair = readonly [candidate: number, reference: number];

/** METEOR of one tokenized candidate against one tokenized reference. */
export function meteorTokens(candidate: readonly string[], reference: readonly string[]): number {
  const pairs = meteorAlign(candidate, reference);
  const matches = pairs.length;
  if (matches === 0) return 0;
  const precision = matches / candidate.length;
  const recall = matches / reference.length;
  const fMean = (10 * precision * recall) / (recall + 9 * precision);
  return fMean * (1 - 0.5 * (countChunks(pairs) / matches) ** 3);
}

/** METEOR of one candidate against its references: the best over references. */
export function meteorSentence(candidate: string, references: readonly string[]): number {
  const candidateTokens = captionTokenize(candidate);
  return Math.max(0, ...references.map((reference) => meteorTokens(candidateTokens, captionTokenize(reference))));
}

/** Mean METEOR over the corpus. */
export function meteorCorpus(samples: readonly CaptionSample[]): CorpusScore {
  const perSample = samples.map((sample) => meteorSentence(sample.candidate, sample.references));
  return { score: mean(perSample), perSample };
}

/** The alignment (candidate index, reference index) pairs, sorted by candidate index. */
export function meteorAlign(candidate: readonly string[], reference: readonly string[]): Pair[] {
  const pairs: Pair[] = [];
  for (const key of [(token: string) => token, tokenStemPlural]) {
    const usedCandidate = new Set(pairs.map(([c]) => c));
    const usedReference = new Set(pairs.map(([, r]) => r));
    const groups = new Map<string, { c: number[]; r: number[] }>();
    candidate.forEach((token, c) => {
      if (!usedCandidate.has(c)) groupOf(groups, key(token)).c.push(c);
    });
    reference.forEach((token, r) => {
      if (!usedReference.has(r)) groupOf(groups, key(token)).r.push(r);
    });
    const options = [...groups.values()].filter((g) => g.c.length > 0 && g.r.length > 0).map(monotonePairings);
    pairs.push(...leastCrossing(options, pairs));
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}

function groupOf(groups: Map<string, { c: number[]; r: number[] }>, key: string) {
  let group = groups.get(key);
  if (group === undefined) groups.set(key, (group = { c: [], r: [] }));
  return group;
}

/**
 * Every maximal order-preserving mapping between equal tokens' positions: min(|c|, |r|) pairs, choosing which of
 * the more numerous positions take part. (A crossing mapping of equal tokens can always be uncrossed, never worse.)
 */
function monotonePairings(group: { c: number[]; r: number[] }): Pair[][] {
  const swap = group.c.length > group.r.length;
  const [few, many] = swap ? [group.r, group.c] : [group.c, group.r];
  return subsets(many, few.length).map((chosen) => chosen.map((m, i): Pair => (swap ? [m, few[i]!] : [few[i]!, m])));
}

/** The `size`-element subsets of `items`, in lexicographic order of positions. */
function subsets(items: readonly number[], size: number): number[][] {
  if (size === 0) return [[]];
  const out: number[][] = [];
  for (let i = 0; i + size <= items.length; i++) {
    for (const rest of subsets(items.slice(i + 1), size - 1)) out.push([items[i]!, ...rest]);
  }
  return out;
}

/**
 * One pairing per group with the fewest crossings (with each other and `fixed`), then fewest chunks; among equal
 * costs the first in enumeration order (groups in order, each group's pairings in order) wins. Branch and bound:
 * crossings only grow as pairings are added, so crossings so far x (mappings + 1) + 1 bounds any completion's cost
 * from below, and a branch that cannot beat the best alignment yet is cut. The search starts from the locally
 * improved greedy alignment, so a cut-short search is never worse than it.
 */
function leastCrossing(options: readonly Pair[][][], fixed: readonly Pair[]): Pair[] {
  if (options.length === 0) return [];
  const total = fixed.length + options.reduce((sum, group) => sum + group[0]!.length, 0);
  const incumbent = greedyImproved(options, fixed);
  let best = incumbent.flatMap((choice, g) => options[g]![choice]!);
  let bestCost = alignmentCost([...fixed, ...best]);
  let bestIsIncumbent = true; // an enumerated alignment of equal cost still replaces it (first-in-order wins)
  let nodes = 0;
  const chosen: Pair[] = [...fixed];
  const walk = (g: number, crossingsSoFar: number) => {
    if (nodes++ > MAX_ALIGNMENT_NODES) return;
    const bound = crossingsSoFar * (total + 1) + 1;
    if (bound > bestCost || (bound === bestCost && !bestIsIncumbent)) return;
    if (g === options.length) {
      const cost = alignmentCost(chosen);
      if (cost < bestCost || (cost === bestCost && bestIsIncumbent)) {
        [best, bestCost, bestIsIncumbent] = [chosen.slice(fixed.length), cost, false];
      }
      return;
    }
    for (const pairing of options[g]!) {
      const added = crossingsWith(pairing, chosen);
      chosen.push(...pairing);
      walk(g + 1, crossingsSoFar + added);
      chosen.length -= pairing.length;
    }
  };
  walk(0, crossings(fixed));
  return best;
}

/** Greedy choice group by group, then each group's choice re-made given all others until none improves. */
function greedyImproved(options: readonly Pair[][][], fixed: readonly Pair[]): number[] {
  const choice = new Array<number>(options.length).fill(0);
  const costWith = (g: number, c: number, upTo: number) =>
    alignmentCost([
      ...fixed,
      ...choice.slice(0, upTo).flatMap((o, h) => (h === g ? options[h]![c]! : options[h]![o]!)),
    ]);
  options.forEach((group, g) => {
    choice[g] = argMin(group.length, (c) => costWith(g, c, g + 1));
  });
  for (let improved = true; improved;) {
    improved = false;
    options.forEach((group, g) => {
      const current = costWith(g, choice[g]!, options.length);
      const better = argMin(group.length, (c) => costWith(g, c, options.length));
      if (costWith(g, better, options.length) < current) [choice[g], improved] = [better, true];
    });
  }
  return choice;
}

function argMin(count: number, cost: (index: number) => number): number {
  let best = 0;
  let bestCost = cost(0);
  for (let i = 1; i < count; i++) {
    const c = cost(i);
    if (c < bestCost) [best, bestCost] = [i, c];
  }
  return best;
}

/** Crossings between the mappings of `added` and those of `pairs`. */
function crossingsWith(added: readonly Pair[], pairs: readonly Pair[]): number {
  let count = 0;
  for (const [c0, r0] of added) for (const [c1, r1] of pairs) if ((c0 - c1) * (r0 - r1) < 0) count++;
  return count;
}

/** Crossings first, chunks as the tie-break (chunks never exceed the mapping count, so one number orders both). */
function alignmentCost(pairs: readonly Pair[]): number {
  return crossings(pairs) * (pairs.length + 1) + countChunks([...pairs].sort((a, b) => a[0] - b[0]));
}

/** Pairs of mappings that cross: one is left of the other in the candidate but right of it in the reference. */
function crossings(pairs: readonly Pair[]): number {
  let count = 0;
  for (let i = 0; i < pairs.length; i++) {
    for (let j = i + 1; j < pairs.length; j++) {
      if ((pairs[i]![0] - pairs[j]![0]) * (pairs[i]![1] - pairs[j]![1]) < 0) count++;
    }
  }
  return count;
}

/** Runs of mappings adjacent and in order in both sentences; `pairs` sorted by candidate index. */
function countChunks(pairs: readonly Pair[]): number {
  let chunks = pairs.length === 0 ? 0 : 1;
  for (let i = 1; i < pairs.length; i++) {
    const [c0, r0] = pairs[i - 1]!;
    const [c1, r1] = pairs[i]!;
    if (c1 !== c0 + 1 || r1 !== r0 + 1) chunks++;
  }
  return chunks;
}
