// Development aid: how the zh sentiment pool scores shopping rows of the validation carve-out of TRAIN
// (never test) under (a) the true category hint, (b) the category model's top-1 prediction (what
// `zhSentimentHint` does), (c) a soft hint (member probabilities mixed over the category posterior).
// The category posterior comes from scripts/nlp/probe.ts category_zh members (fitted without the
// validation rows), so it is as wrong on validation as the shipped model is on unseen text.
// usage: tsx scripts/nlp/probe-hints.ts   (needs /tmp/closeloop-probe/category_zh/{nbsvm,svm}.json)
import { readFileSync } from 'node:fs';
import { withDomain } from '../../server/modules/nlp/features/domain.js';
import { scoresToProbabilities } from '../../server/modules/nlp/model/classifier.js';
import { fitTemperature } from '../../server/modules/nlp/training/calibrate.js';
import { decisionScores, fitModel, termsOf } from '../../server/modules/nlp/training/fit.js';
import { isValidation } from './datasets.js';
import { loadTask, TASKS } from './tasks.js';

const task = TASKS.sentiment_zh;
const rows = loadTask(task, 'train');
const labels = [...new Set(rows.map((r) => r.label))].sort();
const y = Int32Array.from(rows, (r) => labels.indexOf(r.label));
const val = rows.map((_, i) => i).filter((i) => isValidation(rows[i]!.text));
const shop = val.filter((i) => rows[i]!.domain?.startsWith('shopping/'));
const catDir = '/tmp/closeloop-probe/category_zh';
const catMeta = JSON.parse(readFileSync(`${catDir}/_meta.json`, 'utf8')) as { labels: string[]; y: number[] };
const cats = catMeta.labels;
if (catMeta.y.length !== shop.length) throw new Error('category probe rows do not match');
shop.forEach((i, k) => {
  if (`shopping/${cats[catMeta.y[k]!]}` !== rows[i]!.domain) throw new Error(`row ${k}: category mismatch`);
});
// Category posterior: the category pool (weights as shipped: nbsvm 0.6, svm 0.4), members calibrated.
const catProbs = (name: string) => {
  const { scores } = JSON.parse(readFileSync(`${catDir}/${name}.json`, 'utf8')) as { scores: number[][] };
  const s = scores.map((v) => Float64Array.from(v));
  const T = fitTemperature(s, Int32Array.from(catMeta.y));
  return s.map((v) => scoresToProbabilities(v, T));
};
const [cn, cs] = [catProbs('nbsvm'), catProbs('svm')];
const posterior = shop.map((_, k) => {
  const z = cats.map((_, c) => 0.6 * Math.log(cn[k]![c]!) + 0.4 * Math.log(cs[k]![c]!));
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
});
const top1 = posterior.map((p) => p.indexOf(Math.max(...p)));
console.log(
  `category top-1 on validation: ${((100 * top1.filter((c, k) => c === catMeta.y[k]).length) / shop.length).toFixed(2)} %`,
);

// Sentiment members as shipped (domain copies per category), fitted on TRAIN minus validation.
const member = task.members
  .filter((m) => m.domainAware)
  .map((m) => ({ name: m.name, spec: m.candidates[0]! }));
const plain = termsOf(
  rows.map((r) => r.text),
  member[0]!.spec,
);
const isVal = new Set(val);
const fit = rows.map((_, i) => i).filter((i) => !isVal.has(i));
/** Per member: positive-class probability of each shopping row under each category hint. */
const under: number[][][] = [];
for (const m of member) {
  const model = fitModel(
    {
      labels,
      terms: fit.map((i) => withDomain(plain[i]!, rows[i]!.domain)),
      y: Int32Array.from(fit, (i) => y[i]!),
    },
    m.spec,
  );
  const trueScores = shop.map((i) => decisionScores(model, withDomain(plain[i]!, rows[i]!.domain), m.spec));
  const T = fitTemperature(
    trueScores,
    Int32Array.from(shop, (i) => y[i]!),
  );
  under.push(
    shop.map((i) =>
      cats.map(
        (c) =>
          scoresToProbabilities(decisionScores(model, withDomain(plain[i]!, `shopping/${c}`), m.spec), T)[1]!,
      ),
    ),
  );
  console.error(`${m.name} fitted`);
}
const pool = (k: number, c: number, w: number) => {
  const a = under[0]![k]![c]!;
  const b = under[1]![k]![c]!;
  const lp = w * Math.log(a) + (1 - w) * Math.log(b);
  const ln = w * Math.log(1 - a) + (1 - w) * Math.log(1 - b);
  return 1 / (1 + Math.exp(ln - lp));
};
const report = (name: string, p: (k: number) => number) => {
  const ok = shop.filter((i, k) => (p(k) > 0.5 ? 1 : 0) === y[i]).length;
  console.log(`${name}: ${((100 * ok) / shop.length).toFixed(2)} %`);
};
for (const w of [0.5]) {
  report(`w=${w} true hint`, (k) => pool(k, catMeta.y[k]!, w));
  report(`w=${w} top-1 hint`, (k) => pool(k, top1[k]!, w));
  report(`w=${w} soft hint (mix of probabilities)`, (k) =>
    posterior[k]!.reduce((s, q, c) => s + q * pool(k, c, w), 0),
  );
  for (const t of [0.5, 0.7, 0.9])
    report(`w=${w} top-1 if p(cat) ≥ ${t}, else soft`, (k) =>
      posterior[k]![top1[k]!]! >= t
        ? pool(k, top1[k]!, w)
        : posterior[k]!.reduce((s, q, c) => s + q * pool(k, c, w), 0),
    );
}
