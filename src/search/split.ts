/**
 * A stratified, seeded train/validation split of a labelled photo set, as TTI-Eval evaluates on: every class keeps
 * its share in both halves, and the same seed always gives the same split.
 */

import { prngMulberry32 } from './synthetic';

/** What `splitStratified` returns: photo indices (ascending) in each half, and the classes too small to split. */
export interface StratifiedSplit {
  train: number[];
  validation: number[];
  /** Classes with fewer than 2 photos: they cannot be in both halves, so they are in neither, and reported here. */
  tooSmall: { label: number; indices: number[] }[];
  seed: number;
  validationShare: number;
}

/**
 * Splits photos by class: each class of n >= 2 photos sends round(n * validationShare) of them, clamped to
 * [1, n - 1], to validation and the rest to training, chosen by a Fisher-Yates shuffle seeded with `seed`
 * (classes in ascending label order, one PRNG stream), so the split depends only on the labels and the seed.
 */
export function splitStratified(
  labels: readonly number[],
  options: { validationShare: number; seed: number },
): StratifiedSplit {
  const { validationShare, seed } = options;
  if (!(validationShare > 0 && validationShare < 1)) {
    throw new RangeError(`splitStratified: validationShare ${validationShare} is not in (0, 1)`);
  }
  const byClass = new Map<number, number[]>();
  labels.forEach((label, i) => {
    const members = byClass.get(label);
    if (members === undefined) byClass.set(label, [i]);
    else members.push(i);
  });
  const uniform = prngMulberry32(seed);
  const train: number[] = [];
  const validation: number[] = [];
  const tooSmall: StratifiedSplit['tooSmall'] = [];
  for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(label)!;
    if (members.length < 2) {
      tooSmall.push({ label, indices: members });
      continue;
    }
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(uniform() * (i + 1));
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    const validationCount = Math.min(members.length - 1, Math.max(1, Math.round(members.length * validationShare)));
    validation.push(...members.slice(0, validationCount));
    train.push(...members.slice(validationCount));
  }
  const ascending = (a: number, b: number) => a - b;
  return { train: train.sort(ascending), validation: validation.sort(ascending), tooSmall, seed, validationShare };
}
