// Development aid: k-fold CV inside TRAIN of twitter sentiment trained on finer labels
// (negative split by `negativereason`), probabilities summed back to the 3 sentiment labels.
// usage: FOLDS=5 tsx scripts/nlp/probe-fine.ts 'SPEC_JSON' [fine|coarse]
import { scoresToProbabilities } from '../../server/modules/nlp/model/classifier.js';
import { fitTemperature } from '../../server/modules/nlp/training/calibrate.js';
import { decisionScores, fitModel, termsOf } from '../../server/modules/nlp/training/fit.js';
import type { ModelSpec } from '../../server/modules/nlp/training/spec.js';
import { foldOf, loadSplit } from './datasets.js';

const spec = JSON.parse(process.argv[2]!) as ModelSpec;
const mode = process.argv[3] ?? 'fine';
const folds = Number(process.env.FOLDS ?? '5');
const rows = loadSplit(
  {
    dataset: 'twitter_airline_sentiment',
    textColumn: 'text',
    labelColumn: 'airline_sentiment',
    mapLabel: (x) => x,
  },
  'train',
);
const reasons = loadSplit(
  { dataset: 'twitter_airline_sentiment', textColumn: 'text', labelColumn: 'negativereason' },
  'train',
).map((r) => r.label);
const coarse = ['negative', 'neutral', 'positive'];
const fineLabel = rows.map((r, i) =>
  mode === 'fine' && r.label === 'negative' ? `negative:${reasons[i]}` : r.label,
);
const fineLabels = [...new Set(fineLabel)].sort();
const toCoarse = fineLabels.map((l) => coarse.indexOf(l.split(':')[0]!));
const y = Int32Array.from(fineLabel, (l) => fineLabels.indexOf(l));
const yc = rows.map((r) => coarse.indexOf(r.label));
const terms = termsOf(
  rows.map((r) => r.text),
  spec,
);
const fold = rows.map((r) => foldOf(r.text, folds));
let ok = 0;
const out: number[][] = rows.map(() => []);
for (let f = 0; f < folds; f++) {
  const fit = rows.map((_, i) => i).filter((i) => fold[i] !== f);
  const val = rows.map((_, i) => i).filter((i) => fold[i] === f);
  const model = fitModel(
    { labels: fineLabels, terms: fit.map((i) => terms[i]!), y: Int32Array.from(fit, (i) => y[i]!) },
    spec,
  );
  const scores = val.map((i) => decisionScores(model, terms[i]!, spec));
  // Temperature on the fold itself is only for summing; argmax over summed probabilities.
  const T = fitTemperature(
    scores,
    Int32Array.from(val, (i) => y[i]!),
  );
  val.forEach((i, k) => {
    const p = scoresToProbabilities(scores[k]!, T);
    const s = [0, 0, 0];
    p.forEach((v, c) => {
      s[toCoarse[c]!]! += v;
    });
    out[i] = s;
    const best = s.indexOf(Math.max(...s));
    if (best === yc[i]) ok++;
  });
}
console.log(
  `${mode} ${fineLabels.length} labels: CV${folds} accuracy ${((100 * ok) / rows.length).toFixed(2)}`,
);
