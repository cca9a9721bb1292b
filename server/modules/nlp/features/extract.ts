import { enTokens, isEnWord, markNegation } from '../text/en.js';
import { detectLanguage } from '../text/language.js';
import { enStopWords, zhStopWords } from '../text/resources.js';
import { isWordToken, zhNegations, zhWords } from '../text/zh.js';
import { finishHash, hashSeed, hashString, hashUnit } from './hash.js';

/** How text becomes hashed terms; stored in every model artefact so inference repeats training. */
export interface FeatureConfig {
  /** 'auto' picks zh or en extraction per text (bilingual models such as nature). */
  language: 'zh' | 'en' | 'auto';
  /** Word n-grams from 1 up to this (jieba words for zh, tokens for en). */
  wordNgrams: number;
  /** Character n-gram lengths [min, max]: over letter/digit runs for zh, inside words for en. */
  charNgrams: [number, number] | null;
  /** NEG_ features (zh) / not_ scope marking (en). */
  negation: boolean;
  /** Leave stop words out of the word n-grams. */
  dropStopWords: boolean;
  /** en: keep @handles as tokens instead of masking them as @user. */
  keepHandles?: boolean;
  /**
   * When set, word features (n-grams, NEG_) and character n-grams are L2-normalised as two blocks,
   * the word block carrying this share of the squared norm; otherwise one joint normalisation.
   * The top hash bit tells the blocks apart (set = character n-gram).
   */
  wordShare?: number;
}

/** Top hash bit set: a character n-gram (used by block normalisation). */
export const CHAR_BLOCK_BIT = 0x80000000;

const KIND_WORD = 1;
const KIND_CHAR = 3;
const KIND_NEG = 4;
const SEP = 0x1f;
const SEED_WORD = hashSeed(KIND_WORD);
const SEED_CHAR = hashSeed(KIND_CHAR);
const SEED_NEG = hashSeed(KIND_NEG);
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const BOUNDARY = /^[.,;:]+$/;

function pushWordNgrams(words: readonly (string | null)[], maxN: number, out: number[]): void {
  // null marks a boundary that n-grams do not cross; maxN 0 turns word features off.
  if (maxN < 1) return;
  for (let i = 0; i < words.length; i++) {
    const first = words[i];
    if (first == null) continue;
    let h = hashString(SEED_WORD, first);
    out.push(finishHash(h));
    for (let n = 2; n <= maxN; n++) {
      const next = words[i + n - 1];
      if (next == null) break;
      h = hashString(hashUnit(h, SEP), next);
      out.push(finishHash(h));
    }
  }
}

function pushCharNgrams(run: string, min: number, max: number, out: number[]): void {
  const chars = Array.from(run);
  for (let i = 0; i < chars.length; i++) {
    let h = SEED_CHAR;
    for (let n = 1; n <= max && i + n <= chars.length; n++) {
      h = hashString(h, chars[i + n - 1]!);
      if (n >= min) out.push(finishHash(h));
    }
  }
}

function zhTerms(normalized: string, config: FeatureConfig, out: number[], chars: number[]): void {
  const words = zhWords(normalized);
  const stop = zhStopWords();
  const sequence = words.map((w) => {
    if (w === '!' || w === '?') return w;
    if (!isWordToken(w)) return null;
    return config.dropStopWords && stop.has(w) ? null : w;
  });
  pushWordNgrams(sequence, config.wordNgrams, out);
  if (config.negation) for (const neg of zhNegations(words)) out.push(finishHash(hashString(SEED_NEG, neg)));
  if (config.charNgrams) {
    const [min, max] = config.charNgrams;
    let run = '';
    for (const ch of normalized) {
      if (LETTER_OR_DIGIT.test(ch)) run += ch;
      else if (run) {
        pushCharNgrams(run, min, max, chars);
        run = '';
      }
    }
    if (run) pushCharNgrams(run, min, max, chars);
  }
}

function enTerms(normalized: string, config: FeatureConfig, out: number[], chars: number[]): void {
  const tokens = enTokens(normalized, config.keepHandles ?? false);
  const marked = config.negation ? markNegation(tokens) : tokens;
  const stop = enStopWords();
  const sequence = marked.map((t) => {
    if (BOUNDARY.test(t)) return null;
    return config.dropStopWords && stop.has(t) ? null : t;
  });
  pushWordNgrams(sequence, config.wordNgrams, out);
  if (config.charNgrams) {
    const [min, max] = config.charNgrams;
    for (const token of tokens)
      if (isEnWord(token) && !token.startsWith('@')) pushCharNgrams(`<${token}>`, min, max, chars);
  }
}

/** Hashed terms (with repeats) of already-normalised text. */
export function extractTerms(normalized: string, config: FeatureConfig): Uint32Array {
  const out: number[] = [];
  const chars: number[] = config.wordShare === undefined ? out : [];
  const language =
    config.language === 'auto' ? (detectLanguage(normalized) === 'zh' ? 'zh' : 'en') : config.language;
  if (language === 'zh') zhTerms(normalized, config, out, chars);
  else enTerms(normalized, config, out, chars);
  if (chars === out) return Uint32Array.from(out);
  const terms = new Uint32Array(out.length + chars.length);
  for (let i = 0; i < out.length; i++) terms[i] = (out[i]! & ~CHAR_BLOCK_BIT) >>> 0;
  for (let i = 0; i < chars.length; i++) terms[out.length + i] = (chars[i]! | CHAR_BLOCK_BIT) >>> 0;
  return terms;
}

export interface TermCounts {
  terms: Uint32Array;
  counts: Uint16Array;
}

/** Distinct terms (ascending) with their counts. */
export function countTerms(hashes: Uint32Array): TermCounts {
  const sorted = Uint32Array.from(hashes).sort();
  const terms = new Uint32Array(sorted.length);
  const counts = new Uint16Array(sorted.length);
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (distinct > 0 && sorted[i] === terms[distinct - 1]) {
      if (counts[distinct - 1]! < 65535) counts[distinct - 1]!++;
    } else {
      terms[distinct] = sorted[i]!;
      counts[distinct] = 1;
      distinct++;
    }
  }
  return { terms: terms.slice(0, distinct), counts: counts.slice(0, distinct) };
}
