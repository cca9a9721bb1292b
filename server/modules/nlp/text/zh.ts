import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { userDictionary, zhStopWords } from './resources.js';

let analysisJieba: Jieba | undefined;

/**
 * jieba with the default dictionary plus our domain terms. Kept apart from the full-text index's
 * instance (segment.ts) so that index tokens never change when the user dictionary grows.
 */
export function zhSegmenter(): Jieba {
  if (!analysisJieba) {
    analysisJieba = Jieba.withDict(dict);
    analysisJieba.loadDict(userDictionary());
  }
  return analysisJieba;
}

const WORDLIKE = /[\p{L}\p{N}]/u;

// analyzeText cuts the same text for tokens, sentiment and category: remember the last cut.
let lastText: string | undefined;
let lastWords: readonly string[] = [];

/** jieba words of already-normalised text; whitespace dropped, punctuation kept as its own token. */
export function zhWords(normalized: string): string[] {
  if (normalized !== lastText) {
    const out: string[] = [];
    for (const piece of zhSegmenter().cut(normalized, true)) {
      const token = piece.trim();
      if (token) out.push(token);
    }
    lastText = normalized;
    lastWords = out;
  }
  return [...lastWords];
}

/** True for a token made of letters or digits (not punctuation or symbols). */
export function isWordToken(token: string): boolean {
  return WORDLIKE.test(token);
}

const NEGATORS = new Set([
  '不',
  '没',
  '没有',
  '别',
  '未',
  '无',
  '不是',
  '并不',
  '并没有',
  '从不',
  '从没',
  '毫无',
  '不太',
  '不怎么',
  '不够',
  '没什么',
  '不算',
]);
// Degree and copula words between a negator and the word it negates: 不是很满意 negates 满意.
const SKIPPABLE = new Set([
  '很',
  '太',
  '是',
  '怎么',
  '够',
  '那么',
  '这么',
  '算',
  '大',
  '特别',
  '非常',
  '十分',
  '怎样',
  '太过',
  '过',
  '会',
  '能',
  '再',
  '够好',
]);
const SCOPE = 3;

/**
 * NEG_<word> features: a negator (不/没/没有/别/未/无 …) followed, within a few tokens and before any
 * punctuation, by a content word. Degree adverbs in between are skipped.
 */
export function zhNegations(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!NEGATORS.has(words[i] ?? '')) continue;
    for (let j = i + 1; j < words.length && j <= i + SCOPE; j++) {
      const next = words[j] ?? '';
      if (!isWordToken(next) || NEGATORS.has(next)) break;
      if (SKIPPABLE.has(next)) continue;
      out.push(`NEG_${next}`);
      break;
    }
  }
  return out;
}

/** Content words: jieba words without punctuation and stop words. */
export function zhContentWords(words: readonly string[]): string[] {
  const stop = zhStopWords();
  return words.filter((w) => isWordToken(w) && !stop.has(w));
}
