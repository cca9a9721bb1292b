import { withDomain } from '../features/domain.js';
import { countTerms, extractTerms } from '../features/extract.js';
import { Vocabulary } from '../features/vocabulary.js';
import { type Artefact, type ArtefactHeader, dequantize } from './artefact.js';

export interface Prediction {
  label: string;
  confidence: number;
  /** Probability per label, in header.labels order. */
  probabilities: Record<string, number>;
}

/** A shipped linear text classifier: normalised text → hashed terms → TF-IDF → scores → probabilities. */
export class LinearTextClassifier {
  readonly header: ArtefactHeader;
  private readonly vocabulary: Vocabulary;
  private readonly weights: Float32Array;

  constructor(artefact: Artefact) {
    this.header = artefact.header;
    // Hashes are sorted ascending in the artefact, so vocabulary order = stored order.
    this.vocabulary = new Vocabulary(artefact.hashes, artefact.idf);
    const columns = artefact.header.columns;
    this.weights = new Float32Array(artefact.quantized.length);
    for (let i = 0; i < artefact.quantized.length; i++) {
      this.weights[i] = dequantize(artefact.quantized[i]!, artefact.header.weightScale[i % columns]!);
    }
  }

  /** Raw decision scores (one per column) of already-normalised text. */
  scores(normalized: string, domain?: string): Float64Array {
    const { spec, columns, bias } = this.header;
    const known = domain && this.header.domains.includes(domain) ? domain : undefined;
    const doc = withDomain(countTerms(extractTerms(normalized, spec.features)), known);
    const row = this.vocabulary.vectorize(doc, spec.weighting);
    const out = Float64Array.from(bias);
    for (let k = 0; k < row.indices.length; k++) {
      const base = row.indices[k]! * columns;
      const v = row.values[k]!;
      for (let c = 0; c < columns; c++) out[c]! += v * this.weights[base + c]!;
    }
    return out;
  }

  /** Probabilities from scores: sigmoid (two labels) or softmax, both with the fitted temperature. */
  probabilities(scores: Float64Array): Float64Array {
    return scoresToProbabilities(scores, this.header.temperature);
  }

  predict(normalized: string, domain?: string): Prediction {
    const probs = this.probabilities(this.scores(normalized, domain));
    let best = 0;
    for (let c = 1; c < probs.length; c++) if (probs[c]! > probs[best]!) best = c;
    const probabilities: Record<string, number> = {};
    this.header.labels.forEach((label, i) => {
      probabilities[label] = probs[i]!;
    });
    return { label: this.header.labels[best]!, confidence: probs[best]!, probabilities };
  }
}

/** Sigmoid for one column (→ [1−p, p]), softmax otherwise; scores are scaled by `temperature` first. */
export function scoresToProbabilities(scores: Float64Array, temperature: number): Float64Array {
  if (scores.length === 1) {
    const p = 1 / (1 + Math.exp(-temperature * scores[0]!));
    return Float64Array.of(1 - p, p);
  }
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) max = Math.max(max, temperature * s);
  const out = Float64Array.from(scores, (s) => Math.exp(temperature * s - max));
  let sum = 0;
  for (const v of out) sum += v;
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}
