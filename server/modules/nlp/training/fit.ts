import { countTerms, extractTerms, type TermCounts } from '../features/extract.js';
import { fitVocabulary, type Vocabulary } from '../features/vocabulary.js';
import { mlpOutput, trainMlp } from '../linear/mlp.js';
import { trainSoftmax } from '../linear/softmax.js';
import { type CsrMatrix, toCsr } from '../linear/sparse.js';
import { trainBinarySvm } from '../linear/svm.js';
import { normalizeForAnalysis } from '../text/normalize.js';
import type { ModelSpec } from './spec.js';

/** A fitted classifier before quantisation: weights are [feature × column] row-major. */
export interface FittedModel {
  labels: string[];
  vocabulary: Vocabulary;
  /** 1 column for two labels (score of labels[1]), else one column per label. */
  columns: number;
  weights: Float64Array;
  bias: Float64Array;
  /** MLP: weights/bias above are the hidden layer (columns = hidden units); this is the output layer. */
  output?: { w2: Float64Array; b2: Float64Array };
}

/** Terms of each text (normalised first); reusable across specs with the same feature config. */
export function termsOf(
  texts: readonly string[],
  spec: ModelSpec,
  onProgress?: (done: number) => void,
): TermCounts[] {
  return texts.map((text, i) => {
    if (onProgress && i % 1000 === 0) onProgress(i);
    return countTerms(extractTerms(normalizeForAnalysis(text), spec.features));
  });
}

function nbRatios(x: CsrMatrix, positive: (row: number) => boolean, alpha = 1): Float64Array {
  const p = new Float64Array(x.cols).fill(alpha);
  const q = new Float64Array(x.cols).fill(alpha);
  for (let i = 0; i < x.rows; i++) {
    const target = positive(i) ? p : q;
    for (let k = x.rowPtr[i]!; k < x.rowPtr[i + 1]!; k++) target[x.indices[k]!]! += 1;
  }
  let sp = 0;
  let sq = 0;
  for (let j = 0; j < x.cols; j++) {
    sp += p[j]!;
    sq += q[j]!;
  }
  const r = new Float64Array(x.cols);
  for (let j = 0; j < x.cols; j++) r[j] = Math.log(p[j]! / sp / (q[j]! / sq));
  return r;
}

export interface FitInput {
  labels: string[];
  terms: readonly TermCounts[];
  y: Int32Array;
  weights?: Float32Array;
}

/** Fits vocabulary (train rows only), weighting and the linear learner of `spec`. */
export function fitModel(input: FitInput, spec: ModelSpec, seed = 1): FittedModel {
  const vocabulary = fitVocabulary(input.terms, {
    minDf: spec.minDf,
    ...(spec.maxFeatures ? { maxFeatures: spec.maxFeatures } : {}),
  });
  const x = toCsr(
    input.terms.map((doc) => vocabulary.vectorize(doc, spec.weighting, spec.features.wordShare)),
    vocabulary.size,
  );
  const K = input.labels.length;
  const F = vocabulary.size;
  const learner = spec.learner;
  if (learner.kind === 'mlp') {
    const model = trainMlp(x, input.y, K, {
      hidden: learner.hidden,
      epochs: learner.epochs,
      learningRate: learner.learningRate,
      ...(learner.l2 !== undefined ? { l2: learner.l2 } : {}),
      ...(learner.dropout !== undefined ? { dropout: learner.dropout } : {}),
      ...(learner.initScale !== undefined ? { initScale: learner.initScale } : {}),
      seed,
      ...(input.weights ? { sampleWeight: input.weights } : {}),
    });
    return {
      labels: input.labels,
      vocabulary,
      columns: learner.hidden,
      weights: Float64Array.from(model.w1),
      bias: Float64Array.from(model.b1),
      output: { w2: model.w2, b2: model.b2 },
    };
  }
  if (learner.kind === 'softmax') {
    const model = trainSoftmax(x, input.y, K, {
      lambda: learner.lambda,
      maxIterations: learner.maxIterations,
      ...(input.weights ? { sampleWeight: input.weights } : {}),
    });
    return {
      labels: input.labels,
      vocabulary,
      columns: K,
      weights: Float64Array.from(model.weights),
      bias: Float64Array.from(model.bias),
    };
  }
  const columns = K === 2 ? 1 : K;
  const weights = new Float64Array(F * columns);
  const bias = new Float64Array(columns);
  for (let c = 0; c < columns; c++) {
    const target = K === 2 ? 1 : c;
    const y = Int8Array.from(input.y, (label) => (label === target ? 1 : -1));
    const model = trainBinarySvm(x, y, {
      C: learner.C,
      loss: learner.loss,
      seed: seed + c,
      ...(input.weights ? { sampleWeight: input.weights } : {}),
      ...(spec.nb ? { featureScale: nbRatios(x, (row) => y[row] === 1) } : {}),
    });
    for (let j = 0; j < F; j++) weights[j * columns + c] = model.w[j]!;
    bias[c] = model.b;
  }
  return { labels: input.labels, vocabulary, columns, weights, bias };
}

/** Raw decision scores of one document: length = columns. */
export function decisionScores(model: FittedModel, doc: TermCounts, spec: ModelSpec): Float64Array {
  const row = model.vocabulary.vectorize(doc, spec.weighting, spec.features.wordShare);
  const scores = Float64Array.from(model.bias);
  for (let k = 0; k < row.indices.length; k++) {
    const base = row.indices[k]! * model.columns;
    const v = row.values[k]!;
    for (let c = 0; c < model.columns; c++) scores[c]! += v * model.weights[base + c]!;
  }
  return model.output ? mlpOutput(scores, model.output.w2, model.output.b2) : scores;
}

/** Index of the predicted label. */
export function argmaxLabel(scores: Float64Array): number {
  if (scores.length === 1) return scores[0]! > 0 ? 1 : 0;
  let best = 0;
  for (let c = 1; c < scores.length; c++) if (scores[c]! > scores[best]!) best = c;
  return best;
}
