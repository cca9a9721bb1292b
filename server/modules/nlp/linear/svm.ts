import { seededRandom, shuffleInPlace } from './random.js';
import type { CsrMatrix } from './sparse.js';

export interface SvmOptions {
  /** Cost of a margin violation (larger = less regularisation). */
  C: number;
  /** 'l2' = squared hinge (LIBLINEAR's default), 'l1' = hinge. */
  loss?: 'l1' | 'l2';
  /** Constant appended to every row so the bias is learnt as one more (regularised) weight. */
  bias?: number;
  /** Stop when the projected-gradient spread falls below this. */
  eps?: number;
  maxEpochs?: number;
  seed?: number;
  /** Per-row multipliers of C (corrections can weigh more than corpus rows). */
  sampleWeight?: Float32Array;
  /** Per-feature scale applied to x before training (NB log-count ratios). */
  featureScale?: Float64Array;
}

export interface BinaryLinearModel {
  w: Float64Array;
  b: number;
  epochs: number;
}

/**
 * Binary linear SVM by dual coordinate descent (Hsieh et al., ICML 2008): minimises
 * ½‖w‖² + Σ Cᵢ·loss(1 − yᵢ w·xᵢ) over w (and the bias column), labels yᵢ ∈ {−1, +1}.
 */
export function trainBinarySvm(x: CsrMatrix, y: Int8Array, options: SvmOptions): BinaryLinearModel {
  const { C, loss = 'l2', bias = 1, eps = 0.1, maxEpochs = 300, seed = 1 } = options;
  const n = x.rows;
  const w = new Float64Array(x.cols);
  let b = 0;
  const alpha = new Float64Array(n);
  const qDiag = new Float64Array(n);
  const upper = new Float64Array(n);
  const diag = new Float64Array(n);
  const scale = options.featureScale;
  for (let i = 0; i < n; i++) {
    const ci = C * (options.sampleWeight?.[i] ?? 1);
    diag[i] = loss === 'l2' ? 0.5 / ci : 0;
    upper[i] = loss === 'l2' ? Number.POSITIVE_INFINITY : ci;
    let sq = bias * bias;
    for (let k = x.rowPtr[i]!; k < x.rowPtr[i + 1]!; k++) {
      const v = x.values[k]! * (scale ? scale[x.indices[k]!]! : 1);
      sq += v * v;
    }
    qDiag[i] = sq + diag[i]!;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const random = seededRandom(seed);
  let epoch = 0;
  for (; epoch < maxEpochs; epoch++) {
    shuffleInPlace(order, random);
    let maxPg = Number.NEGATIVE_INFINITY;
    let minPg = Number.POSITIVE_INFINITY;
    for (const i of order) {
      const yi = y[i]!;
      const start = x.rowPtr[i]!;
      const end = x.rowPtr[i + 1]!;
      let dot = b * bias;
      if (scale)
        for (let k = start; k < end; k++) dot += x.values[k]! * scale[x.indices[k]!]! * w[x.indices[k]!]!;
      else for (let k = start; k < end; k++) dot += x.values[k]! * w[x.indices[k]!]!;
      const a = alpha[i]!;
      const g = yi * dot - 1 + diag[i]! * a;
      let pg = g;
      if (a === 0) pg = Math.min(g, 0);
      else if (a === upper[i]) pg = Math.max(g, 0);
      if (pg > maxPg) maxPg = pg;
      if (pg < minPg) minPg = pg;
      if (pg === 0) continue;
      const next = Math.min(Math.max(a - g / qDiag[i]!, 0), upper[i]!);
      const step = (next - a) * yi;
      if (step === 0) continue;
      alpha[i] = next;
      if (scale)
        for (let k = start; k < end; k++) w[x.indices[k]!]! += step * x.values[k]! * scale[x.indices[k]!]!;
      else for (let k = start; k < end; k++) w[x.indices[k]!]! += step * x.values[k]!;
      b += step * bias;
    }
    if (maxPg - minPg < eps) break;
  }
  if (scale) for (let j = 0; j < w.length; j++) w[j]! *= scale[j]!;
  return { w, b: b * bias, epochs: epoch + 1 };
}

/** Primal objective ½‖w‖² + ½b²/bias² + Σ Cᵢ·loss (for tests and diagnostics; w already folded with any scale). */
export function svmPrimalObjective(
  x: CsrMatrix,
  y: Int8Array,
  model: { w: Float64Array; b: number },
  C: number,
  loss: 'l1' | 'l2' = 'l2',
  bias = 1,
): number {
  let reg = (model.b / bias) ** 2;
  for (const v of model.w) reg += v * v;
  let sum = 0;
  for (let i = 0; i < x.rows; i++) {
    let dot = model.b;
    for (let k = x.rowPtr[i]!; k < x.rowPtr[i + 1]!; k++) dot += x.values[k]! * model.w[x.indices[k]!]!;
    const margin = Math.max(0, 1 - y[i]! * dot);
    sum += loss === 'l2' ? margin * margin : margin;
  }
  return 0.5 * reg + C * sum;
}
