import { type LbfgsOptions, minimizeLbfgs } from './lbfgs.js';
import type { CsrMatrix } from './sparse.js';

export interface SoftmaxOptions extends LbfgsOptions {
  /** L2 penalty λ on the weights (not the biases), objective = mean loss + λ/2‖W‖². */
  lambda: number;
  sampleWeight?: Float32Array;
}

export interface SoftmaxModel {
  /** Row-major [feature × class]. */
  weights: Float64Array;
  bias: Float64Array;
  classes: number;
  iterations: number;
  history: number[];
}

/**
 * Mean weighted cross-entropy of a softmax model plus λ/2‖W‖²; writes the gradient. Parameters are
 * laid out as F×K weights (row-major) followed by K biases.
 */
export function softmaxObjective(
  x: CsrMatrix,
  y: Int32Array,
  classes: number,
  lambda: number,
  sampleWeight?: Float32Array,
): (theta: Float64Array, grad: Float64Array) => number {
  const K = classes;
  const biasAt = x.cols * K;
  let totalWeight = 0;
  for (let i = 0; i < x.rows; i++) totalWeight += sampleWeight?.[i] ?? 1;
  const z = new Float64Array(K);
  return (theta, grad) => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < x.rows; i++) {
      const start = x.rowPtr[i]!;
      const end = x.rowPtr[i + 1]!;
      for (let k = 0; k < K; k++) z[k] = theta[biasAt + k]!;
      for (let p = start; p < end; p++) {
        const v = x.values[p]!;
        const base = x.indices[p]! * K;
        for (let k = 0; k < K; k++) z[k]! += v * theta[base + k]!;
      }
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < K; k++) max = Math.max(max, z[k]!);
      let sum = 0;
      for (let k = 0; k < K; k++) {
        z[k] = Math.exp(z[k]! - max);
        sum += z[k]!;
      }
      const yi = y[i]!;
      const wi = (sampleWeight?.[i] ?? 1) / totalWeight;
      loss -= wi * Math.log(z[yi]! / sum);
      for (let k = 0; k < K; k++) z[k] = (wi * z[k]!) / sum;
      z[yi]! -= wi;
      for (let p = start; p < end; p++) {
        const v = x.values[p]!;
        const base = x.indices[p]! * K;
        for (let k = 0; k < K; k++) grad[base + k]! += v * z[k]!;
      }
      for (let k = 0; k < K; k++) grad[biasAt + k]! += z[k]!;
    }
    let reg = 0;
    for (let j = 0; j < biasAt; j++) {
      const t = theta[j]!;
      reg += t * t;
      grad[j]! += lambda * t;
    }
    return loss + 0.5 * lambda * reg;
  };
}

/** Multinomial logistic regression fitted by L-BFGS. */
export function trainSoftmax(
  x: CsrMatrix,
  y: Int32Array,
  classes: number,
  options: SoftmaxOptions,
): SoftmaxModel {
  const objective = softmaxObjective(x, y, classes, options.lambda, options.sampleWeight);
  const result = minimizeLbfgs(objective, new Float64Array(x.cols * classes + classes), options);
  return {
    weights: result.x.subarray(0, x.cols * classes),
    bias: result.x.subarray(x.cols * classes),
    classes,
    iterations: result.iterations,
    history: result.history,
  };
}
