// Development aid: a fastText-style classifier (averaged embeddings of hashed word + character
// n-grams → linear softmax, SGD with linearly decaying learning rate) fitted on the fit part of TRAIN;
// stores its validation log-probabilities (validation = the 10 % hash carve-out of TRAIN; never test)
// under /tmp/closeloop-probe/<task>/<name>.json, in the format of probe.ts (for probe-combine / probe-pool).
// usage: tsx scripts/nlp/probe-fasttext.ts TASK 'CONFIG_JSON'
import { mkdirSync, writeFileSync } from 'node:fs';
import { withDomain } from '../../server/modules/nlp/features/domain.js';
import type { FeatureConfig } from '../../server/modules/nlp/features/extract.js';
import { termsOf } from '../../server/modules/nlp/training/fit.js';
import type { ModelSpec } from '../../server/modules/nlp/training/spec.js';
import { foldOf, isValidation } from './datasets.js';
import { loadTask, TASKS, type TaskName } from './tasks.js';

interface Config {
  name: string;
  features: FeatureConfig;
  buckets: number;
  dim: number;
  epochs: number;
  lr: number;
  domainAware?: boolean;
  datasets?: string[];
  seed?: number;
  /** Hidden ReLU layer of this width between the averaged embedding and the softmax (0 = none). */
  hidden?: number;
}

const taskName = process.argv[2] as TaskName;
const configs = JSON.parse(process.argv[3] ?? '[]') as Config[];
const task = TASKS[taskName];
const rows = loadTask(task, 'train');
const labels = [...new Set(rows.map((r) => r.label))].sort();
const K = labels.length;
const y = Int32Array.from(rows, (r) => labels.indexOf(r.label));
const folds = Number(process.env.FOLDS ?? '1');
const foldOfRow = rows.map((r) => (folds > 1 ? foldOf(r.text, folds) : isValidation(r.text) ? 0 : -1));
const val = rows.map((_, i) => i).filter((i) => foldOfRow[i]! >= 0);
const dir = `/tmp/closeloop-probe/${taskName}${folds > 1 ? `-cv${folds}` : ''}`;
mkdirSync(dir, { recursive: true });
writeFileSync(
  `${dir}/_meta.json`,
  JSON.stringify({ labels, y: val.map((i) => y[i]), dataset: val.map((i) => rows[i]!.dataset) }),
);

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

interface Doc {
  ids: Uint32Array;
  w: Float32Array;
}

class FastText {
  readonly E: Float32Array;
  readonly W1: Float32Array | null;
  readonly b1: Float32Array | null;
  readonly W: Float32Array;
  readonly b: Float32Array;
  private readonly h: Float32Array;
  private readonly a: Float32Array;
  private readonly gh: Float32Array;
  private readonly ga: Float32Array;
  private readonly p: Float64Array;
  constructor(
    readonly c: Config,
    random: () => number,
  ) {
    const d = c.dim;
    this.E = new Float32Array(c.buckets * d);
    for (let i = 0; i < this.E.length; i++) this.E[i] = (random() * 2 - 1) / d;
    const H = c.hidden ?? 0;
    const top = H > 0 ? H : d;
    this.W1 = H > 0 ? new Float32Array(H * d) : null;
    this.b1 = H > 0 ? new Float32Array(H) : null;
    if (this.W1)
      for (let i = 0; i < this.W1.length; i++) this.W1[i] = (random() * 2 - 1) * Math.sqrt(6 / (d + H));
    this.W = new Float32Array(K * top);
    this.b = new Float32Array(K);
    this.h = new Float32Array(d);
    this.a = new Float32Array(top);
    this.gh = new Float32Array(d);
    this.ga = new Float32Array(top);
    this.p = new Float64Array(K);
  }
  private forward(doc: Doc): void {
    const d = this.c.dim;
    const h = this.h;
    h.fill(0);
    for (let k = 0; k < doc.ids.length; k++) {
      const base = doc.ids[k]! * d;
      const w = doc.w[k]!;
      for (let j = 0; j < d; j++) h[j]! += w * this.E[base + j]!;
    }
    const top = this.a.length;
    if (this.W1) {
      for (let u = 0; u < top; u++) {
        let s = this.b1![u]!;
        const base = u * d;
        for (let j = 0; j < d; j++) s += this.W1[base + j]! * h[j]!;
        this.a[u] = Math.max(s, 0);
      }
    } else this.a.set(h);
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < K; c++) {
      let s = this.b[c]!;
      const base = c * top;
      for (let j = 0; j < top; j++) s += this.W[base + j]! * this.a[j]!;
      this.p[c] = s;
      if (s > max) max = s;
    }
    let sum = 0;
    for (let c = 0; c < K; c++) {
      this.p[c] = Math.exp(this.p[c]! - max);
      sum += this.p[c]!;
    }
    for (let c = 0; c < K; c++) this.p[c]! /= sum;
  }
  logProbs(doc: Doc): number[] {
    this.forward(doc);
    return Array.from(this.p, (v) => Math.log(Math.max(v, 1e-12)));
  }
  step(doc: Doc, label: number, lr: number): void {
    this.forward(doc);
    const d = this.c.dim;
    const top = this.a.length;
    const ga = this.ga;
    ga.fill(0);
    for (let c = 0; c < K; c++) {
      const g = this.p[c]! - (c === label ? 1 : 0);
      const base = c * top;
      for (let j = 0; j < top; j++) {
        ga[j]! += g * this.W[base + j]!;
        this.W[base + j]! -= lr * g * this.a[j]!;
      }
      this.b[c]! -= lr * g;
    }
    const gh = this.gh;
    if (this.W1) {
      gh.fill(0);
      for (let u = 0; u < top; u++) {
        if (this.a[u]! <= 0) continue;
        const g = ga[u]!;
        const base = u * d;
        for (let j = 0; j < d; j++) {
          gh[j]! += g * this.W1[base + j]!;
          this.W1[base + j]! -= lr * g * this.h[j]!;
        }
        this.b1![u]! -= lr * g;
      }
    } else gh.set(ga);
    for (let k = 0; k < doc.ids.length; k++) {
      const base = doc.ids[k]! * d;
      const s = lr * doc.w[k]!;
      for (let j = 0; j < d; j++) this.E[base + j]! -= s * gh[j]!;
    }
  }
}

const cache = new Map<string, ReturnType<typeof termsOf>>();
for (const c of configs) {
  const t0 = performance.now();
  const key = JSON.stringify(c.features);
  let plain = cache.get(key);
  if (!plain) {
    plain = termsOf(
      rows.map((r) => r.text),
      { features: c.features } as ModelSpec,
    );
    cache.set(key, plain);
  }
  const docs: Doc[] = plain.map((t0doc, i) => {
    const t = c.domainAware ? withDomain(t0doc, rows[i]!.domain) : t0doc;
    let total = 0;
    for (let k = 0; k < t.counts.length; k++) total += t.counts[k]!;
    return {
      ids: Uint32Array.from(t.terms, (h) => (h & 0x7fffffff) % c.buckets),
      w: Float32Array.from(t.counts, (n) => n / Math.max(total, 1)),
    };
  });
  const inScope = (i: number) => !c.datasets || c.datasets.includes(rows[i]!.dataset);
  const t1 = performance.now();
  const scores: (number[] | null)[] = val.map(() => null);
  const position = new Map(val.map((i, k) => [i, k]));
  for (let f = 0; f < Math.max(folds, 1); f++) {
    const random = rng(c.seed ?? 1);
    const model = new FastText(c, random);
    const fit = rows.map((_, i) => i).filter((i) => inScope(i) && foldOfRow[i] !== f);
    const total = fit.length * c.epochs;
    let done = 0;
    for (let e = 0; e < c.epochs; e++) {
      for (let i = fit.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const t = fit[i]!;
        fit[i] = fit[j]!;
        fit[j] = t;
      }
      for (const i of fit) {
        model.step(docs[i]!, y[i]!, c.lr * (1 - done / total));
        done++;
      }
    }
    for (const i of val)
      if (foldOfRow[i] === f && inScope(i)) scores[position.get(i)!] = model.logProbs(docs[i]!);
  }
  writeFileSync(`${dir}/${c.name}.json`, JSON.stringify({ describe: JSON.stringify(c), scores }));
  const tally = new Map<string, [number, number]>();
  val.forEach((i, k) => {
    const s = scores[k];
    if (!s) return;
    let best = 0;
    for (let q = 1; q < s.length; q++) if (s[q]! > s[best]!) best = q;
    const t = tally.get(rows[i]!.dataset) ?? [0, 0];
    t[0] += best === y[i] ? 1 : 0;
    t[1]++;
    tally.set(rows[i]!.dataset, t);
  });
  console.log(
    `${c.name} d=${c.dim} B=${c.buckets} e=${c.epochs} lr=${c.lr} h=${c.hidden ?? 0} extract ${((t1 - t0) / 1000).toFixed(0)}s fit ${((performance.now() - t1) / 1000).toFixed(0)}s :: ${[
      ...tally,
    ]
      .map(([d, [ok, n]]) => `${d.slice(0, 12)} ${((100 * ok) / n).toFixed(2)}`)
      .join(' | ')}`,
  );
}
