// Development aid: prints misclassified validation rows (validation carve-out of TRAIN).
import { argmaxLabel, decisionScores, fitModel, termsOf } from '../../server/modules/nlp/training/fit.js';
import type { ModelSpec } from '../../server/modules/nlp/training/spec.js';
import { carveValidation } from './datasets.js';
import { loadTask, TASKS, type TaskName } from './tasks.js';

const task = TASKS[(process.argv[2] ?? 'sentiment_zh') as TaskName];
const spec = JSON.parse(process.argv[3] ?? '{}') as ModelSpec;
const only = process.env.DATASETS?.split(',');
const rows = loadTask(task, 'train').filter((r) => !only || only.includes(r.dataset));
const { fit, validation } = carveValidation(rows);
const labels = [...new Set(rows.map((r) => r.label))].sort();
const model = fitModel(
  {
    labels,
    terms: termsOf(
      fit.map((r) => r.text),
      spec,
    ),
    y: Int32Array.from(fit, (r) => labels.indexOf(r.label)),
  },
  spec,
);
const valTerms = termsOf(
  validation.map((r) => r.text),
  spec,
);
let shown = 0;
validation.forEach((row, i) => {
  const scores = decisionScores(model, valTerms[i]!, spec);
  const predicted = labels[argmaxLabel(scores)];
  if (predicted !== row.label && shown++ < Number(process.env.SHOW ?? 60))
    console.log(
      `${row.label} → ${predicted} [${Array.from(scores, (s) => s.toFixed(2)).join(',')}] ${row.text.slice(0, 140).replace(/\s+/g, ' ')}`,
    );
});
