// Development aid: fits candidate members on the fit part of TRAIN, stores their validation scores
// (validation = the 10 % hash carve-out of TRAIN; never test) under /tmp/closeloop-probe/<task>/.
// usage: tsx scripts/nlp/probe.ts TASK 'MEMBERS_JSON'   (MEMBERS_JSON: [{name, spec, datasets?, domainAware?, weightPower?}])
import { mkdirSync, writeFileSync } from 'node:fs';
import { withDomain } from '../../server/modules/nlp/features/domain.js';
import type { TermCounts } from '../../server/modules/nlp/features/extract.js';
import { argmaxLabel, decisionScores, fitModel, termsOf } from '../../server/modules/nlp/training/fit.js';
import { describeSpec, type ModelSpec } from '../../server/modules/nlp/training/spec.js';
import { foldOf, isValidation } from './datasets.js';
import { loadTask, TASKS, type TaskName } from './tasks.js';

interface Member {
  name: string;
  spec: ModelSpec;
  datasets?: string[];
  domainAware?: boolean;
  weightPower?: number;
  /** Domain "a/b" also gets the copy of its parent "a" (hierarchical domain copies). */
  hierarchical?: boolean;
}

function withDomains(doc: TermCounts, domain: string | undefined, hierarchical: boolean): TermCounts {
  const own = withDomain(doc, domain);
  const parent = domain?.includes('/') ? domain.split('/')[0] : undefined;
  if (!hierarchical || !parent) return own;
  const counts = new Map<number, number>();
  for (let i = 0; i < own.terms.length; i++) counts.set(own.terms[i]!, own.counts[i]!);
  const up = withDomain(doc, parent);
  for (let i = 0; i < up.terms.length; i++) counts.set(up.terms[i]!, up.counts[i]!);
  const terms = [...counts.keys()].sort((a, b) => a - b);
  return { terms: Uint32Array.from(terms), counts: Uint16Array.from(terms, (t) => counts.get(t)!) };
}

const taskName = process.argv[2] as TaskName;
const members = JSON.parse(process.argv[3] ?? '[]') as Member[];
const task = TASKS[taskName];
const rows = loadTask(task, 'train');
let confidence: number[] | null = null;
if (taskName === 'sentiment_en') {
  const src = task.sources[0]!;
  confidence = loadTask(
    {
      ...task,
      sources: [
        { ...src, spec: { ...src.spec, weight: (r) => Number(r.airline_sentiment_confidence ?? '1') } },
      ],
    },
    'train',
  ).map((r) => r.weight ?? 1);
}
const labels = [...new Set(rows.map((r) => r.label))].sort();
const y = Int32Array.from(rows, (r) => labels.indexOf(r.label));
// FOLDS=k: out-of-fold scores of every TRAIN row (k-fold inside TRAIN) instead of the 10 % carve-out.
const folds = Number(process.env.FOLDS ?? '1');
const foldOfRow = rows.map((r) => (folds > 1 ? foldOf(r.text, folds) : isValidation(r.text) ? 0 : -1));
const val = rows.map((_, i) => i).filter((i) => foldOfRow[i]! >= 0);
const dir = `/tmp/closeloop-probe/${taskName}${folds > 1 ? `-cv${folds}` : ''}`;
mkdirSync(dir, { recursive: true });
writeFileSync(
  `${dir}/_meta.json`,
  JSON.stringify({
    labels,
    y: val.map((i) => y[i]),
    dataset: val.map((i) => rows[i]!.dataset),
    domain: val.map((i) => rows[i]!.domain ?? ''),
  }),
);
const cache = new Map<string, TermCounts[]>();
for (const m of members) {
  const t0 = performance.now();
  const key = JSON.stringify(m.spec.features);
  let plain = cache.get(key);
  if (!plain) {
    plain = termsOf(
      rows.map((r) => r.text),
      m.spec,
    );
    cache.set(key, plain);
  }
  const terms = m.domainAware
    ? plain.map((t, i) => withDomains(t, rows[i]!.domain, m.hierarchical ?? false))
    : plain;
  const inScope = (i: number) => !m.datasets || m.datasets.includes(rows[i]!.dataset);
  const t1 = performance.now();
  const scores: (number[] | null)[] = val.map(() => null);
  // Domain-aware members: also the scores without a hint (shared features only, the no-hint path).
  const plainScores: (number[] | null)[] = val.map(() => null);
  const position = new Map(val.map((i, k) => [i, k]));
  let features = 0;
  for (let f = 0; f < Math.max(folds, 1); f++) {
    const fit = rows.map((_, i) => i).filter((i) => inScope(i) && foldOfRow[i] !== f);
    const model = fitModel(
      {
        labels,
        terms: fit.map((i) => terms[i]!),
        y: Int32Array.from(fit, (i) => y[i]!),
        ...(m.weightPower !== undefined && confidence
          ? { weights: Float32Array.from(fit, (i) => confidence![i]! ** m.weightPower!) }
          : {}),
      },
      m.spec,
    );
    features = model.vocabulary.size;
    for (const i of val)
      if (foldOfRow[i] === f && inScope(i)) {
        scores[position.get(i)!] = Array.from(decisionScores(model, terms[i]!, m.spec));
        if (m.domainAware)
          plainScores[position.get(i)!] = Array.from(decisionScores(model, plain[i]!, m.spec));
      }
  }
  writeFileSync(`${dir}/${m.name}.json`, JSON.stringify({ describe: describeSpec(m.spec), scores }));
  if (m.domainAware)
    writeFileSync(
      `${dir}/${m.name}_plain.json`,
      JSON.stringify({ describe: `${describeSpec(m.spec)} (no hint)`, scores: plainScores }),
    );
  const tally = new Map<string, [number, number]>();
  val.forEach((i, k) => {
    const s = scores[k];
    if (!s) return;
    const t = tally.get(rows[i]!.dataset) ?? [0, 0];
    t[0] += argmaxLabel(Float64Array.from(s)) === y[i] ? 1 : 0;
    t[1]++;
    tally.set(rows[i]!.dataset, t);
  });
  console.log(
    `${m.name} [${describeSpec(m.spec)}] F=${features} extract+${((t1 - t0) / 1000).toFixed(0)}s fit ${((performance.now() - t1) / 1000).toFixed(0)}s :: ${[
      ...tally,
    ]
      .map(([d, [ok, n]]) => `${d.slice(0, 12)} ${((100 * ok) / n).toFixed(2)}`)
      .join(' | ')}`,
  );
}
