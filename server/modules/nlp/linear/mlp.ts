import { seededRandom, shuffleInPlace } from './random.js';
import type { CsrMatrix } from './sparse.js';

export interface MlpOptions {
  /** Hidden ReLU units. */
  hidden: number;
  epochs: number;
  /** AdaGrad step size. */
  learningRate: number;
  /** L2 penalty applied to the rows touched by each example (lazy). */
  l2?: number;
  /** Dropout rate on the hidden layer during training. */
  dropout?: number;
  seed?: number;
  sampleWeight?: Float32Array;
  /** Standard deviation of the initial hidden-layer weights (default 0.5). */
  initScale?: number;
}

/** One hidden layer over sparse rows: scores = W2·relu(W1ᵀx + b1) + b2. */
export interface MlpModel {
  /** [feature × hidden], row-major. */
  w1: Float32Array;
  b1: Float64Array;
  /** [hidden × class], row-major. */
  w2: Float64Array;
  b2: Float64Array;
  hidden: number;
  classes: number;
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Trains by AdaGrad on softmax cross-entropy, one example at a time (sparse updates of W1). */
export function trainMlp(x: CsrMatrix, y: Int32Array, classes: number, options: MlpOptions): MlpModel {
  const H = options.hidden;
  const K = classes;
  const { epochs, learningRate: lr, l2 = 0, dropout = 0 } = options;
  const random = seededRandom(options.seed ?? 1);
  const w1 = new Float32Array(x.cols * H);
  const initScale = options.initScale ?? 0.5;
  for (let i = 0; i < w1.length; i++) w1[i] = initScale * gaussian(random);
  const b1 = new Float64Array(H).fill(0.01);
  const w2 = new Float64Array(H * K);
  for (let i = 0; i < w2.length; i++) w2[i] = gaussian(random) * Math.sqrt(2 / H);
  const b2 = new Float64Array(K);
  const g1 = new Float32Array(x.cols * H).fill(1e-6);
  const gb1 = new Float64Array(H).fill(1e-6);
  const g2 = new Float64Array(H * K).fill(1e-6);
  const gb2 = new Float64Array(K).fill(1e-6);
  const h = new Float64Array(H);
  const mask = new Float64Array(H);
  const p = new Float64Array(K);
  const dh = new Float64Array(H);
  const order = new Int32Array(x.rows);
  for (let i = 0; i < x.rows; i++) order[i] = i;
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const start = x.rowPtr[i]!;
      const end = x.rowPtr[i + 1]!;
      const weight = options.sampleWeight?.[i] ?? 1;
      for (let u = 0; u < H; u++) h[u] = b1[u]!;
      for (let k = start; k < end; k++) {
        const v = x.values[k]!;
        const base = x.indices[k]! * H;
        for (let u = 0; u < H; u++) h[u]! += v * w1[base + u]!;
      }
      for (let u = 0; u < H; u++) {
        const keep = dropout > 0 ? (random() >= dropout ? 1 / (1 - dropout) : 0) : 1;
        mask[u] = h[u]! > 0 ? keep : 0;
        h[u] = h[u]! * mask[u]!;
      }
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < K; c++) {
        let s = b2[c]!;
        for (let u = 0; u < H; u++) s += h[u]! * w2[u * K + c]!;
        p[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < K; c++) {
        p[c] = Math.exp(p[c]! - max);
        sum += p[c]!;
      }
      for (let c = 0; c < K; c++) p[c] = weight * (p[c]! / sum - (c === y[i] ? 1 : 0));
      dh.fill(0);
      for (let u = 0; u < H; u++) {
        if (mask[u] === 0) continue;
        let d = 0;
        for (let c = 0; c < K; c++) {
          const at = u * K + c;
          d += w2[at]! * p[c]!;
          const g = p[c]! * h[u]! + l2 * w2[at]!;
          g2[at]! += g * g;
          w2[at]! -= (lr * g) / Math.sqrt(g2[at]!);
        }
        dh[u] = d * mask[u]!;
      }
      for (let c = 0; c < K; c++) {
        gb2[c]! += p[c]! * p[c]!;
        b2[c]! -= (lr * p[c]!) / Math.sqrt(gb2[c]!);
      }
      for (let u = 0; u < H; u++) {
        const d = dh[u]!;
        if (d === 0) continue;
        gb1[u]! += d * d;
        b1[u]! -= (lr * d) / Math.sqrt(gb1[u]!);
      }
      for (let k = start; k < end; k++) {
        const v = x.values[k]!;
        const base = x.indices[k]! * H;
        for (let u = 0; u < H; u++) {
          const d = dh[u]!;
          if (d === 0 && l2 === 0) continue;
          const at = base + u;
          const g = v * d + l2 * w1[at]!;
          g1[at]! += g * g;
          w1[at]! -= (lr * g) / Math.sqrt(g1[at]!);
        }
      }
    }
  }
  return { w1, b1, w2, b2, hidden: H, classes: K };
}

/** Output scores from hidden pre-activations (W1ᵀx + b1, computed by the caller). */
export function mlpOutput(pre: Float64Array, w2: ArrayLike<number>, b2: ArrayLike<number>): Float64Array {
  const K = b2.length;
  const out = Float64Array.from(b2);
  for (let u = 0; u < pre.length; u++) {
    const a = pre[u]!;
    if (a <= 0) continue;
    for (let c = 0; c < K; c++) out[c]! += a * w2[u * K + c]!;
  }
  return out;
}
