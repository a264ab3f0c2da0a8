import { describe, expect, it } from 'vitest';
import { lbfgsMinimize } from './lbfgs';

describe('lbfgsMinimize', () => {
  it('finds the minimum of the Rosenbrock function from the textbook start', () => {
    const result = lbfgsMinimize(
      (x, gradient) => {
        const [a, b] = [x[0]!, x[1]!];
        gradient[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        gradient[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.of(-1.2, 1),
      { maxIterations: 500, gradientTolerance: 1e-10 },
    );
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
  });

  it('solves an ill-conditioned quadratic (condition number 1e4) to the exact solution', () => {
    const diagonal = Float64Array.from({ length: 50 }, (_, j) => 10 ** ((4 * j) / 49));
    const optimum = Float64Array.from({ length: 50 }, (_, j) => Math.sin(j));
    const result = lbfgsMinimize(
      (x, gradient) => {
        let value = 0;
        for (let j = 0; j < x.length; j++) {
          gradient[j] = diagonal[j]! * (x[j]! - optimum[j]!);
          value += 0.5 * diagonal[j]! * (x[j]! - optimum[j]!) ** 2;
        }
        return value;
      },
      new Float64Array(50),
      { maxIterations: 1000, gradientTolerance: 1e-9, valueTolerance: 0 },
    );
    expect(result.converged).toBe(true);
    result.x.forEach((v, j) => expect(v).toBeCloseTo(optimum[j]!, 8));
  });

  it('reports an iteration budget running out as not converged', () => {
    const result = lbfgsMinimize(
      (x, gradient) => {
        gradient[0] = 4 * x[0]! ** 3;
        return x[0]! ** 4;
      },
      Float64Array.of(3),
      { maxIterations: 2, gradientTolerance: 1e-12, valueTolerance: 0 },
    );
    expect(result).toMatchObject({ iterations: 2, converged: false });
  });
});
