// npm run train [-- --corrections FILE | --corrections-from-db] [--corrections-weight N] [--only task,task] [--skip-eval | --card-only]
// Trains every shipped nlp model from the TRAIN splits in ../shared/data (plus agents' corrections),
// writes versioned artefacts, en-idf.json, manifest.json and MODEL_CARD.md to server/modules/nlp/models/.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createProgress } from '../server/cli/progress.js';
import { formatEnglishIdf } from '../server/modules/nlp/keywords.js';
import { encodeArtefact } from '../server/modules/nlp/model/artefact.js';
import { encodeEnsemble } from '../server/modules/nlp/model/ensemble.js';
import { type ModelTask, modelFile, modelsDir, resetModels } from '../server/modules/nlp/model/registry.js';
import { type CorrectionTask, parseCorrections } from '../server/modules/nlp/training/corrections.js';
import { type TrainEnsembleResult, trainEnsemble } from '../server/modules/nlp/training/ensemble.js';
import type { ModelSpec } from '../server/modules/nlp/training/spec.js';
import { type TrainingRow, trainTask } from '../server/modules/nlp/training/train-task.js';
import { englishIdf } from './nlp/english-idf.js';
import { BENCHMARKS, DEFAULT_PATH, evaluate, formatTable } from './nlp/evaluate.js';
import { type CardModel, featureCount, loadHeader, modelCard } from './nlp/model-card.js';
import { loadTask, TASKS, type TaskName } from './nlp/tasks.js';

const SEED = 20261123;
const NATURE_SPEC: ModelSpec = {
  features: { language: 'auto', wordNgrams: 2, charNgrams: [1, 3], negation: true, dropStopWords: false },
  minDf: 1,
  weighting: 'tfidf',
  nb: false,
  learner: { kind: 'softmax', lambda: 0.003, maxIterations: 300 },
};
const MIN_NATURE_CORRECTIONS = 10;

const { values } = parseArgs({
  options: {
    corrections: { type: 'string' },
    // Agents' overrides stored by the triage module (nlp_corrections in DATABASE_URL).
    'corrections-from-db': { type: 'boolean', default: false },
    'corrections-weight': { type: 'string', default: '3' },
    only: { type: 'string' },
    'skip-eval': { type: 'boolean', default: false },
    // Re-score the shipped artefacts on the test splits and rewrite MODEL_CARD.md without training.
    'card-only': { type: 'boolean', default: false },
  },
});
const only = values.only?.split(',').map((s) => s.trim()) ?? null;
const wanted = (task: string) => !values['card-only'] && (!only || only.includes(task));
const dir = modelsDir();
mkdirSync(dir, { recursive: true });
const version = `1.${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;

const fromDb = values['corrections-from-db']
  ? (await (await import('../server/cli/export-corrections.command.js')).correctionsFromDatabase()).join('\n')
  : '';
const correctionText = [values.corrections ? readFileSync(values.corrections, 'utf8') : '', fromDb].join(
  '\n',
);
const corrections = correctionText.trim()
  ? parseCorrections(correctionText, Number(values['corrections-weight']))
  : { byTask: new Map<CorrectionTask, TrainingRow[]>(), skipped: [] };
for (const s of corrections.skipped) console.error(`corrections line ${s.line} skipped: ${s.reason}`);
for (const [task, rows] of corrections.byTask) console.error(`corrections: ${rows.length} for ${task}`);

function progressFor(task: string) {
  const bars = new Map<string, ReturnType<typeof createProgress>>();
  return {
    update(stage: string, done: number, total: number) {
      let bar = bars.get(stage);
      if (!bar) {
        for (const other of bars.values()) other.stop();
        bar = createProgress(`${task} ${stage}`);
        bars.set(stage, bar);
      }
      bar.update(done, total);
    },
    stop() {
      for (const bar of bars.values()) bar.stop();
    },
  };
}

const trained: CardModel[] = [];
const started = performance.now();

function store(task: ModelTask, bytes: Buffer, seconds: number): CardModel {
  // Write then rename, so a running process never reads a half-written artefact.
  writeFileSync(`${modelFile(task, dir)}.tmp`, bytes);
  renameSync(`${modelFile(task, dir)}.tmp`, modelFile(task, dir));
  const card: CardModel = {
    header: loadHeader(bytes),
    file: `${task}.bin`,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    seconds,
  };
  trained.push(card);
  return card;
}

const percent = (values: Record<string, number>) =>
  Object.entries(values)
    .map(([d, v]) => `${d} ${(100 * v).toFixed(2)}`)
    .join(', ');

function write(task: ModelTask, result: ReturnType<typeof trainTask>): void {
  const bytes = encodeArtefact(result.artefact);
  store(task, bytes, result.seconds);
  console.error(
    `${task}: chose ${result.chosen.spec} (validation ${percent(result.chosen.validation)}); ${(bytes.length / 1024).toFixed(0)} KiB, ${result.seconds.toFixed(0)} s`,
  );
  for (const c of result.candidates)
    console.error(`  candidate ${c.spec}: mean validation ${(100 * c.mean).toFixed(2)}`);
}

function writeEnsemble(task: ModelTask, result: TrainEnsembleResult): void {
  const bytes = encodeEnsemble(result.artefact);
  store(task, bytes, result.seconds);
  for (const m of result.members)
    console.error(
      `  member ${m.name}: ${m.result.chosen.spec} (validation ${percent(m.result.chosen.validation)}; ${m.result.seconds.toFixed(0)} s)`,
    );
  console.error(`  weights ${JSON.stringify(result.artefact.header.weights)}`);
  console.error(
    `${task}: ensemble validation ${percent(result.validation)} (no hint: ${percent(result.plainValidation)}); ${(bytes.length / 1024).toFixed(0)} KiB, ${result.seconds.toFixed(0)} s`,
  );
}

for (const name of Object.keys(TASKS) as TaskName[]) {
  if (!wanted(name)) continue;
  const task = TASKS[name];
  const rows: TrainingRow[] = [...loadTask(task, 'train'), ...(corrections.byTask.get(name) ?? [])];
  const progress = progressFor(name);
  const result = trainEnsemble({
    task: name,
    version,
    rows,
    members: task.members,
    neutralBand: task.neutralBand,
    ...(task.weightStep !== undefined ? { weightStep: task.weightStep } : {}),
    ...(task.weightObjective ? { weightObjective: task.weightObjective } : {}),
    seed: SEED,
    progress: progress.update,
  });
  progress.stop();
  writeEnsemble(name, result);
}

if (wanted('nature')) {
  const rows = corrections.byTask.get('nature') ?? [];
  const labels = new Set(rows.map((r) => r.label));
  if (rows.length >= MIN_NATURE_CORRECTIONS && labels.size >= 2) {
    const progress = progressFor('nature');
    write(
      'nature',
      trainTask({
        task: 'nature',
        version,
        rows,
        candidates: [NATURE_SPEC],
        domainAware: false,
        neutralBand: false,
        seed: SEED,
        progress: progress.update,
      }),
    );
    progress.stop();
  } else {
    // No (or too few) nature corrections: the rules decide alone, so no stale model may linger.
    rmSync(modelFile('nature', dir), { force: true });
    console.error(
      `nature: ${rows.length} corrections (need ${MIN_NATURE_CORRECTIONS} over ≥ 2 labels); rules only`,
    );
  }
}

if (wanted('sentiment_en') || wanted('intent_en')) {
  const texts = [...loadTask(TASKS.sentiment_en, 'train'), ...loadTask(TASKS.intent_en, 'train')].map(
    (r) => r.text,
  );
  writeFileSync(join(dir, 'en-idf.tsv'), formatEnglishIdf(englishIdf(texts)));
}

const manifestFile = join(dir, 'manifest.json');
const manifest = existsSync(manifestFile)
  ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as { models: Record<string, unknown> })
  : { models: {} };
for (const m of trained) {
  manifest.models[m.header.task] = {
    file: m.file,
    version: m.header.version,
    createdAt: m.header.createdAt,
    bytes: m.bytes,
    sha256: m.sha256,
    features: featureCount(m.header),
    labels: m.header.labels.length,
    trainingSeconds: Math.round(m.seconds),
  };
}
if (!existsSync(modelFile('nature', dir))) delete manifest.models.nature;
writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
console.error(`training done in ${((performance.now() - started) / 1000).toFixed(0)} s`);

if (!values['skip-eval']) {
  // Test scores for the model card only: nothing above looked at a test split.
  resetModels();
  const results = BENCHMARKS.map(evaluate);
  const defaultPath = DEFAULT_PATH.map(evaluate);
  console.log(formatTable([...results, ...defaultPath]));
  // Describe every shipped artefact, also those not retrained in this run (--only).
  const cardModels: CardModel[] = (
    ['sentiment_zh', 'category_zh', 'sentiment_en', 'intent_en', 'nature'] as ModelTask[]
  )
    .filter((task) => existsSync(modelFile(task, dir)))
    .map((task) => {
      const bytes = readFileSync(modelFile(task, dir));
      const entry = manifest.models[task] as { trainingSeconds?: number } | undefined;
      return {
        header: loadHeader(bytes),
        file: `${task}.bin`,
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        seconds: entry?.trainingSeconds ?? 0,
      };
    });
  writeFileSync(join(dir, 'MODEL_CARD.md'), modelCard(cardModels, results, defaultPath));
}
