import { withDomain } from '../features/domain.js';
import { countTerms, extractTerms, type TermCounts } from '../features/extract.js';
import { Vocabulary } from '../features/vocabulary.js';
import { mlpOutput } from '../linear/mlp.js';
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
    const q = artefact.quantized;
    this.weights = new Float32Array(q.length);
    // One 256-entry lookup table per column instead of a dequantisation per weight.
    for (let c = 0; c < columns; c++) {
      const table = new Float32Array(256);
      for (let v = -128; v < 128; v++) table[v + 128] = dequantize(v, artefact.header.weightScale[c]!);
      for (let i = c; i < q.length; i += columns) this.weights[i] = table[q[i]! + 128]!;
    }
  }

  /** Raw decision scores (one per column) of already-normalised text. */
  scores(normalized: string, domain?: string): Float64Array {
    return this.scoresOfTerms(this.termsOf(normalized), domain);
  }

  /** Counted terms of normalised text under this model's feature config (shareable across models with the same config). */
  termsOf(normalized: string): TermCounts {
    return countTerms(extractTerms(normalized, this.header.spec.features));
  }

  /** Raw decision scores of terms from `termsOf`. */
  scoresOfTerms(doc: TermCounts, domain?: string): Float64Array {
    const { spec, bias } = this.header;
    const known = this.knowsDomain(domain) ? domain : undefined;
    const scores = this.vocabulary.score(
      withDomain(doc, known),
      spec.weighting,
      spec.features.wordShare,
      this.weights,
      bias,
    );
    const output = this.header.output;
    return output ? mlpOutput(scores, output.w2, output.b2) : scores;
  }

  /** True when `domain` selects domain-specific weights of this model. */
  knowsDomain(domain: string | undefined): boolean {
    return domain !== undefined && this.header.domains.includes(domain);
  }

  /**
   * Probabilities from scores: sigmoid (two labels) or softmax, with the temperature fitted on
   * validation for the path taken (with or without domain weights).
   */
  probabilities(scores: Float64Array, withDomain = false): Float64Array {
    const plain = this.header.settings.plainTemperature;
    return scoresToProbabilities(
      scores,
      !withDomain && plain !== undefined ? plain : this.header.temperature,
    );
  }

  predict(normalized: string, domain?: string): Prediction {
    const probs = this.probabilities(this.scores(normalized, domain), this.knowsDomain(domain));
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
