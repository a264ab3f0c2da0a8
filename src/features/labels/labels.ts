/**
 * Zero-shot labels for the whole library from the vectors already stored: a label is the mean text embedding of its
 * prompts (prompt ensembling), so relabeling embeds a few texts and never an image. Label sets live in the library;
 * the active one's labels go to AppState.photoLabels for the gallery's chips and filter.
 *
 * A set's `threshold` means what its mode needs: single-label, the winner's probability below which a photo is "none
 * of these" (the embedder's own scoring: CLIP's softmax over the labels, SigLIP's sigmoid of each); multi-label, the
 * cosine a label must reach (per label in `thresholds`, where the user set one).
 */
import type { Library } from '../../library/db';
import { deleteLabelSet, listLabelSets, putLabelSet } from '../../library/labels';
import { getMeta, setMeta } from '../../library/maintenance';
import type { LabelSet, PhotoId } from '../../library/schema';
import { announceChange } from '../../library/sync';
import type { TeachRequest, TeachResult } from '../../search/teach';
import { embeddingMean } from '../../search/vector';
import { embedderScoring } from '../../engine/models';
import {
  buildPrompts,
  CLIP_SCORING,
  DEFAULT_MIN_CONFIDENCE,
  type LabelAllOptions,
  type LabelAllResult,
  type ZeroShotScoring,
} from '../../search/zeroShot';
import { describeError } from '../../shared/errors';
import { NO_LABEL, type PhotoLabel } from '../../shared/labels';
import type { LibraryPhase } from '../../shared/phase';
import { Store } from '../../shared/store';
import { TUNABLES } from '../tunables';
import {
  taughtLabelsOf,
  taughtMark,
  taughtReport,
  withTaughtLabels,
  type TaughtReport,
  type TaughtRun,
} from './taught';

/** What the labels slice needs from the app. */
export interface LabelsHost {
  lib(): Library;
  phase(): LibraryPhase;
  embedderId(): string;
  /** Text embeddings from the current embedder (loaded first); throws when no model is available. */
  embedTexts(texts: string[]): Promise<Float32Array[]>;
  /** Scores every stored photo against the label vectors (in the search worker); row n of `result` is `ids[n]`. */
  labelAll(
    labels: readonly Float32Array[],
    options: LabelAllOptions,
  ): Promise<{ ids: PhotoId[]; result: LabelAllResult }>;
  /** Trains a label on marked photos and scores every stored photo with it (in the search worker). */
  teach(request: TeachRequest): Promise<TeachResult>;
}

/** How many photos carry a label (NO_LABEL: how many got none). */
export interface LabelCount {
  readonly label: string;
  readonly count: number;
}

export interface LabelRun {
  readonly photos: number;
  /** Prompts sent to the text encoder this run (0 when every prompt was cached). */
  readonly promptsEmbedded: number;
  /** Time to score every photo against every label (the search worker's round trip included), ms. */
  readonly ms: number;
}

export interface LabelsState {
  readonly sets: readonly LabelSet[];
  readonly activeId: string | null;
  readonly counts: readonly LabelCount[];
  readonly lastRun: LabelRun | null;
  readonly busy: boolean;
  readonly error: string | null;
  /** The active set's labels per photo id, best first; null when no set is active. */
  readonly photoLabels: ReadonlyMap<PhotoId, readonly PhotoLabel[]> | null;
  /** Show only photos with this label (NO_LABEL: "none of these"); null shows every photo. */
  readonly filter: string | null;
  /** The active set's labels taught by example, as the last run found them. */
  readonly taught: readonly TaughtReport[];
}

/** What the editor hands over: the user's text, not yet parsed. */
export interface LabelSetDraft {
  readonly id?: string;
  readonly name: string;
  readonly labels: string;
  readonly templates: string;
  readonly mode: LabelSet['mode'];
  readonly threshold: number;
  readonly thresholds?: Record<string, number>;
}

export const DEFAULT_MULTI_THRESHOLD = TUNABLES.defaultMultiLabelThreshold;
export const DEFAULT_SINGLE_CONFIDENCE = DEFAULT_MIN_CONFIDENCE;
const ACTIVE_KEY = 'labels.active';

export class Labels {
  readonly store = new Store<LabelsState>({
    sets: [],
    activeId: null,
    counts: [],
    lastRun: null,
    busy: false,
    error: null,
    photoLabels: null,
    filter: null,
    taught: [],
  });
  /** Prompt embeddings by embedder and prompt text: editing one label embeds only that label's prompts. */
  private readonly promptVectors = new Map<string, Float32Array>();
  /** The model's labels of the last run, before the user's are laid over them. */
  private modelLabels: ReadonlyMap<PhotoId, readonly PhotoLabel[]> = new Map();
  private token = 0;
  private pendingReload: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly host: LabelsHost) {}

  get active(): LabelSet | undefined {
    const { sets, activeId } = this.store.get();
    return sets.find((s) => s.id === activeId);
  }

  /**
   * Re-reads the saved sets and the active one, then labels the library again (vectors may have changed).
   * While a folder is indexed (refreshes several times a second) it runs at most every TUNABLES.relabelWhileIndexingMs.
   */
  async reload(): Promise<void> {
    if (this.host.phase() !== 'indexing') return this.load();
    this.pendingReload ??= setTimeout(() => {
      this.pendingReload = null;
      void this.load();
    }, TUNABLES.relabelWhileIndexingMs);
  }

  private async load(): Promise<void> {
    const lib = this.host.lib();
    const [sets, activeId] = await Promise.all([listLabelSets(lib), getMeta<string>(lib, ACTIVE_KEY)]);
    sets.sort((a, b) => a.name.localeCompare(b.name));
    this.store.set({ sets, activeId: sets.some((s) => s.id === activeId) ? activeId! : null });
    await this.relabel();
  }

  /** Saves a set from the editor, makes it the active one and labels the library with it. */
  async save(draft: LabelSetDraft): Promise<LabelSet> {
    const edited = labelSetFromDraft(draft);
    // Editing a set keeps what the user applied by hand (labels no longer in the set are ignored, not deleted).
    const previous = this.store.get().sets.find((s) => s.id === edited.id);
    const examples = Object.entries(previous?.examples ?? {}).filter(([label]) => edited.labels.includes(label));
    const set: LabelSet = {
      ...edited,
      ...(previous?.userLabels ? { userLabels: previous.userLabels } : {}),
      ...(examples.length > 0 ? { examples: Object.fromEntries(examples) } : {}),
    };
    await putLabelSet(this.host.lib(), set);
    await this.activate(set.id);
    return set;
  }

  async activate(id: string | null): Promise<void> {
    await setMeta(this.host.lib(), ACTIVE_KEY, id);
    this.store.set({ filter: null });
    await this.load();
    announceChange({ kind: 'labels' });
  }

  /** Deletes a set; what it returns is all `restore` needs to bring it back (its hand-applied labels too). */
  async remove(id: string): Promise<{ set: LabelSet; wasActive: boolean } | undefined> {
    const { sets, activeId } = this.store.get();
    const set = sets.find((s) => s.id === id);
    await deleteLabelSet(this.host.lib(), id);
    await this.activate(activeId === id ? null : activeId);
    return set && { set, wasActive: activeId === id };
  }

  /** Undoes `remove`: the set as it was, active again if it was. */
  async restore({ set, wasActive }: { set: LabelSet; wasActive: boolean }): Promise<void> {
    await putLabelSet(this.host.lib(), set);
    if (wasActive) await this.activate(set.id);
    else {
      await this.load();
      announceChange({ kind: 'labels' });
    }
  }

  /** Labels every indexed photo with the active set: a few text embeddings and one pass over the stored vectors. */
  async relabel(): Promise<void> {
    const token = ++this.token;
    const set = this.active;
    if (!set || set.labels.length === 0) {
      this.store.set({
        counts: [],
        lastRun: null,
        busy: false,
        error: null,
        photoLabels: null,
        filter: null,
        taught: [],
      });
      return;
    }
    this.store.set({ busy: true });
    try {
      // Taught labels are scored by their probe (with their prompts where they have them), the others zero-shot.
      const taughtLabels = taughtLabelsOf(set);
      const zeroShotSet = { ...set, labels: set.labels.filter((l) => !taughtLabels.includes(l)) };
      const withPrompts = set.labels.filter((l) => !taughtLabels.includes(l) || set.examples![l]!.prompts);
      const { labelVectors, promptsEmbedded } = await this.labelVectors({ ...set, labels: withPrompts });
      if (token !== this.token) return;
      const vectorOf = (label: string) => labelVectors[withPrompts.indexOf(label)]!;
      const started = performance.now();
      let zeroShot = new Map<PhotoId, PhotoLabel[]>();
      let photos = 0;
      if (zeroShotSet.labels.length > 0) {
        const zeroShotVectors = zeroShotSet.labels.map(vectorOf);
        const { ids, result } = await this.host.labelAll(
          zeroShotVectors,
          decisionRule(zeroShotSet, embedderScoring(this.host.embedderId())),
        );
        zeroShot = photoLabelsOf(result, ids, zeroShotSet.labels);
        photos = ids.length;
      }
      const runs: TaughtRun[] = [];
      for (const label of taughtLabels) {
        const taught = set.examples![label]!;
        const text = taught.prompts ? { vector: vectorOf(label), threshold: taughtThreshold(set, label) } : undefined;
        const result = await this.host.teach({
          examples: taught.examples,
          counterExamples: taught.counterExamples,
          ...(text ? { text } : {}),
          leastSure: TUNABLES.teachLeastSure,
        });
        runs.push({ label, taught, result });
        photos = result.ids.length;
      }
      if (token !== this.token) return;
      this.modelLabels = withTaughtLabels(zeroShot, runs, set.mode);
      const photoLabels = withUserLabels(this.modelLabels, set);
      const ms = performance.now() - started;
      this.store.set({
        photoLabels,
        counts: countLabels(photoLabels, set.labels),
        lastRun: { photos, promptsEmbedded, ms },
        busy: false,
        error: null,
        taught: runs.map((run) => taughtReport(run, photoLabels)),
      });
    } catch (error) {
      if (token === this.token) this.store.set({ busy: false, error: `Couldn't label: ${describeError(error)}` });
    }
  }

  /**
   * Applies a label of the active set to photos by hand (the gallery's selection): in a single-label set it becomes
   * their one label, in a multi-label set it joins the labels they show. Stored with the set; nothing is re-scored.
   */
  async apply(ids: readonly PhotoId[], label: string): Promise<void> {
    const set = this.active;
    if (!set) throw new Error('No label set is active.');
    if (!set.labels.includes(label)) throw new RangeError(`"${label}" is not a label of ${set.name}.`);
    const shown = this.store.get().photoLabels;
    const userLabels = { ...set.userLabels };
    for (const id of ids) {
      const current = set.mode === 'multi' ? (shown?.get(id) ?? []).map((l) => l.label) : [];
      userLabels[id] = [...new Set([label, ...current])];
    }
    const updated: LabelSet = { ...set, userLabels, updatedAt: Date.now() };
    await putLabelSet(this.host.lib(), updated);
    const sets = this.store.get().sets.map((s) => (s.id === set.id ? updated : s));
    const photoLabels = withUserLabels(this.modelLabels, updated);
    this.store.set({ sets, photoLabels, counts: countLabels(photoLabels, updated.labels) });
    announceChange({ kind: 'labels' });
  }

  /**
   * Marks photos as examples (or, `asExample` false, counter-examples) of a label and labels the library again: the
   * label is one of the active set's (its prompts then join the probe) or a new name, added to the active set, or to
   * a new "Taught labels" set when none is active. Returns what the run found for that label.
   */
  async teach(ids: readonly PhotoId[], name: string, asExample = true): Promise<TaughtReport | undefined> {
    const [named] = parseLabels(name);
    if (!named) throw new RangeError('Name the label to teach, e.g. "my things".');
    if (ids.length === 0) throw new RangeError('Select the photos to teach it with.');
    const set = this.active ?? newTaughtSet();
    const existing = set.labels.find((l) => l.toLowerCase() === named.toLowerCase());
    const label = existing ?? named;
    const taught = taughtMark(set.examples?.[label], ids, asExample, existing !== undefined);
    const updated: LabelSet = {
      ...set,
      labels: existing ? set.labels : [...set.labels, label],
      examples: { ...set.examples, [label]: taught },
      updatedAt: Date.now(),
    };
    await putLabelSet(this.host.lib(), updated);
    await this.activate(updated.id);
    const error = this.store.get().error;
    if (error) throw new Error(error);
    return this.store.get().taught.find((report) => report.label === label);
  }

  /** Forgets a label's examples and counter-examples: it is zero-shot again (or labels nothing without prompts). */
  async unteach(label: string): Promise<void> {
    const set = this.active;
    if (!set?.examples?.[label]) return;
    const { [label]: _forgotten, ...examples } = set.examples;
    const { examples: _all, ...rest } = set;
    const updated: LabelSet = {
      ...rest,
      ...(Object.keys(examples).length > 0 ? { examples } : {}),
      updatedAt: Date.now(),
    };
    await putLabelSet(this.host.lib(), updated);
    await this.activate(updated.id);
  }

  /** Shows only the photos with this label (NO_LABEL: "none of these"), or every photo (null). */
  setFilter = (filter: string | null): void => this.store.set({ filter });

  private async labelVectors(set: LabelSet): Promise<{ labelVectors: Float32Array[]; promptsEmbedded: number }> {
    const embedderId = this.host.embedderId();
    const key = (prompt: string) => `${embedderId}\n${prompt}`;
    const prompts = set.labels.map((label) => buildPrompts(label, set.templates));
    const missing = [...new Set(prompts.flat())].filter((p) => !this.promptVectors.has(key(p)));
    if (missing.length > 0) {
      const vectors = await this.host.embedTexts(missing);
      missing.forEach((prompt, i) => this.promptVectors.set(key(prompt), vectors[i]!));
    }
    const labelVectors = prompts.map((list) => embeddingMean(list.map((p) => this.promptVectors.get(key(p))!)));
    return { labelVectors, promptsEmbedded: missing.length };
  }
}

/** A set to hold labels taught by example when none is active: multi-label, so each taught label stands alone. */
function newTaughtSet(now: number = Date.now()): LabelSet {
  return {
    id: `set-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    name: 'Taught labels',
    labels: [],
    templates: ['{}'],
    mode: 'multi',
    threshold: DEFAULT_MULTI_THRESHOLD,
    updatedAt: now,
  };
}

/** The cosine a taught label's prompts must reach to count for it: its multi-label threshold. */
export function taughtThreshold(set: LabelSet, label: string): number {
  return set.thresholds?.[label] ?? (set.mode === 'multi' ? set.threshold : undefined) ?? DEFAULT_MULTI_THRESHOLD;
}

/**
 * The labelAll options a set asks for with an embedder's scoring (see the file comment for what `threshold` means
 * in each mode).
 */
export function decisionRule(set: LabelSet, scoring: ZeroShotScoring = CLIP_SCORING) {
  return set.mode === 'single'
    ? ({
        mode: 'single',
        scoring,
        minConfidence: set.threshold ?? DEFAULT_SINGLE_CONFIDENCE,
      } as const)
    : ({
        mode: 'multi',
        thresholds: set.labels.map((l) => set.thresholds?.[l] ?? set.threshold ?? DEFAULT_MULTI_THRESHOLD),
      } as const);
}

/** Each photo's labels, best first: the winner with its probability (single), or every assigned label with its cosine. */
export function photoLabelsOf(
  result: LabelAllResult,
  ids: readonly PhotoId[],
  labels: readonly string[],
): Map<PhotoId, PhotoLabel[]> {
  const out = new Map<PhotoId, PhotoLabel[]>();
  const L = result.labelCount;
  for (let n = 0; n < result.count; n++) {
    const chips: PhotoLabel[] = [];
    if (result.mode === 'single') {
      const best = result.best[n]!;
      if (best >= 0) chips.push({ label: labels[best]!, score: result.confidence[n]! });
    } else {
      for (let l = 0; l < L; l++)
        if (result.assigned[n * L + l]) chips.push({ label: labels[l]!, score: result.cosines[n * L + l]! });
      chips.sort((a, b) => b.score - a.score);
    }
    out.set(ids[n]!, chips);
  }
  return out;
}

/** The model's labels with the user's laid over them: where the user applied labels, theirs replace the model's. */
export function withUserLabels(
  modelLabels: ReadonlyMap<PhotoId, readonly PhotoLabel[]>,
  set: LabelSet,
): Map<PhotoId, readonly PhotoLabel[]> {
  const out = new Map(modelLabels);
  for (const [id, labels] of Object.entries(set.userLabels ?? {})) {
    if (!out.has(id)) continue; // a photo no longer indexed for this model
    const known = labels.filter((l) => set.labels.includes(l));
    if (known.length > 0)
      out.set(
        id,
        known.map((label) => ({ label, score: 1, byUser: true as const })),
      );
  }
  return out;
}

/** Photos per label in the set's order, then "none of these" (NO_LABEL). */
export function countLabels(
  photoLabels: ReadonlyMap<PhotoId, readonly PhotoLabel[]>,
  labels: readonly string[],
): LabelCount[] {
  const counts = new Map<string, number>([...labels, NO_LABEL].map((l) => [l, 0]));
  for (const chips of photoLabels.values()) {
    if (chips.length === 0) counts.set(NO_LABEL, counts.get(NO_LABEL)! + 1);
    for (const chip of chips) counts.set(chip.label, (counts.get(chip.label) ?? 0) + 1);
  }
  return [...counts].map(([label, count]) => ({ label, count }));
}

/** "cat, dog\nreceipt" -> ["cat", "dog", "receipt"]: commas or new lines, trimmed, first spelling of duplicates. */
export function parseLabels(text: string): string[] {
  const seen = new Set<string>();
  const labels: string[] = [];
  for (const raw of text.split(/[,\n]/u)) {
    const label = raw.trim().replace(/\s+/gu, ' ');
    if (label && !seen.has(label.toLowerCase())) {
      seen.add(label.toLowerCase());
      labels.push(label);
    }
  }
  return labels;
}

/** One template a line; a line without "{}" gets the label at its end ("a photo of" -> "a photo of {}"). */
export function parseTemplates(text: string): string[] {
  const templates = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => (line.includes('{}') ? line : `${line} {}`));
  return [...new Set(templates)];
}

/** A storable set from the editor's text; throws a message for the user when there is nothing to label with. */
export function labelSetFromDraft(draft: LabelSetDraft, now: number = Date.now()): LabelSet {
  const labels = parseLabels(draft.labels);
  if (labels.length === 0) throw new RangeError('Write at least one label, e.g. "cat, dog, beach".');
  const templates = parseTemplates(draft.templates);
  const thresholds = Object.fromEntries(
    Object.entries(draft.thresholds ?? {}).filter(([label]) => labels.includes(label)),
  );
  return {
    id: draft.id ?? `set-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    name: draft.name.trim() || labels.slice(0, 3).join(', '),
    labels,
    templates: templates.length > 0 ? templates : ['{}'],
    mode: draft.mode,
    threshold: draft.threshold,
    ...(draft.mode === 'multi' && Object.keys(thresholds).length > 0 ? { thresholds } : {}),
    updatedAt: now,
  };
}
