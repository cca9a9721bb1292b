import { withDomain } from '../features/domain.js';
import type { TermCounts } from '../features/extract.js';
import type { Artefact } from '../model/artefact.js';
import { dequantize } from '../model/artefact.js';
import { scoresToProbabilities } from '../model/classifier.js';
import { chooseNeutralBand, fitTemperature } from './calibrate.js';
import { argmaxLabel, decisionScores, type FittedModel, fitModel, termsOf } from './fit.js';
import { quantizeModel } from './quantize.js';
import { describeSpec, type ModelSpec } from './spec.js';
import { isValidation } from './split.js';
import type { LabeledText } from './types.js';

/** A training row: corpus rows carry their dataset; corrections are never used for validation. */
export type TrainingRow = LabeledText & { dataset: string; correction?: boolean };

export interface TrainTaskInput {
  task: string;
  version: string;
  rows: TrainingRow[];
  candidates: ModelSpec[];
  /** Train domain-specific feature copies (domain = row.domain). */
  domainAware: boolean;
  /** Two-label sentiment: choose a neutral band on validation. */
  neutralBand: boolean;
  seed: number;
  progress: (stage: string, done: number, total: number) => void;
  /** Terms of `rows` under a feature config, when the caller already has them (shared across ensemble members). */
  sharedTerms?: (spec: ModelSpec) => TermCounts[];
}

export interface CandidateResult {
  spec: string;
  validation: Record<string, number>;
  mean: number;
}

export interface TrainTaskResult {
  artefact: Artefact;
  candidates: CandidateResult[];
  chosen: CandidateResult;
  quantizedValidation: Record<string, number>;
  seconds: number;
  /** Indices (into the input rows) of the validation rows, and the chosen model's calibrated probabilities on them. */
  validationRows: number[];
  validationProbabilities: Float64Array[];
  /** Domain-aware models: the same without the domain hint. */
  plainValidationProbabilities?: Float64Array[];
}

function accuracyByDataset(
  rows: readonly TrainingRow[],
  indices: readonly number[],
  predict: (i: number) => string,
): Record<string, number> {
  const tally = new Map<string, [number, number]>();
  for (const i of indices) {
    const row = rows[i]!;
    const t = tally.get(row.dataset) ?? [0, 0];
    tally.set(row.dataset, [t[0] + (predict(i) === row.label ? 1 : 0), t[1] + 1]);
  }
  return Object.fromEntries([...tally].map(([d, [ok, n]]) => [d, ok / n]));
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

function mean(values: Record<string, number>): number {
  const v = Object.values(values);
  return v.reduce((a, b) => a + b, 0) / Math.max(v.length, 1);
}

function quantizedCopy(model: FittedModel): FittedModel {
  const { quantized, scales } = quantizeModel(model);
  const weights = Float64Array.from(quantized, (q, i) => dequantize(q, scales[i % model.columns]!));
  return { ...model, weights };
}

/**
 * Picks the candidate spec with the best mean validation accuracy (validation = 10 % of TRAIN by
 * hash), fits the temperature (and neutral band) on validation, then refits on all training rows.
 */
export function trainTask(input: TrainTaskInput): TrainTaskResult {
  const started = performance.now();
  const { rows } = input;
  const labels = [...new Set(rows.map((r) => r.label))].sort();
  const y = Int32Array.from(rows, (r) => labels.indexOf(r.label));
  const weights = rows.some((r) => r.weight !== undefined)
    ? Float32Array.from(rows, (r) => r.weight ?? 1)
    : undefined;
  const validation: number[] = [];
  const fitPart: number[] = [];
  rows.forEach((row, i) => {
    (!row.correction && isValidation(row.text) ? validation : fitPart).push(i);
  });

  const plainCache = new Map<string, TermCounts[]>();
  const termCache = new Map<string, TermCounts[]>();
  /** Terms without domain copies: what a domain-aware model sees when no domain hint is given. */
  const plainTermsFor = (spec: ModelSpec): TermCounts[] => {
    const key = JSON.stringify(spec.features);
    let terms = plainCache.get(key);
    if (!terms) {
      terms =
        input.sharedTerms?.(spec) ??
        termsOf(
          rows.map((r) => r.text),
          spec,
          (done) => input.progress('features', done, rows.length),
        );
      plainCache.set(key, terms);
    }
    return terms;
  };
  const termsFor = (spec: ModelSpec): TermCounts[] => {
    const key = JSON.stringify(spec.features);
    let terms = termCache.get(key);
    if (!terms) {
      const plain = plainTermsFor(spec);
      terms = input.domainAware ? plain.map((t, i) => withDomain(t, rows[i]!.domain)) : plain;
      termCache.set(key, terms);
    }
    return terms;
  };
  const fitOn = (spec: ModelSpec, indices: readonly number[]): FittedModel => {
    const terms = termsFor(spec);
    return fitModel(
      {
        labels,
        terms: indices.map((i) => terms[i]!),
        y: Int32Array.from(indices, (i) => y[i]!),
        ...(weights ? { weights: Float32Array.from(indices, (i) => weights[i]!) } : {}),
      },
      spec,
      input.seed,
    );
  };

  const candidates: CandidateResult[] = [];
  let best: { spec: ModelSpec; model: FittedModel; result: CandidateResult } | undefined;
  input.candidates.forEach((spec, c) => {
    input.progress('candidates', c, input.candidates.length);
    const model = fitOn(spec, fitPart);
    const terms = termsFor(spec);
    const scores = accuracyByDataset(
      rows,
      validation,
      (i) => labels[argmaxLabel(decisionScores(model, terms[i]!, spec))]!,
    );
    const result = { spec: describeSpec(spec), validation: scores, mean: mean(scores) };
    candidates.push(result);
    if (!best || result.mean > best.result.mean) best = { spec, model, result };
  });
  input.progress('candidates', input.candidates.length, input.candidates.length);
  if (!best) throw new Error(`no candidate specs for ${input.task}`);
  const { spec, model } = best;
  const terms = termsFor(spec);

  const valScores = validation.map((i) => decisionScores(model, terms[i]!, spec));
  const valY = Int32Array.from(validation, (i) => y[i]!);
  const temperature = fitTemperature(valScores, valY);
  const settings: Record<string, number> = {};
  // The product's default path for a domain-aware model has no domain hint: calibrate that path too.
  let defaultScores = valScores;
  let defaultTemperature = temperature;
  if (input.domainAware) {
    const plain = plainTermsFor(spec);
    defaultScores = validation.map((i) => decisionScores(model, plain[i]!, spec));
    defaultTemperature = fitTemperature(defaultScores, valY);
    settings.plainTemperature = defaultTemperature;
  }
  if (input.neutralBand && labels.length === 2) {
    const sentiment = defaultScores.map((s) => {
      const p = scoresToProbabilities(s, defaultTemperature);
      return p[1]! - p[0]!;
    });
    settings.neutralBand = chooseNeutralBand(
      sentiment,
      validation.map((i, k) => argmaxLabel(defaultScores[k]!) === y[i]),
    );
  }
  const validationProbabilities = valScores.map((s) => scoresToProbabilities(s, temperature));
  const plainValidationProbabilities = input.domainAware
    ? defaultScores.map((s) => scoresToProbabilities(s, defaultTemperature))
    : undefined;
  const quantized = quantizedCopy(model);
  const quantizedValidation = accuracyByDataset(
    rows,
    validation,
    (i) => labels[argmaxLabel(decisionScores(quantized, terms[i]!, spec))]!,
  );

  input.progress('final fit', 0, 1);
  const all = rows.map((_, i) => i);
  const final = fitOn(spec, all);
  input.progress('final fit', 1, 1);
  const { quantized: q, scales } = quantizeModel(final);
  const datasets = [...new Set(rows.filter((r) => !r.correction).map((r) => r.dataset))];
  const artefact: Artefact = {
    header: {
      format: 'closeloop-linear-v1',
      task: input.task,
      version: input.version,
      createdAt: new Date().toISOString(),
      labels,
      columns: final.columns,
      spec,
      features: final.vocabulary.size,
      weightScale: scales,
      bias: Array.from(final.bias),
      temperature,
      domains: input.domainAware
        ? [...new Set(rows.map((r) => r.domain).filter((d): d is string => !!d))].sort()
        : [],
      settings,
      ...(final.output
        ? { output: { w2: Array.from(final.output.w2, round6), b2: Array.from(final.output.b2, round6) } }
        : {}),
      training: {
        sources: datasets.map((d) => ({
          dataset: d,
          split: 'train',
          rows: rows.filter((r) => r.dataset === d).length,
        })),
        corrections: rows.filter((r) => r.correction).length,
        validation: best.result.validation,
        quantizedValidation,
        chosen: best.result.spec,
        seed: input.seed,
      },
    },
    hashes: final.vocabulary.hashes,
    idf: final.vocabulary.idf,
    quantized: q,
  };
  return {
    artefact,
    candidates,
    chosen: best.result,
    quantizedValidation,
    seconds: (performance.now() - started) / 1000,
    validationRows: validation,
    validationProbabilities,
    ...(plainValidationProbabilities ? { plainValidationProbabilities } : {}),
  };
}
