import { detectLanguage } from '../text/language.js';
import type { TrainingRow } from './train-task.js';

/** Tasks a correction line may name; `sentiment`, `category` and `intent` are routed by language. */
export type CorrectionTask = 'sentiment_zh' | 'sentiment_en' | 'category_zh' | 'intent_en' | 'nature';

export interface Corrections {
  byTask: Map<CorrectionTask, TrainingRow[]>;
  skipped: Array<{ line: number; reason: string }>;
}

const NATURES = new Set(['complaint', 'suggestion', 'inquiry', 'praise']);
const SENTIMENTS = new Set(['positive', 'neutral', 'negative']);

function route(task: string, text: string): CorrectionTask | null {
  const zh = detectLanguage(text) === 'zh';
  switch (task) {
    case 'sentiment':
      return zh ? 'sentiment_zh' : 'sentiment_en';
    case 'category':
      return 'category_zh';
    case 'intent':
      return 'intent_en';
    case 'sentiment_zh':
    case 'sentiment_en':
    case 'category_zh':
    case 'intent_en':
    case 'nature':
      return task;
    default:
      return null;
  }
}

/**
 * Reads agents' corrections: one JSON object per line, `{ "text", "label", "task" }` with optional
 * `weight` (default `defaultWeight`) and `domain`. Lines that do not fit are reported, not fatal.
 */
export function parseCorrections(content: string, defaultWeight: number): Corrections {
  const byTask = new Map<CorrectionTask, TrainingRow[]>();
  const skipped: Corrections['skipped'] = [];
  content.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skipped.push({ line: index + 1, reason: 'not JSON' });
      return;
    }
    const v = (value ?? {}) as Record<string, unknown>;
    const { text, label, task } = v;
    if (typeof text !== 'string' || !text.trim() || typeof label !== 'string' || typeof task !== 'string') {
      skipped.push({ line: index + 1, reason: 'needs string text, label and task' });
      return;
    }
    const target = route(task, text);
    if (!target) {
      skipped.push({ line: index + 1, reason: `unknown task ${task}` });
      return;
    }
    if (target === 'nature' && !NATURES.has(label)) {
      skipped.push({ line: index + 1, reason: `nature label must be one of ${[...NATURES].join(', ')}` });
      return;
    }
    if (target.startsWith('sentiment') && !SENTIMENTS.has(label)) {
      skipped.push({ line: index + 1, reason: 'sentiment label must be positive, neutral or negative' });
      return;
    }
    if (target === 'sentiment_zh' && label === 'neutral') {
      skipped.push({
        line: index + 1,
        reason: 'the Chinese sentiment model is two-class; neutral is a score band',
      });
      return;
    }
    const weight = typeof v.weight === 'number' && v.weight > 0 ? v.weight : defaultWeight;
    const row: TrainingRow = { text, label, weight, dataset: 'corrections', correction: true };
    if (typeof v.domain === 'string') row.domain = v.domain;
    const list = byTask.get(target) ?? [];
    list.push(row);
    byTask.set(target, list);
  });
  return { byTask, skipped };
}
