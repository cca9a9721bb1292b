import { createHash } from 'node:crypto';
import type { LabeledText } from './types.js';

/** Deterministic 10 % validation carve-out of a TRAIN split, by a salted SHA-256 of the text. */
export function isValidation(text: string): boolean {
  const digest = createHash('sha256').update(`closeloop-val-v1:${text.trim()}`).digest('hex');
  return Number.parseInt(digest.slice(0, 8), 16) / 2 ** 32 < 0.1;
}

/** Fold 0..k−1 of a text, by a salted SHA-256 (cross-validation inside TRAIN). */
export function foldOf(text: string, k: number): number {
  const digest = createHash('sha256').update(`closeloop-fold-v1:${text.trim()}`).digest('hex');
  return Math.floor((Number.parseInt(digest.slice(0, 8), 16) / 2 ** 32) * k);
}

export function carveValidation(rows: readonly LabeledText[]): {
  fit: LabeledText[];
  validation: LabeledText[];
} {
  const fit: LabeledText[] = [];
  const validation: LabeledText[] = [];
  for (const row of rows) (isValidation(row.text) ? validation : fit).push(row);
  return { fit, validation };
}
