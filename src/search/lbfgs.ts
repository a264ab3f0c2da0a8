/**
 * Limited-memory BFGS for smooth unconstrained minimization, the solver scikit-learn's LogisticRegression uses by
 * default (through SciPy's L-BFGS-B), with SciPy's stopping rules: the largest gradient component <= gtol, or the
 * relative decrease of the objective <= ftol. The line search backtracks from the full quasi-Newton step
 * (Armijo, c1 = 1e-4); a curvature pair with s.y <= 0 is skipped, so the inverse Hessian estimate stays positive.
 */

/** Writes the gradient at `x` into `gradient` and returns the objective's value there. */
export type LbfgsObjective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  maxIterations: number;
  /** Stop when max_j |gradient_j| <= gradientTolerance (SciPy's gtol, scikit-learn's `tol`). */
  gradientTolerance: number;
  /** Stop when (f_old - f) / max(|f_old|, |f|, 1) <= this (default 64 * machine epsilon, as scikit-learn sets). */
  valueTolerance?: number;
  /** Curvature pairs kept (default 10, SciPy's maxcor). */
  memory?: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  evaluations: number;
  /** True when a tolerance was met, false when the iteration or line-search budget ran out first. */
  converged: boolean;
}

const ARMIJO = 1e-4;
const MAX_BACKTRACKS = 50;

/** Minimizes `objective` from `start` (not modified). */
export function lbfgsMinimize(objective: LbfgsObjective, start: Float64Array, options: LbfgsOptions): LbfgsResult {
  const n = start.length;
  const memory = options.memory ?? 10;
  const valueTolerance = options.valueTolerance ?? 64 * Number.EPSILON;
  const sHistory: Float64Array[] = [];
  const yHistory: Float64Array[] = [];
  const rhoHistory: number[] = [];
  const alpha = new Float64Array(memory);

  let x = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let value = objective(x, gradient);
  let evaluations = 1;
  const direction = new Float64Array(n);
  let trial = new Float64Array(n);
  let trialGradient = new Float64Array(n);

  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    if (maxAbs(gradient) <= options.gradientTolerance)
      return { x, value, iterations: iteration, evaluations, converged: true };

    // Two-loop recursion: direction = -H * gradient.
    direction.set(gradient);
    for (let m = sHistory.length - 1; m >= 0; m--) {
      alpha[m] = rhoHistory[m]! * dot(sHistory[m]!, direction);
      axpy(-alpha[m]!, yHistory[m]!, direction);
    }
    if (sHistory.length > 0) {
      const last = sHistory.length - 1;
      scale(direction, dot(sHistory[last]!, yHistory[last]!) / dot(yHistory[last]!, yHistory[last]!));
    }
    for (let m = 0; m < sHistory.length; m++) {
      const beta = rhoHistory[m]! * dot(yHistory[m]!, direction);
      axpy(alpha[m]! - beta, sHistory[m]!, direction);
    }
    scale(direction, -1);
    let slope = dot(gradient, direction);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sHistory.length = yHistory.length = rhoHistory.length = 0;
      direction.set(gradient);
      scale(direction, -1);
      slope = -dot(gradient, gradient);
    }

    let step = sHistory.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let trialValue = Infinity;
    let accepted = false;
    for (let backtrack = 0; backtrack < MAX_BACKTRACKS; backtrack++) {
      for (let j = 0; j < n; j++) trial[j] = x[j]! + step * direction[j]!;
      trialValue = objective(trial, trialGradient);
      evaluations++;
      if (trialValue <= value + ARMIJO * step * slope) {
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) return { x, value, iterations: iteration, evaluations, converged: false };

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      s[j] = trial[j]! - x[j]!;
      y[j] = trialGradient[j]! - gradient[j]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-10 * dot(y, y)) {
      if (sHistory.length === memory) {
        sHistory.shift();
        yHistory.shift();
        rhoHistory.shift();
      }
      sHistory.push(s);
      yHistory.push(y);
      rhoHistory.push(1 / sy);
    }
    const previousValue = value;
    [x, trial] = [trial, x];
    [gradient, trialGradient] = [trialGradient, gradient];
    value = trialValue;
    if ((previousValue - value) / Math.max(Math.abs(previousValue), Math.abs(value), 1) <= valueTolerance) {
      return { x, value, iterations: iteration + 1, evaluations, converged: true };
    }
  }
  return {
    x,
    value,
    iterations: options.maxIterations,
    evaluations,
    converged: maxAbs(gradient) <= options.gradientTolerance,
  };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += a[j]! * b[j]!;
  return sum;
}

function axpy(factor: number, x: Float64Array, into: Float64Array): void {
  for (let j = 0; j < x.length; j++) into[j]! += factor * x[j]!;
}

function scale(v: Float64Array, factor: number): void {
  for (let j = 0; j < v.length; j++) v[j]! *= factor;
}

function maxAbs(v: Float64Array): number {
  let max = 0;
  for (let j = 0; j < v.length; j++) max = Math.max(max, Math.abs(v[j]!));
  return max;
}
