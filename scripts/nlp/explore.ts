// Development aid: scores model specs on held-out parts of TRAIN (never on test).
// usage: tsx scripts/nlp/explore.ts TASK 'SPECS_JSON' [folds] [weighting-env]

import { withDomain } from '../../server/modules/nlp/features/domain.js';
import type { TermCounts } from '../../server/modules/nlp/features/extract.js';
import { argmaxLabel, decisionScores, fitModel, termsOf } from '../../server/modules/nlp/training/fit.js';
import { describeSpec, type ModelSpec } from '../../server/modules/nlp/training/spec.js';
import { foldOf, isValidation } from './datasets.js';
import { loadTask, TASKS, type TaskName } from './tasks.js';

const taskName = (process.argv[2] ?? 'sentiment_en') as TaskName;
const specs = JSON.parse(process.argv[3] ?? '[]') as ModelSpec[];
const folds = Number(process.argv[4] ?? '1');
const useWeights = process.env.USE_WEIGHTS === '1';
const task = TASKS[taskName];
const only = process.env.DATASETS?.split(',');
const rows = loadTask(task, 'train').filter((r) => !only || only.includes(r.dataset));
const labels = [...new Set(rows.map((r) => r.label))].sort();
const foldOfRow = rows.map((r) => (folds === 1 ? (isValidation(r.text) ? 0 : -1) : foldOf(r.text, folds)));
const cache = new Map<string, TermCounts[]>();
const plainCache = new Map<string, TermCounts[]>();
for (const spec of specs) {
  const key = JSON.stringify(spec.features);
  let t0 = performance.now();
  let terms = cache.get(key);
  if (!terms) {
    const plain = termsOf(
      rows.map((r) => r.text),
      spec,
    );
    plainCache.set(key, plain);
    terms = process.env.DOMAIN_ADAPT === '1' ? plain.map((t, i) => withDomain(t, rows[i]!.domain)) : plain;
    cache.set(key, terms);
  }
  const extractMs = performance.now() - t0;
  t0 = performance.now();
  const perSet = new Map<string, [number, number]>();
  let features = 0;
  for (let fold = 0; fold < folds; fold++) {
    const fitIdx = rows.map((_, i) => i).filter((i) => foldOfRow[i] !== fold);
    const valIdx = rows.map((_, i) => i).filter((i) => foldOfRow[i] === fold);
    const all = terms;
    const model = fitModel(
      {
        labels,
        terms: fitIdx.map((i) => all[i]!),
        y: Int32Array.from(fitIdx, (i) => labels.indexOf(rows[i]!.label)),
        ...(useWeights ? { weights: Float32Array.from(fitIdx, (i) => rows[i]!.weight ?? 1) } : {}),
      },
      spec,
    );
    features = model.vocabulary.size;
    for (const i of valIdx) {
      const row = rows[i]!;
      const ok = labels[argmaxLabel(decisionScores(model, all[i]!, spec))] === row.label ? 1 : 0;
      const acc = perSet.get(row.dataset) ?? [0, 0];
      perSet.set(row.dataset, [acc[0] + ok, acc[1] + 1]);
      if (process.env.DOMAIN_ADAPT === '1') {
        const plain = plainCache.get(key)![i]!;
        const ok2 = labels[argmaxLabel(decisionScores(model, plain, spec))] === row.label ? 1 : 0;
        const acc2 = perSet.get(`nohint:${row.dataset}`) ?? [0, 0];
        perSet.set(`nohint:${row.dataset}`, [acc2[0] + ok2, acc2[1] + 1]);
      }
    }
  }
  const fitMs = performance.now() - t0;
  const scores = [...perSet]
    .map(([d, [ok, n]]) => `${d.slice(0, 19)} ${((100 * ok) / n).toFixed(2)} (n=${n})`)
    .join(' | ');
  console.log(
    `${describeSpec(spec)} F=${features} extract ${(extractMs / 1000).toFixed(1)}s fit ${(fitMs / 1000).toFixed(1)}s :: ${scores}`,
  );
}
