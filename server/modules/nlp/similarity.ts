import { searchTokens } from './segment.js';
import { enStopWords, zhStopWords } from './text/resources.js';

/** A sparse term-frequency vector, L2-normalised (so the dot product of two is their cosine). */
export type TextVector = ReadonlyMap<string, number>;

const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * The vector used to compare two short texts (duplicate detection): the full-text index's tokens (jieba
 * search mode + Latin words, NFKC and lower case; `segment.ts`) without stop words, plus the character
 * bigrams of every Chinese run (robust to segmentation differences such as 没到账 / 没有到账), each
 * counted by frequency and the whole vector L2-normalised.
 */
export function textVector(text: string): TextVector {
  const zhStop = zhStopWords();
  const enStop = enStopWords();
  const counts = new Map<string, number>();
  const add = (term: string) => counts.set(term, (counts.get(term) ?? 0) + 1);
  for (const token of searchTokens(text)) if (!zhStop.has(token) && !enStop.has(token)) add(`w:${token}`);
  for (const run of text.normalize('NFKC').matchAll(HAN_RUN)) {
    const chars = [...run[0]];
    for (let i = 0; i + 1 < chars.length; i++) add(`b:${chars[i]}${chars[i + 1]}`);
  }
  let norm = 0;
  for (const v of counts.values()) norm += v * v;
  norm = Math.sqrt(norm);
  const vector = new Map<string, number>();
  if (norm > 0) for (const [k, v] of counts) vector.set(k, v / norm);
  return vector;
}

/** Cosine similarity of two vectors from textVector (0 when either is empty). */
export function cosine(a: TextVector, b: TextVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, v] of small) {
    const w = large.get(k);
    if (w !== undefined) dot += v * w;
  }
  return Math.min(1, dot);
}
