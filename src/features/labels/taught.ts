/**
 * Labels taught by example: which photos the user marked (stored with the set, `LabelSet.examples`), and how a
 * taught label's scores (src/search/teach.ts, computed in the search worker) join the set's zero-shot labels.
 */
import type { LabelSet, PhotoId, TaughtLabel } from '../../library/schema';
import { teachProbability, type TeachCrossValidation, type TeachResult } from '../../search/teach';
import type { PhotoLabel } from '../../shared/labels';

/** What the Labels view shows of one taught label after a run. */
export interface TaughtReport {
  readonly label: string;
  readonly examples: number;
  readonly counterExamples: number;
  /** Other photos sampled as negatives. */
  readonly sampled: number;
  readonly crossValidation: TeachCrossValidation | null;
  /** Unmarked photos the label is least sure of, nearest the decision first, with P(label). */
  readonly leastSure: readonly { readonly id: PhotoId; readonly probability: number }[];
  /** Photos that got the label. */
  readonly labelled: number;
  /** Whether the label's prompts were combined with the probe. */
  readonly prompts: boolean;
}

/** A label's marked photos; `asExample` false marks them as counter-examples. A photo is never both. */
export function taughtMark(
  taught: TaughtLabel | undefined,
  ids: readonly PhotoId[],
  asExample: boolean,
  prompts: boolean,
): TaughtLabel {
  const marked = new Set(ids);
  const keep = (list: readonly PhotoId[] | undefined) => (list ?? []).filter((id) => !marked.has(id));
  const examples = keep(taught?.examples);
  const counterExamples = keep(taught?.counterExamples);
  (asExample ? examples : counterExamples).push(...new Set(ids));
  return { examples, counterExamples, prompts: taught?.prompts ?? prompts };
}

/** The labels of a set that are taught (have at least one example), in the set's order. */
export function taughtLabelsOf(set: LabelSet): string[] {
  return set.labels.filter((label) => (set.examples?.[label]?.examples.length ?? 0) > 0);
}

/** One taught label's run: its scores over every photo and its marked photos. */
export interface TaughtRun {
  readonly label: string;
  readonly taught: TaughtLabel;
  readonly result: TeachResult;
}

/**
 * Lays taught labels over the zero-shot ones: a photo gets a taught label when its score is >= 0 or it is an
 * example, never when it is a counter-example (chip score: the probability). In a single-label set a taught label
 * wins over the zero-shot one (the most probable taught label, if several); in a multi-label set it joins them.
 */
export function withTaughtLabels(
  zeroShot: ReadonlyMap<PhotoId, readonly PhotoLabel[]>,
  runs: readonly TaughtRun[],
  mode: LabelSet['mode'],
): Map<PhotoId, readonly PhotoLabel[]> {
  const out = new Map(zeroShot);
  const taughtChips = new Map<PhotoId, PhotoLabel[]>();
  for (const { label, taught, result } of runs) {
    const examples = new Set(taught.examples);
    const counter = new Set(taught.counterExamples);
    result.ids.forEach((id, n) => {
      if (!out.has(id)) out.set(id, []);
      const score = result.scores[n]!;
      if (counter.has(id) || (score < 0 && !examples.has(id))) return;
      const chips = taughtChips.get(id) ?? [];
      chips.push({ label, score: teachProbability(score) });
      taughtChips.set(id, chips);
    });
  }
  for (const [id, chips] of taughtChips) {
    chips.sort((a, b) => b.score - a.score);
    if (mode === 'single') out.set(id, chips.slice(0, 1));
    else
      out.set(
        id,
        [...chips, ...(out.get(id) ?? [])].sort((a, b) => b.score - a.score),
      );
  }
  return out;
}

/** The report of one run, for the view. */
export function taughtReport(run: TaughtRun, shown: ReadonlyMap<PhotoId, readonly PhotoLabel[]>): TaughtReport {
  const { label, taught, result } = run;
  let labelled = 0;
  for (const chips of shown.values()) if (chips.some((c) => c.label === label)) labelled++;
  return {
    label,
    examples: result.trained.examples,
    counterExamples: result.trained.counterExamples,
    sampled: result.trained.sampled,
    crossValidation: result.crossValidation,
    leastSure: result.leastSure.map(({ id, score }) => ({ id, probability: teachProbability(score) })),
    labelled,
    prompts: taught.prompts,
  };
}
