import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.js';
import { softmaxObjective, trainSoftmax } from './softmax.js';
import { type SparseRow, toCsr } from './sparse.js';

function randomProblem(seed: number, rows: number, cols: number, classes: number) {
  const random = seededRandom(seed);
  const sparse: SparseRow[] = [];
  const y = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const indices: number[] = [];
    const values: number[] = [];
    for (let j = 0; j < cols; j++) {
      if (random() < 0.5) {
        indices.push(j);
        values.push(random() * 2 - 1);
      }
    }
    sparse.push({ indices: Int32Array.from(indices), values: Float32Array.from(values) });
    y[i] = Math.floor(random() * classes);
  }
  return { x: toCsr(sparse, cols), y };
}

describe('softmax regression', () => {
  it('has an analytic gradient that matches finite differences', () => {
    const { x, y } = randomProblem(11, 12, 5, 3);
    const weights = Float32Array.from({ length: 12 }, (_, i) => 1 + (i % 3));
    const f = softmaxObjective(x, y, 3, 0.05, weights);
    const random = seededRandom(2);
    const theta = Float64Array.from({ length: 5 * 3 + 3 }, () => random() - 0.5);
    const grad = new Float64Array(theta.length);
    f(theta, grad);
    const h = 1e-6;
    const scratch = new Float64Array(theta.length);
    for (let j = 0; j < theta.length; j++) {
      const plus = Float64Array.from(theta);
      const minus = Float64Array.from(theta);
      plus[j]! += h;
      minus[j]! -= h;
      const numeric = (f(plus, scratch) - f(minus, scratch)) / (2 * h);
      expect(grad[j]).toBeCloseTo(numeric, 6);
    }
  });

  it('decreases the loss monotonically and recovers class frequencies from biases alone', () => {
    // No features: the optimum is softmax(bias) = class frequencies (3/4, 1/4).
    const empty: SparseRow = { indices: new Int32Array(0), values: new Float32Array(0) };
    const x = toCsr([empty, empty, empty, empty], 1);
    const model = trainSoftmax(x, Int32Array.of(0, 0, 0, 1), 2, { lambda: 0, gradientTolerance: 1e-10 });
    for (let i = 1; i < model.history.length; i++)
      expect(model.history[i]).toBeLessThanOrEqual(model.history[i - 1]!);
    const e0 = Math.exp(model.bias[0]!);
    const e1 = Math.exp(model.bias[1]!);
    expect(e0 / (e0 + e1)).toBeCloseTo(0.75, 5);
    // Closed-form loss at the optimum: the entropy of (3/4, 1/4).
    expect(model.history.at(-1)).toBeCloseTo(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)), 6);
  });

  it('fits a separable problem', () => {
    const rows: SparseRow[] = [];
    const y: number[] = [];
    for (let c = 0; c < 3; c++) {
      for (let k = 0; k < 5; k++) {
        rows.push({ indices: Int32Array.of(c, 3), values: Float32Array.of(1, k / 5) });
        y.push(c);
      }
    }
    const x = toCsr(rows, 4);
    const model = trainSoftmax(x, Int32Array.from(y), 3, { lambda: 1e-4, maxIterations: 300 });
    expect(model.history.at(-1)).toBeLessThan(0.05);
    rows.forEach((row, i) => {
      const scores = [0, 1, 2].map((c) => {
        let s = model.bias[c]!;
        row.indices.forEach((j, k) => {
          s += row.values[k]! * model.weights[j * 3 + c]!;
        });
        return s;
      });
      expect(scores.indexOf(Math.max(...scores))).toBe(y[i]);
    });
  });
});
