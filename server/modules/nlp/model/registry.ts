import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeArtefact } from './artefact.js';
import { LinearTextClassifier } from './classifier.js';
import { decodeEnsemble, EnsembleClassifier, isEnsembleFile } from './ensemble.js';

export type ModelTask = 'sentiment_zh' | 'sentiment_en' | 'category_zh' | 'intent_en' | 'nature';

/** Where shipped artefacts live: `CLOSELOOP_NLP_MODELS` when set, else `models/` in this module. */
export function modelsDir(): string {
  return process.env.CLOSELOOP_NLP_MODELS ?? fileURLToPath(new URL('../models/', import.meta.url));
}

export function modelFile(task: ModelTask, dir = modelsDir()): string {
  return join(dir, `${task}.bin`);
}

export interface LoadStat {
  task: ModelTask;
  bytes: number;
  milliseconds: number;
}

/** A single linear model or an ensemble of them: same predict(), same header.labels/settings. */
export type TextClassifier = LinearTextClassifier | EnsembleClassifier;

/** Reads either artefact kind. */
export function loadClassifier(bytes: Uint8Array): TextClassifier {
  return isEnsembleFile(bytes)
    ? new EnsembleClassifier(decodeEnsemble(bytes))
    : new LinearTextClassifier(decodeArtefact(bytes));
}

const loaded = new Map<ModelTask, TextClassifier | null>();
const stats: LoadStat[] = [];

/** The shipped model for a task, loaded once on first use; null when no artefact exists (e.g. nature before any corrections). */
export function getModel(task: ModelTask): TextClassifier | null {
  if (loaded.has(task)) return loaded.get(task) ?? null;
  const file = modelFile(task);
  let model: TextClassifier | null = null;
  if (existsSync(file)) {
    const started = performance.now();
    const bytes = readFileSync(file);
    model = loadClassifier(bytes);
    stats.push({ task, bytes: bytes.length, milliseconds: performance.now() - started });
  }
  loaded.set(task, model);
  return model;
}

/** Load size and time of every model loaded so far in this process. */
export function modelLoadStats(): readonly LoadStat[] {
  return stats;
}

/** Forgets loaded models (tests, or after `npm run train` in a long-lived process). */
export function resetModels(): void {
  loaded.clear();
  stats.length = 0;
}
