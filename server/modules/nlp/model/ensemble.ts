import type { TermCounts } from '../features/extract.js';
import { type Artefact, decodeArtefact, encodeArtefact } from './artefact.js';
import { LinearTextClassifier, type Prediction } from './classifier.js';

const MAGIC = 'CLNLPENS';

/** One member of an ensemble: a linear model, optionally used only under one domain hint. */
export interface EnsembleMemberInfo {
  name: string;
  /** Used only when the caller's domain hint equals this (a per-domain model); else always. */
  onlyDomain?: string;
}

/**
 * A log-linear pool of linear models: log p = T·Σ wₘ log pₘ (renormalised), with member weights and
 * the temperature T chosen on validation per domain hint ('' = no hint).
 */
export interface EnsembleHeader {
  format: 'closeloop-ensemble-v1';
  task: string;
  version: string;
  createdAt: string;
  labels: string[];
  members: EnsembleMemberInfo[];
  /** Weight per member (0 = unused) for each hint; '' = no (or an unknown) domain hint. */
  weights: Record<string, number[]>;
  temperatures: Record<string, number>;
  /** Domains that have their own weights. */
  domains: string[];
  /** `neutralBand` for two-label sentiment (chosen on the no-hint path). */
  settings: Record<string, number>;
  training: Record<string, unknown>;
}

export interface EnsembleArtefact {
  header: EnsembleHeader;
  members: Artefact[];
}

export function isEnsembleFile(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 8)).toString('ascii') === MAGIC;
}

/** Container: magic, u32 header length, JSON header, then per member u32 length + gzipped linear artefact. */
export function encodeEnsemble(ensemble: EnsembleArtefact): Buffer {
  const header = Buffer.from(JSON.stringify(ensemble.header), 'utf8');
  const parts: Buffer[] = [Buffer.from(MAGIC, 'ascii'), u32(header.length), header];
  for (const member of ensemble.members) {
    const bytes = encodeArtefact(member);
    parts.push(u32(bytes.length), bytes);
  }
  return Buffer.concat(parts);
}

export function decodeEnsemble(file: Uint8Array): EnsembleArtefact {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (!isEnsembleFile(buf)) throw new Error('not a Closeloop ensemble artefact');
  const headerLength = buf.readUInt32LE(8);
  const header = JSON.parse(buf.subarray(12, 12 + headerLength).toString('utf8')) as EnsembleHeader;
  if (header.format !== 'closeloop-ensemble-v1')
    throw new Error(`unsupported ensemble format ${String(header.format)}`);
  let at = 12 + headerLength;
  const members: Artefact[] = [];
  for (let m = 0; m < header.members.length; m++) {
    const length = buf.readUInt32LE(at);
    members.push(decodeArtefact(buf.subarray(at + 4, at + 4 + length)));
    at += 4 + length;
  }
  return { header, members };
}

/** Drops members that no domain hint gives any weight (they would never be scored). */
export function pruneEnsemble(ensemble: EnsembleArtefact): EnsembleArtefact {
  const { header } = ensemble;
  const keep = header.members
    .map((_, m) => m)
    .filter((m) => Object.values(header.weights).some((w) => (w[m] ?? 0) > 0));
  if (keep.length === header.members.length) return ensemble;
  const weights = Object.fromEntries(
    Object.entries(header.weights).map(([k, w]) => [k, keep.map((m) => w[m]!)]),
  );
  return {
    header: { ...header, members: keep.map((m) => header.members[m]!), weights },
    members: keep.map((m) => ensemble.members[m]!),
  };
}

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value);
  return b;
}

/** Pools member probabilities: softmax(T·Σ wₘ log pₘ / Σ wₘ). */
export function poolProbabilities(
  memberProbabilities: readonly (Float64Array | null)[],
  weights: readonly number[],
  temperature: number,
): Float64Array {
  let z: Float64Array | null = null;
  let total = 0;
  memberProbabilities.forEach((p, m) => {
    const w = weights[m] ?? 0;
    if (!p || w <= 0) return;
    if (!z) z = new Float64Array(p.length);
    for (let c = 0; c < p.length; c++) z[c]! += w * Math.log(Math.max(p[c]!, 1e-12));
    total += w;
  });
  if (!z) throw new Error('no active ensemble member');
  const out = z as Float64Array;
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < out.length; c++) {
    out[c] = (temperature * out[c]!) / total;
    max = Math.max(max, out[c]!);
  }
  let sum = 0;
  for (let c = 0; c < out.length; c++) {
    out[c] = Math.exp(out[c]! - max);
    sum += out[c]!;
  }
  for (let c = 0; c < out.length; c++) out[c]! /= sum;
  return out;
}

/** A shipped ensemble of linear text classifiers; members sharing a feature config share extraction. */
export class EnsembleClassifier {
  readonly header: EnsembleHeader;
  readonly members: LinearTextClassifier[];
  private readonly featureKeys: string[];

  constructor(artefact: EnsembleArtefact) {
    this.header = artefact.header;
    this.members = artefact.members.map((m) => new LinearTextClassifier(m));
    this.featureKeys = this.members.map((m) => JSON.stringify(m.header.spec.features));
  }

  /**
   * True when `domain` has its own pool weights and a member with weights for it. A hint may name a
   * sub-domain ("shopping/书籍": pool weights of "shopping", member weights of "shopping/书籍").
   */
  knowsDomain(domain: string | undefined): boolean {
    if (domain === undefined) return false;
    const top = domain.split('/')[0]!;
    return (
      this.header.domains.includes(top) &&
      this.members.some((m, j) => m.knowsDomain(domain) || this.header.members[j]!.onlyDomain === top)
    );
  }

  /** Label probabilities (header.labels order) of already-normalised text. */
  probabilitiesOf(normalized: string, domain?: string): Float64Array {
    return this.pooledOf(normalized, domain, new Map());
  }

  /**
   * A soft domain hint: Σ qₕ · p(label | text, hint h) over the given hints (weights qₕ, e.g. the
   * category model's posterior over "shopping/<category>"); the text's terms are extracted once.
   */
  predictMixture(normalized: string, hints: ReadonlyArray<readonly [string, number]>): Prediction {
    const terms = new Map<string, TermCounts>();
    const mixed = new Float64Array(this.header.labels.length);
    let total = 0;
    for (const [domain, q] of hints) {
      if (!(q > 0)) continue;
      const p = this.pooledOf(normalized, domain, terms);
      for (let c = 0; c < mixed.length; c++) mixed[c]! += q * p[c]!;
      total += q;
    }
    if (total === 0) return this.predict(normalized);
    for (let c = 0; c < mixed.length; c++) mixed[c]! /= total;
    return this.toPrediction(mixed);
  }

  private pooledOf(
    normalized: string,
    domain: string | undefined,
    terms: Map<string, TermCounts>,
  ): Float64Array {
    const known = this.knowsDomain(domain);
    const key = known ? domain!.split('/')[0]! : '';
    const weights = this.header.weights[key]!;
    const probabilities = this.members.map((member, m) => {
      if (!(weights[m]! > 0)) return null;
      const featureKey = this.featureKeys[m]!;
      let doc = terms.get(featureKey);
      if (!doc) {
        doc = member.termsOf(normalized);
        terms.set(featureKey, doc);
      }
      const hint = known ? domain : undefined;
      const hinted = member.knowsDomain(hint);
      return member.probabilities(member.scoresOfTerms(doc, hint), hinted);
    });
    return poolProbabilities(probabilities, weights, this.header.temperatures[key] ?? 1);
  }

  predict(normalized: string, domain?: string): Prediction {
    return this.toPrediction(this.probabilitiesOf(normalized, domain));
  }

  private toPrediction(probs: Float64Array): Prediction {
    let best = 0;
    for (let c = 1; c < probs.length; c++) if (probs[c]! > probs[best]!) best = c;
    const probabilities: Record<string, number> = {};
    this.header.labels.forEach((label, i) => {
      probabilities[label] = probs[i]!;
    });
    return { label: this.header.labels[best]!, confidence: probs[best]!, probabilities };
  }
}
