import { normalizeText } from '../segment.js';

// Byte-order marks and zero-width characters survive NFKC; some source texts start with a BOM.
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff]/g;

/** NFKC (full-width → half-width), invisible characters removed, lower case, whitespace collapsed. */
export function normalizeForAnalysis(text: string): string {
  return normalizeText(text.replace(INVISIBLE, ''));
}
