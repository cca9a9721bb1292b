import type { TermCounts } from '../features/extract.js';
import type { EnsembleArtefact, EnsembleMemberInfo } from '../model/ensemble.js';
import { poolProbabilities, pruneEnsemble } from '../model/ensemble.js';
import { chooseNeutralBand } from './calibrate.js';
import { termsOf } from './fit.js';
import type { ModelSpec } from './spec.js';
import { type TrainingRow, type TrainTaskResult, trainTask } from './train-task.js';

/** Pool weights are kept per top-level domain: "shopping/书籍" pools as "shopping". */
export function topDomain(domain: string | undefined): string | undefined {
  return domain?.split('/')[0];
}

export interface MemberDefinition {
  name: string;
  candidates: ModelSpec[];
  /** Domain-specific feature copies next to the shared ones (domain = row.domain). */
  domainAware?: boolean;
  /** Train on (and use under) this domain's rows only. */
  onlyDomain?: string;
}

export interface TrainEnsembleInput {
  task: string;
  version: string;
  rows: TrainingRow[];
  members: MemberDefinition[];
  /** Two-label sentiment: choose a neutral band on validation (no-hint path). */
  neutralBand: boolean;
  seed: number;
  /** Step of the weight grid searched on validation. */
  weightStep?: number;
  /**
   * What the weight search maximises on validation: accuracy (ties: log-loss) or the log-likelihood
   * (default; smoother, so less prone to fitting the noise of a small validation set).
   */
  weightObjective?: 'accuracy' | 'logloss';
  progress: (stage: string, done: number, total: number) => void;
}

export interface TrainEnsembleResult {
  artefact: EnsembleArtefact;
  members: Array<{ name: string; result: TrainTaskResult }>;
  /** Validation accuracy per dataset of the pooled model (hinted path for domains with own weights). */
  validation: Record<string, number>;
  plainValidation: Record<string, number>;
  seconds: number;
}

/** All weight vectors on a grid of `step` over the members in `active` (others 0), summing to 1. */
function weightGrid(count: number, active: readonly number[], step: number): number[][] {
  const units = Math.round(1 / step);
  const out: number[][] = [];
  const walk = (k: number, left: number, acc: number[]): void => {
    if (k === active.length - 1) {
      const w = new Array<number>(count).fill(0);
      [...acc, left].forEach((u, j) => {
        w[active[j]!] = u / units;
      });
      out.push(w);
      return;
    }
    for (let u = 0; u <= left; u++) walk(k + 1, left - u, [...acc, u]);
  };
  if (active.length > 0) walk(0, units, []);
  return out;
}

function argmax(p: Float64Array): number {
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  return best;
}

/**
 * Trains every member (each picks its spec and temperature on the validation carve-out and is refit
 * on all of TRAIN), then, per domain hint ('' = none), the member weights with the best validation
 * accuracy (ties: lower log-loss) and the pooled temperature.
 */
export function trainEnsemble(input: TrainEnsembleInput): TrainEnsembleResult {
  const started = performance.now();
  const { rows } = input;
  const labels = [...new Set(rows.map((r) => r.label))].sort();
  const y = rows.map((r) => labels.indexOf(r.label));
  const step = input.weightStep ?? 0.1;
  const objective = input.weightObjective ?? 'logloss';
  const members: Array<{ name: string; result: TrainTaskResult }> = [];
  /** Per member: calibrated validation probabilities by original row index, hinted and plain. */
  const hinted: Array<Map<number, Float64Array>> = [];
  const plain: Array<Map<number, Float64Array>> = [];
  const termCache = new Map<string, TermCounts[]>();
  const allTerms = (spec: ModelSpec): TermCounts[] => {
    const key = JSON.stringify(spec.features);
    let terms = termCache.get(key);
    if (!terms) {
      terms = termsOf(
        rows.map((r) => r.text),
        spec,
        (done) => input.progress('features', done, rows.length),
      );
      termCache.set(key, terms);
    }
    return terms;
  };
  for (const def of input.members) {
    const indices = rows
      .map((_, i) => i)
      .filter((i) => !def.onlyDomain || rows[i]!.domain === def.onlyDomain);
    const result = trainTask({
      task: `${input.task}.${def.name}`,
      version: input.version,
      rows: indices.map((i) => rows[i]!),
      candidates: def.candidates,
      domainAware: def.domainAware ?? false,
      neutralBand: false,
      seed: input.seed,
      progress: (stage, done, total) => input.progress(`${def.name} ${stage}`, done, total),
      sharedTerms: (spec) => {
        const terms = allTerms(spec);
        return indices.map((i) => terms[i]!);
      },
    });
    if (result.artefact.header.labels.join('\u0000') !== labels.join('\u0000'))
      throw new Error(`member ${def.name} does not see every label of ${input.task}`);
    const h = new Map<number, Float64Array>();
    const p = new Map<number, Float64Array>();
    result.validationRows.forEach((local, k) => {
      const original = indices[local]!;
      h.set(original, result.validationProbabilities[k]!);
      p.set(original, result.plainValidationProbabilities?.[k] ?? result.validationProbabilities[k]!);
    });
    hinted.push(h);
    plain.push(p);
    members.push({ name: def.name, result });
  }
  const validationRows = [...hinted[0]!.keys()].filter((i) =>
    hinted.every((m, j) => !!input.members[j]!.onlyDomain || m.has(i)),
  );
  const domains = [
    ...new Set(
      input.members
        .filter((m) => m.domainAware || m.onlyDomain)
        .flatMap((m) => (m.onlyDomain ? [m.onlyDomain] : [])),
    ),
  ];
  for (const def of input.members)
    if (def.domainAware)
      for (const r of rows) {
        const top = topDomain(r.domain);
        if (top && !domains.includes(top)) domains.push(top);
      }
  domains.sort();

  const weights: Record<string, number[]> = {};
  const temperatures: Record<string, number> = {};
  const pooledAccuracy = new Map<string, number>();
  const choose = (
    key: string,
    rowsForKey: number[],
    probsOf: (m: number, i: number) => Float64Array | null,
    active: number[],
  ) => {
    let best: { w: number[]; acc: number; nll: number } | undefined;
    for (const w of weightGrid(input.members.length, active, step)) {
      let ok = 0;
      let nll = 0;
      for (const i of rowsForKey) {
        const p = poolProbabilities(
          input.members.map((_, m) => probsOf(m, i)),
          w,
          1,
        );
        if (argmax(p) === y[i]) ok++;
        nll -= Math.log(Math.max(p[y[i]!]!, 1e-12));
      }
      const acc = ok / Math.max(rowsForKey.length, 1);
      const better =
        !best ||
        (objective === 'accuracy'
          ? acc > best.acc + 1e-12 || (Math.abs(acc - best.acc) <= 1e-12 && nll < best.nll)
          : nll < best.nll);
      if (better) best = { w, acc, nll };
    }
    const chosen = best!.w;
    // Pooled temperature: golden-section search of the validation log-loss over log T in [−3, 3].
    const nllAt = (t: number) => {
      let sum = 0;
      for (const i of rowsForKey) {
        const p = poolProbabilities(
          input.members.map((_, m) => probsOf(m, i)),
          chosen,
          t,
        );
        sum -= Math.log(Math.max(p[y[i]!]!, 1e-12));
      }
      return sum;
    };
    let lo = -3;
    let hi = 3;
    const phi = (Math.sqrt(5) - 1) / 2;
    for (let k = 0; k < 40; k++) {
      const a = hi - phi * (hi - lo);
      const b = lo + phi * (hi - lo);
      if (nllAt(Math.exp(a)) < nllAt(Math.exp(b))) hi = b;
      else lo = a;
    }
    weights[key] = chosen;
    temperatures[key] = rowsForKey.length > 0 ? Math.exp((lo + hi) / 2) : 1;
    pooledAccuracy.set(key, best!.acc);
  };

  const general = input.members.map((m, j) => (m.onlyDomain ? -1 : j)).filter((j) => j >= 0);
  choose('', validationRows, (m, i) => (input.members[m]!.onlyDomain ? null : plain[m]!.get(i)!), general);
  for (const d of domains) {
    const active = input.members
      .map((m, j) => (!m.onlyDomain || m.onlyDomain === d ? j : -1))
      .filter((j) => j >= 0);
    const rowsForKey = validationRows.filter((i) => topDomain(rows[i]!.domain) === d);
    choose(d, rowsForKey, (m, i) => (active.includes(m) ? (hinted[m]!.get(i) ?? null) : null), active);
  }

  const accuracyBy = (probs: (i: number) => Float64Array) => {
    const tally = new Map<string, [number, number]>();
    for (const i of validationRows) {
      const t = tally.get(rows[i]!.dataset) ?? [0, 0];
      tally.set(rows[i]!.dataset, [t[0] + (argmax(probs(i)) === y[i] ? 1 : 0), t[1] + 1]);
    }
    return Object.fromEntries([...tally].map(([d, [ok, n]]) => [d, ok / n]));
  };
  const pooled = (key: string, i: number, usePlain: boolean) =>
    poolProbabilities(
      input.members.map((m, j) =>
        m.onlyDomain && m.onlyDomain !== key ? null : ((usePlain ? plain : hinted)[j]!.get(i) ?? null),
      ),
      weights[key]!,
      temperatures[key]!,
    );
  const plainValidation = accuracyBy((i) => pooled('', i, true));
  const validation = accuracyBy((i) => {
    const d = topDomain(rows[i]!.domain);
    return d && weights[d] ? pooled(d, i, false) : pooled('', i, true);
  });

  const settings: Record<string, number> = {};
  if (input.neutralBand && labels.length === 2) {
    const probs = validationRows.map((i) => pooled('', i, true));
    settings.neutralBand = chooseNeutralBand(
      probs.map((p) => p[1]! - p[0]!),
      validationRows.map((i, k) => argmax(probs[k]!) === y[i]),
    );
  }
  const info: EnsembleMemberInfo[] = input.members.map((m) => ({
    name: m.name,
    ...(m.onlyDomain ? { onlyDomain: m.onlyDomain } : {}),
  }));
  const datasets = [...new Set(rows.filter((r) => !r.correction).map((r) => r.dataset))];
  return {
    artefact: pruneEnsemble({
      header: {
        format: 'closeloop-ensemble-v1',
        task: input.task,
        version: input.version,
        createdAt: new Date().toISOString(),
        labels,
        members: info,
        weights,
        temperatures,
        domains,
        settings,
        training: {
          sources: datasets.map((d) => ({
            dataset: d,
            split: 'train',
            rows: rows.filter((r) => r.dataset === d).length,
          })),
          corrections: rows.filter((r) => r.correction).length,
          validation,
          plainValidation,
          members: members.map((m) => ({
            name: m.name,
            chosen: m.result.chosen.spec,
            validation: m.result.chosen.validation,
            quantizedValidation: m.result.quantizedValidation,
            candidates: m.result.candidates,
          })),
          seed: input.seed,
        },
      },
      members: members.map((m) => m.result.artefact),
    }),
    members,
    validation,
    plainValidation,
    seconds: (performance.now() - started) / 1000,
  };
}
