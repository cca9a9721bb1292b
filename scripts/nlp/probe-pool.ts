// Development aid: per dataset, log-linear pool weights of probed members on a 0.1 grid (as
// trainEnsemble does), reported both as chosen on all of validation (optimistic) and cross-fitted
// (weights chosen on one half of validation, scored on the other, and vice versa), plus an optional
// bias offset for two-label tasks chosen the same way. Validation = the carve-out of TRAIN; never test.
// usage: tsx scripts/nlp/probe-pool.ts TASK name,name,... [name,name,...]...
// GROUP=domain: weights per full domain hint (e.g. per shopping category) instead of per dataset; the
// per-dataset totals of the grouped figures are printed after the groups.
import { readFileSync } from 'node:fs';
import { scoresToProbabilities } from '../../server/modules/nlp/model/classifier.js';
import { fitTemperature } from '../../server/modules/nlp/training/calibrate.js';

const task = process.argv[2]!;
const sets = process.argv.slice(3).map((s) => s.split(','));
const dir = `/tmp/closeloop-probe/${task}`;
const meta = JSON.parse(readFileSync(`${dir}/_meta.json`, 'utf8')) as {
  labels: string[];
  y: number[];
  dataset: string[];
  domain?: string[];
};
const byDomain = process.env.GROUP === 'domain';
const groupOf = (k: number): string => (byDomain ? (meta.domain?.[k] ?? '') : meta.dataset[k]!);
const K = meta.labels.length;
const probs = new Map<string, (Float64Array | null)[]>();
function load(name: string): (Float64Array | null)[] {
  let p = probs.get(name);
  if (p) return p;
  const { scores } = JSON.parse(readFileSync(`${dir}/${name}.json`, 'utf8')) as {
    scores: (number[] | null)[];
  };
  const have = scores.map((s, k) => (s ? k : -1)).filter((k) => k >= 0);
  const T = fitTemperature(
    have.map((k) => Float64Array.from(scores[k]!)),
    Int32Array.from(have, (k) => meta.y[k]!),
  );
  p = scores.map((s) => (s ? scoresToProbabilities(Float64Array.from(s), T) : null));
  probs.set(name, p);
  return p;
}

function grid(n: number, step = 0.1): number[][] {
  const units = Math.round(1 / step);
  const out: number[][] = [];
  const walk = (acc: number[], left: number): void => {
    if (acc.length === n - 1) {
      out.push([...acc, left].map((u) => u / units));
      return;
    }
    for (let u = 0; u <= left; u++) walk([...acc, u], left - u);
  };
  walk([], units);
  return out;
}

function pooled(members: (Float64Array | null)[][], w: number[], k: number): Float64Array {
  const z = new Float64Array(K);
  members.forEach((m, j) => {
    const p = m[k];
    if (!p || w[j]! <= 0) return;
    for (let c = 0; c < K; c++) z[c]! += w[j]! * Math.log(Math.max(p[c]!, 1e-12));
  });
  return z;
}
const argmax = (z: Float64Array, bias = 0): number => {
  if (K === 2) return z[1]! - z[0]! + bias > 0 ? 1 : 0;
  let b = 0;
  for (let c = 1; c < K; c++) if (z[c]! > z[b]!) b = c;
  return b;
};

const datasets = [...new Set(meta.y.map((_, k) => groupOf(k)))];
const half = meta.y.map((_, k) => k % 2);
for (const names of sets) {
  const members = names.map(load);
  const line: string[] = [];
  const totals = new Map<string, { n: number; eq: number; best: number; xfit: number }>();
  for (const d of datasets) {
    const rows = meta.y.map((_, k) => k).filter((k) => groupOf(k) === d && members.some((m) => m[k]));
    const active = names.map((_, j) => rows.some((k) => members[j]![k]));
    const ws = grid(names.length).filter((w) => w.every((v, j) => active[j] || v === 0));
    const biases = K === 2 ? [-0.6, -0.4, -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.6] : [0];
    const z = ws.map((w) => rows.map((k) => pooled(members, w, k)));
    const acc = (wi: number, b: number, part: number | null) => {
      let ok = 0;
      let n = 0;
      rows.forEach((k, r) => {
        if (part !== null && half[k] !== part) return;
        ok += argmax(z[wi]![r]!, b) === meta.y[k] ? 1 : 0;
        n++;
      });
      return ok / Math.max(n, 1);
    };
    const best = (part: number | null, withBias: boolean) => {
      let top = { wi: 0, b: 0, a: -1 };
      ws.forEach((_, wi) => {
        for (const b of withBias ? biases : [0]) {
          const a = acc(wi, b, part);
          if (a > top.a + 1e-12) top = { wi, b, a };
        }
      });
      return top;
    };
    const cross = (withBias: boolean) => {
      let ok = 0;
      let n = 0;
      for (const part of [0, 1]) {
        const chosen = best(part, withBias);
        const other = 1 - part;
        const m = rows.filter((k) => half[k] === other).length;
        ok += acc(chosen.wi, chosen.b, other) * m;
        n += m;
      }
      return (100 * ok) / n;
    };
    const all = best(null, false);
    const eq = ws.findIndex((w) => {
      const a = w.filter((_, j) => active[j]);
      return a.every((v) => Math.abs(v - a[0]!) < 0.051);
    });
    const dataset = meta.dataset[rows[0]!]!;
    const t = totals.get(dataset) ?? { n: 0, eq: 0, best: 0, xfit: 0 };
    t.n += rows.length;
    t.eq += eq >= 0 ? acc(eq, 0, null) * rows.length : 0;
    t.best += all.a * rows.length;
    t.xfit += (cross(false) / 100) * rows.length;
    totals.set(dataset, t);
    line.push(
      `${d.slice(0, 16)} n=${rows.length} eq ${eq >= 0 ? (100 * acc(eq, 0, null)).toFixed(2) : '-'} best ${(100 * all.a).toFixed(2)} [${ws[all.wi]!.join(' ')}] xfit ${cross(false).toFixed(2)}${K === 2 ? ` +bias xfit ${cross(true).toFixed(2)}` : ''}`,
    );
  }
  console.log(`${names.join('+')}\n  ${line.join('\n  ')}`);
  if (byDomain)
    for (const [d, t] of totals)
      console.log(
        `  TOTAL ${d.slice(0, 10)} n=${t.n} eq ${((100 * t.eq) / t.n).toFixed(2)} best ${((100 * t.best) / t.n).toFixed(2)} xfit ${((100 * t.xfit) / t.n).toFixed(2)}`,
      );
}
