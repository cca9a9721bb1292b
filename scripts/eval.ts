// npm run eval — scores the shipped nlp artefacts on the TEST splits of ../shared/data and prints a table.
import { analyzeText } from '../server/modules/nlp/index.js';
import { modelLoadStats } from '../server/modules/nlp/model/registry.js';
import { loadSplit } from './nlp/datasets.js';
import { BENCHMARKS, DEFAULT_PATH, evaluate, formatTable } from './nlp/evaluate.js';

const results = BENCHMARKS.map(evaluate);
console.log('Benchmark (test splits; zh sentiment with the dataset domain as hint)');
console.log(formatTable(results));
console.log('\nChinese sentiment without a domain hint (analyzeText default)');
console.log(formatTable(DEFAULT_PATH.map(evaluate)));
const misses = results.filter((r) => r.delta < 1);
console.log(
  misses.length === 0
    ? '\nEvery benchmark beats its baseline by at least 1 point.'
    : `\nBelow baseline + 1 point: ${misses.map((r) => `${r.dataset} ${r.task} (${r.delta.toFixed(2)})`).join('; ')}`,
);
console.log(
  `Model load: ${modelLoadStats()
    .map((s) => `${s.task} ${(s.bytes / 1024).toFixed(0)} KiB in ${s.milliseconds.toFixed(0)} ms`)
    .join(', ')}`,
);

// End-to-end speed of analyzeText (language, tokens, keywords, sentiment, category/intent, nature) on mixed text.
const sample = BENCHMARKS.flatMap((b) => loadSplit(b.spec, 'test').slice(0, 500)).map((r) => r.text);
const started = performance.now();
for (const text of sample) analyzeText(text);
const seconds = (performance.now() - started) / 1000;
console.log(
  `analyzeText: ${sample.length} mixed zh/en texts, ${(sample.length / seconds).toFixed(0)} items/s (one core)`,
);
