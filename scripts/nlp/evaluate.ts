import { getModel, type ModelTask } from '../../server/modules/nlp/model/registry.js';
import { zhSentimentPrediction } from '../../server/modules/nlp/sentiment.js';
import { normalizeForAnalysis } from '../../server/modules/nlp/text/normalize.js';
import { classificationMetrics } from '../../server/modules/nlp/training/metrics.js';
import { type DatasetSpec, loadSplit, SENTIMENT_01 } from './datasets.js';

export interface Benchmark {
  dataset: string;
  task: string;
  model: ModelTask;
  spec: DatasetSpec;
  /** Accuracy (%) of the TF-IDF + linear SVM reference on the same test split. */
  baseline: number;
  /** Domain hint passed to the model (the dataset's domain); undefined = the product's default path. */
  domain?: string;
}

export interface EvalResult {
  dataset: string;
  task: string;
  n: number;
  accuracy: number;
  macroF1: number;
  baseline: number;
  delta: number;
  itemsPerSecond: number;
}

const shopping = 'online_shopping_10_cats';
const shoppingSentiment: DatasetSpec = {
  dataset: shopping,
  textColumn: 'review',
  labelColumn: 'label',
  mapLabel: SENTIMENT_01,
};
const waimai: DatasetSpec = {
  dataset: 'waimai_10k',
  textColumn: 'review',
  labelColumn: 'label',
  mapLabel: SENTIMENT_01,
};
const hotel: DatasetSpec = {
  dataset: 'ChnSentiCorp_htl_all',
  textColumn: 'review',
  labelColumn: 'label',
  mapLabel: SENTIMENT_01,
};

/** The benchmark: every figure of the bar, measured on TEST splits only. */
export const BENCHMARKS: Benchmark[] = [
  {
    dataset: shopping,
    task: 'sentiment',
    model: 'sentiment_zh',
    spec: shoppingSentiment,
    baseline: 93.9,
    domain: 'shopping',
  },
  {
    dataset: shopping,
    task: 'category (10)',
    model: 'category_zh',
    spec: { dataset: shopping, textColumn: 'review', labelColumn: 'cat' },
    baseline: 90.2,
  },
  {
    dataset: 'waimai_10k',
    task: 'sentiment',
    model: 'sentiment_zh',
    spec: waimai,
    baseline: 89.7,
    domain: 'food',
  },
  {
    dataset: 'ChnSentiCorp_htl_all',
    task: 'sentiment',
    model: 'sentiment_zh',
    spec: hotel,
    baseline: 90.9,
    domain: 'hotel',
  },
  {
    dataset: 'twitter_airline_sentiment',
    task: 'sentiment (3)',
    model: 'sentiment_en',
    spec: { dataset: 'twitter_airline_sentiment', textColumn: 'text', labelColumn: 'airline_sentiment' },
    baseline: 82.2,
  },
  {
    dataset: 'banking77',
    task: 'intent (77)',
    model: 'intent_en',
    spec: { dataset: 'banking77', textColumn: 'text', labelColumn: 'category' },
    baseline: 91.3,
  },
];

/** The same Chinese sets without a domain hint: what analyzeText does by default. */
export const DEFAULT_PATH: Benchmark[] = BENCHMARKS.filter((b) => b.domain).map((b) => {
  const { domain: _domain, ...rest } = b;
  return { ...rest, task: `${b.task}, no hint` };
});

/** Scores one shipped model on one TEST split (argmax label; the neutral band is not applied). */
export function evaluate(benchmark: Benchmark): EvalResult {
  const model = getModel(benchmark.model);
  if (!model) throw new Error(`no artefact for ${benchmark.model}; run npm run train`);
  const rows = loadSplit(benchmark.spec, 'test');
  const started = performance.now();
  // zh: a "shopping" hint is refined by the product category model (as analyzeText does).
  const predicted = rows.map((row) => {
    const normalized = normalizeForAnalysis(row.text);
    return benchmark.model === 'sentiment_zh'
      ? zhSentimentPrediction(normalized, benchmark.domain)!.label
      : model.predict(normalized, benchmark.domain).label;
  });
  const seconds = (performance.now() - started) / 1000;
  const { accuracy, macroF1 } = classificationMetrics(
    rows.map((r) => r.label),
    predicted,
  );
  return {
    dataset: benchmark.dataset,
    task: benchmark.task,
    n: rows.length,
    accuracy: 100 * accuracy,
    macroF1: 100 * macroF1,
    baseline: benchmark.baseline,
    delta: 100 * accuracy - benchmark.baseline,
    itemsPerSecond: rows.length / seconds,
  };
}

/** A plain-text table of results. */
export function formatTable(results: readonly EvalResult[]): string {
  const header = ['dataset', 'task', 'n', 'accuracy', 'macro-F1', 'baseline', 'delta', 'items/s'];
  const lines = results.map((r) => [
    r.dataset,
    r.task,
    String(r.n),
    r.accuracy.toFixed(2),
    r.macroF1.toFixed(2),
    r.baseline.toFixed(1),
    `${r.delta >= 0 ? '+' : ''}${r.delta.toFixed(2)}`,
    r.itemsPerSecond.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt)].join('\n');
}

/** The same results as a Markdown table (for the model card). */
export function markdownTable(results: readonly EvalResult[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.dataset} | ${r.task} | ${r.n} | ${r.accuracy.toFixed(2)} | ${r.macroF1.toFixed(2)} | ${r.baseline.toFixed(1)} | ${r.delta >= 0 ? '+' : ''}${r.delta.toFixed(2)} |`,
  );
  return [
    '| dataset | task | n | accuracy % | macro-F1 % | baseline % | delta |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}
