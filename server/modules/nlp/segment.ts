import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | undefined;

function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

// Letters and digits of any script; everything else (punctuation, symbols, spaces) separates tokens.
const WORD = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;

/** NFKC (full-width → half-width), lower case, collapse whitespace. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Tokens for the full-text index and for queries: Chinese runs are cut by jieba in search mode
 * (so 手机银行 also yields 手机 and 银行), other scripts split on non-letters.
 */
export function searchTokens(text: string): string[] {
  const normalized = normalizeText(text);
  if (!normalized) return [];
  const tokens: string[] = [];
  for (const piece of segmenter().cutForSearch(normalized, true)) {
    const token = piece.trim();
    if (!token || !WORD.test(token)) continue;
    if (HAN.test(token)) tokens.push(token);
    else for (const part of token.split(/[^\p{L}\p{N}]+/u)) if (part) tokens.push(part);
  }
  return tokens;
}
