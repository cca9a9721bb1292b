import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { LabeledText } from '../../server/modules/nlp/training/types.js';

/** The shared data directory: `CLOSELOOP_SHARED_DATA`, else `../shared/data` next to the repo. */
export function sharedDataDir(): string {
  const fromEnv = process.env.CLOSELOOP_SHARED_DATA;
  if (fromEnv) return resolve(fromEnv);
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  return resolve(repoRoot, '..', 'shared', 'data');
}

export type Split = 'train' | 'test';

export interface DatasetSpec {
  /** Directory under the shared data dir. */
  dataset: string;
  textColumn: string;
  labelColumn: string;
  /** Maps a raw label value to the model label. */
  mapLabel?: (raw: string) => string;
  /** Optional per-row training weight read from the row (e.g. annotator confidence). */
  weight?: (row: Record<string, string>) => number;
  /** Optional domain of a row (for domain-aware models). */
  domain?: (row: Record<string, string>) => string;
}

export const SENTIMENT_01 = (raw: string): string => (raw === '1' ? 'positive' : 'negative');

/** Rows of one split as {text, label}. Never copies data anywhere: read at train/eval time. */
export function loadSplit(spec: DatasetSpec, split: Split): LabeledText[] {
  const file = join(sharedDataDir(), spec.dataset, `${split}.csv`);
  const rows = parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true }) as Array<
    Record<string, string>
  >;
  return rows.map((row) => {
    const raw = row[spec.labelColumn] ?? '';
    const text = row[spec.textColumn] ?? '';
    const label = spec.mapLabel ? spec.mapLabel(raw) : raw;
    return {
      text,
      label,
      ...(spec.weight ? { weight: spec.weight(row) } : {}),
      ...(spec.domain ? { domain: spec.domain(row) } : {}),
    };
  });
}

export { carveValidation, foldOf, isValidation } from '../../server/modules/nlp/training/split.js';
