import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from './lbfgs.js';

describe('minimizeLbfgs', () => {
  it('finds the minimum of an ill-conditioned quadratic', () => {
    const result = minimizeLbfgs(
      (x, g) => {
        g[0] = 2 * (x[0]! - 3);
        g[1] = 200 * (x[1]! + 1);
        return (x[0]! - 3) ** 2 + 100 * (x[1]! + 1) ** 2;
      },
      new Float64Array(2),
      { gradientTolerance: 1e-9, relativeTolerance: 0 },
    );
    expect(result.x[0]).toBeCloseTo(3, 6);
    expect(result.x[1]).toBeCloseTo(-1, 6);
  });

  it('minimises the Rosenbrock function', () => {
    const result = minimizeLbfgs(
      (x, g) => {
        const a = x[0]!;
        const b = x[1]!;
        g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
        g[1] = 200 * (b - a * a);
        return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
      },
      Float64Array.of(-1.2, 1),
      { maxIterations: 500, gradientTolerance: 1e-8, relativeTolerance: 0 },
    );
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(1, 4);
    for (let i = 1; i < result.history.length; i++)
      expect(result.history[i]).toBeLessThan(result.history[i - 1]!);
  });
});
