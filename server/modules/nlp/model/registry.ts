import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeArtefact } from './artefact.js';
import { LinearTextClassifier } from './classifier.js';

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

const loaded = new Map<ModelTask, LinearTextClassifier | null>();
const stats: LoadStat[] = [];

/** The shipped model for a task, loaded once on first use; null when no artefact exists (e.g. nature before any corrections). */
export function getModel(task: ModelTask): LinearTextClassifier | null {
  if (loaded.has(task)) return loaded.get(task) ?? null;
  const file = modelFile(task);
  let model: LinearTextClassifier | null = null;
  if (existsSync(file)) {
    const started = performance.now();
    const bytes = readFileSync(file);
    model = new LinearTextClassifier(decodeArtefact(bytes));
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
