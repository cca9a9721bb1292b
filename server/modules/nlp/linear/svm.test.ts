import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from './lbfgs.js';
import { seededRandom } from './random.js';
import { type CsrMatrix, type SparseRow, toCsr } from './sparse.js';
import { svmPrimalObjective, trainBinarySvm } from './svm.js';

function dense(rows: number[][]): CsrMatrix {
  const sparse: SparseRow[] = rows.map((r) => {
    const indices: number[] = [];
    const values: number[] = [];
    r.forEach((v, j) => {
      if (v !== 0) {
        indices.push(j);
        values.push(v);
      }
    });
    return { indices: Int32Array.from(indices), values: Float32Array.from(values) };
  });
  return toCsr(sparse, rows[0]?.length ?? 0);
}

describe('trainBinarySvm (dual coordinate descent)', () => {
  const x = dense([[1], [-1]]);
  const y = Int8Array.of(1, -1);

  it('matches the closed form of the squared-hinge SVM on two symmetric points', () => {
    // ½w² + C·2(1 − w)² is minimised at w = 4C / (1 + 4C).
    for (const C of [0.1, 1, 5]) {
      const model = trainBinarySvm(x, y, { C, loss: 'l2', bias: 0, eps: 1e-9, maxEpochs: 10_000 });
      expect(model.w[0]).toBeCloseTo((4 * C) / (1 + 4 * C), 6);
      expect(model.b).toBe(0);
    }
  });

  it('matches the closed form of the hinge SVM (w = min(2C, 1))', () => {
    expect(trainBinarySvm(x, y, { C: 0.25, loss: 'l1', bias: 0, eps: 1e-9 }).w[0]).toBeCloseTo(0.5, 6);
    expect(trainBinarySvm(x, y, { C: 10, loss: 'l1', bias: 0, eps: 1e-9 }).w[0]).toBeCloseTo(1, 6);
  });

  it('separates a separable set and reaches the same optimum as L-BFGS on the primal', () => {
    const random = seededRandom(7);
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 60; i++) {
      const label = i % 2 === 0 ? 1 : -1;
      rows.push([label * (1 + random()), random() - 0.5, random() < 0.3 ? random() : 0]);
      labels.push(label);
    }
    const m = dense(rows);
    const yy = Int8Array.from(labels);
    const C = 0.5;
    const model = trainBinarySvm(m, yy, { C, loss: 'l2', bias: 1, eps: 1e-8, maxEpochs: 10_000 });
    for (let i = 0; i < m.rows; i++) {
      let score = model.b;
      for (let k = m.rowPtr[i]!; k < m.rowPtr[i + 1]!; k++) score += m.values[k]! * model.w[m.indices[k]!]!;
      expect(Math.sign(score)).toBe(yy[i]);
    }
    // Independent check: minimise the (smooth) primal directly over (w, b) with L-BFGS.
    const primal = minimizeLbfgs(
      (theta, grad) => {
        const w = theta.subarray(0, 3);
        const b = theta[3]!;
        const value = svmPrimalObjective(m, yy, { w: Float64Array.from(w), b }, C);
        grad.fill(0);
        for (let j = 0; j < 3; j++) grad[j] = w[j]!;
        grad[3] = b;
        for (let i = 0; i < m.rows; i++) {
          let dot = b;
          for (let k = m.rowPtr[i]!; k < m.rowPtr[i + 1]!; k++) dot += m.values[k]! * w[m.indices[k]!]!;
          const margin = 1 - yy[i]! * dot;
          if (margin <= 0) continue;
          const g = -2 * C * margin * yy[i]!;
          for (let k = m.rowPtr[i]!; k < m.rowPtr[i + 1]!; k++) grad[m.indices[k]!]! += g * m.values[k]!;
          grad[3]! += g;
        }
        return value;
      },
      new Float64Array(4),
      { maxIterations: 500, gradientTolerance: 1e-10, relativeTolerance: 0 },
    );
    const dual = svmPrimalObjective(m, yy, model, C);
    expect(dual).toBeCloseTo(primal.value, 5);
    for (let j = 0; j < 3; j++) expect(model.w[j]).toBeCloseTo(primal.x[j]!, 3);
  });

  it('is deterministic for a seed', () => {
    const random = seededRandom(3);
    const rows = Array.from({ length: 40 }, () => [random() - 0.5, random() - 0.5]);
    const labels = Int8Array.from(rows, (r) => (r[0]! + r[1]! > 0 ? 1 : -1));
    const a = trainBinarySvm(dense(rows), labels, { C: 1, seed: 5, maxEpochs: 3 });
    const b = trainBinarySvm(dense(rows), labels, { C: 1, seed: 5, maxEpochs: 3 });
    expect(Array.from(a.w)).toEqual(Array.from(b.w));
  });

  it('folds a feature scale into the weights (NB-SVM)', () => {
    const scale = Float64Array.of(2);
    const scaled = trainBinarySvm(x, y, { C: 1, bias: 0, eps: 1e-9, maxEpochs: 10_000, featureScale: scale });
    // Training on 2x gives w' = 4C·2/(1 + 4C·4) on the scaled feature; folded back: w = 2w'.
    expect(scaled.w[0]).toBeCloseTo(2 * ((4 * 2) / (1 + 16)), 6);
  });
});
