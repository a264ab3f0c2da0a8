/**
 * Orthogonal Procrustes in the plane: the similarity (rotation or reflection, uniform scale, translation) that puts
 * one 2D map onto another with the least squared distance between the same points. Two UMAP runs of the same
 * photos differ by an arbitrary rotation, flip and scale, so aligning one onto the other first makes a morph
 * between them move every photo the shortest way, not spin the whole map.
 */

/** Points as [x0, y0, x1, y1, ...]. */
export type Points2d = Float64Array;

export interface Similarity2d {
  /** The 2x2 orthogonal part, row-major [a, b, c, d]: x' = a x + b y, y' = c x + d y. */
  readonly matrix: readonly [number, number, number, number];
  readonly scale: number;
  readonly translation: readonly [number, number];
  readonly reflection: boolean;
}

/**
 * The similarity T minimizing sum_i |T(source_i) - target_i|^2 (both the same number of points, in the same order).
 * For A = sum of centred source_i target_iᵀ, the best rotation's score is hypot(A11 + A22, A12 - A21) and the best
 * reflection's hypot(A11 - A22, A12 + A21); the larger wins, and the scale is that score over the source's spread.
 */
export function procrustesFit(source: Points2d, target: Points2d): Similarity2d {
  if (source.length !== target.length || source.length % 2 !== 0)
    throw new RangeError(`procrustesFit: ${source.length / 2} points onto ${target.length / 2}`);
  const n = source.length / 2;
  if (n === 0) return { matrix: [1, 0, 0, 1], scale: 1, translation: [0, 0], reflection: false };
  const [sx, sy] = centroid(source);
  const [tx, ty] = centroid(target);
  let a11 = 0;
  let a12 = 0;
  let a21 = 0;
  let a22 = 0;
  let spread = 0;
  for (let i = 0; i < n; i++) {
    const x = source[2 * i]! - sx;
    const y = source[2 * i + 1]! - sy;
    const u = target[2 * i]! - tx;
    const v = target[2 * i + 1]! - ty;
    a11 += x * u;
    a12 += x * v;
    a21 += y * u;
    a22 += y * v;
    spread += x * x + y * y;
  }
  const rotation = Math.hypot(a11 + a22, a12 - a21);
  const reflectionScore = Math.hypot(a11 - a22, a12 + a21);
  const reflection = reflectionScore > rotation;
  let matrix: [number, number, number, number];
  if (reflection) {
    const c = reflectionScore === 0 ? 1 : (a11 - a22) / reflectionScore;
    const s = reflectionScore === 0 ? 0 : (a12 + a21) / reflectionScore;
    matrix = [c, s, s, -c];
  } else {
    const c = rotation === 0 ? 1 : (a11 + a22) / rotation;
    const s = rotation === 0 ? 0 : (a12 - a21) / rotation;
    matrix = [c, -s, s, c];
  }
  const scale = spread === 0 ? 1 : Math.max(rotation, reflectionScore) / spread;
  const [a, b, c, d] = matrix;
  const translation: [number, number] = [tx - scale * (a * sx + b * sy), ty - scale * (c * sx + d * sy)];
  return { matrix, scale, translation, reflection };
}

/** T applied to every point. */
export function similarityApply(t: Similarity2d, points: Points2d): Points2d {
  const [a, b, c, d] = t.matrix;
  const out = new Float64Array(points.length);
  for (let i = 0; i < points.length; i += 2) {
    const x = points[i]!;
    const y = points[i + 1]!;
    out[i] = t.scale * (a * x + b * y) + t.translation[0];
    out[i + 1] = t.scale * (c * x + d * y) + t.translation[1];
  }
  return out;
}

/** `source` moved onto `target` by their best similarity. */
export function procrustesAlign(source: Points2d, target: Points2d): Points2d {
  return similarityApply(procrustesFit(source, target), source);
}

/** The points a fraction `t` of the way from `from` to `to` (straight lines: each point's shortest way). */
export function pointsLerp(from: Points2d, to: Points2d, t: number): Points2d {
  const out = new Float64Array(from.length);
  for (let i = 0; i < from.length; i++) out[i] = from[i]! + (to[i]! - from[i]!) * t;
  return out;
}

/** Sum of squared distances between the same points of two maps. */
export function pointsSquaredDistance(a: Points2d, b: Points2d): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i]! - b[i]!) ** 2;
  return sum;
}

function centroid(points: Points2d): [number, number] {
  let x = 0;
  let y = 0;
  for (let i = 0; i < points.length; i += 2) {
    x += points[i]!;
    y += points[i + 1]!;
  }
  const n = points.length / 2;
  return [x / n, y / n];
}
