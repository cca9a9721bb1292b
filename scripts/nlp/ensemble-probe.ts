// Development aid: k-fold CV (inside TRAIN) of single specs and of their average (scores / per-model std).
import type { TermCounts } from '../../server/modules/nlp/features/extract.js';
import { argmaxLabel, decisionScores, fitModel, termsOf } from '../../server/modules/nlp/training/fit.js';
import { describeSpec, type ModelSpec } from '../../server/modules/nlp/training/spec.js';
import { foldOf } from './datasets.js';
import { loadTask, TASKS, type TaskName } from './tasks.js';

const task = TASKS[(process.argv[2] ?? 'sentiment_en') as TaskName];
const specs = JSON.parse(process.argv[3] ?? '[]') as ModelSpec[];
const folds = Number(process.argv[4] ?? '5');
const only = process.env.DATASETS?.split(',');
const rows = loadTask(task, 'train').filter((r) => !only || only.includes(r.dataset));
const labels = [...new Set(rows.map((r) => r.label))].sort();
const fold = rows.map((r) => foldOf(r.text, folds));
const scores: Float64Array[][] = specs.map(() => []);
const cache = new Map<string, TermCounts[]>();
specs.forEach((spec, s) => {
  const key = JSON.stringify(spec.features);
  const terms =
    cache.get(key) ??
    termsOf(
      rows.map((r) => r.text),
      spec,
    );
  cache.set(key, terms);
  for (let f = 0; f < folds; f++) {
    const fit = rows.map((_, i) => i).filter((i) => fold[i] !== f);
    const model = fitModel(
      {
        labels,
        terms: fit.map((i) => terms[i]!),
        y: Int32Array.from(fit, (i) => labels.indexOf(rows[i]!.label)),
      },
      spec,
    );
    rows.forEach((_, i) => {
      if (fold[i] === f) scores[s]![i] = decisionScores(model, terms[i]!, spec);
    });
  }
  const acc = rows.filter((r, i) => labels[argmaxLabel(scores[s]![i]!)] === r.label).length / rows.length;
  console.log(`${describeSpec(spec)} :: ${(100 * acc).toFixed(2)}`);
});
const stds = scores.map((list) => {
  let sum = 0;
  let sq = 0;
  let n = 0;
  for (const v of list)
    for (const x of v) {
      sum += x;
      sq += x * x;
      n++;
    }
  return Math.sqrt(sq / n - (sum / n) ** 2);
});
const combos: number[][] = [];
for (let mask = 3; mask < 1 << specs.length; mask++) {
  const members = specs.map((_, s) => s).filter((s) => mask & (1 << s));
  if (members.length >= 2) combos.push(members);
}
for (const members of combos) {
  const acc =
    rows.filter((r, i) => {
      const avg = new Float64Array(scores[members[0]!]![i]!.length);
      for (const s of members)
        scores[s]![i]!.forEach((v, c) => {
          avg[c]! += v / stds[s]!;
        });
      return labels[argmaxLabel(avg)] === r.label;
    }).length / rows.length;
  console.log(`ensemble ${members.join('+')} :: ${(100 * acc).toFixed(2)}`);
}
