import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TfIdf } from '@node-rs/jieba';
import { idf } from '@node-rs/jieba/dict.js';
import { modelsDir } from './model/registry.js';
import { enContentWords, enTokens } from './text/en.js';
import type { Language } from './text/language.js';
import { zhStopWords } from './text/resources.js';
import { zhSegmenter } from './text/zh.js';

let zhTfIdf: TfIdf | undefined;
// Negators and degree words stay in tokens (they carry sentiment) but say nothing as keywords.
const NOT_KEYWORDS = new Set([
  '没有',
  '不是',
  '不会',
  '不能',
  '非常',
  '特别',
  '比较',
  '真的',
  '觉得',
  '感觉',
  '一般',
  '还有',
]);

function zhExtractor(): TfIdf {
  if (!zhTfIdf) {
    zhTfIdf = TfIdf.withDict(idf);
    // Our stop words are filtered afterwards: the binding fails to convert a stopWords set (2.0.3).
    zhTfIdf.setConfig({ minKeywordLength: 2, useHmm: true });
  }
  return zhTfIdf;
}

/** English document frequencies written by `npm run train` (from the English training texts). */
export interface EnglishIdf {
  documents: number;
  df: Record<string, number>;
}

let enIdf: EnglishIdf | null | undefined;
const NOT_KEYWORDS_EN = new Set(['not', 'no', 'never', 'nothing', 'nor', 'url', 'get', 'got']);

/** `en-idf.tsv`: a `#documents<TAB>N` line, then one `word<TAB>document frequency` line per word. */
export function formatEnglishIdf(table: EnglishIdf): string {
  const lines = [`#documents\t${table.documents}`, ...Object.entries(table.df).map(([w, n]) => `${w}\t${n}`)];
  return `${lines.join('\n')}\n`;
}

export function parseEnglishIdf(content: string): EnglishIdf {
  const table: EnglishIdf = { documents: 0, df: {} };
  for (const line of content.split('\n')) {
    const [word, count] = line.split('\t');
    if (!word || count === undefined) continue;
    if (word === '#documents') table.documents = Number(count);
    else table.df[word] = Number(count);
  }
  return table;
}

export function englishIdf(): EnglishIdf | null {
  if (enIdf === undefined) {
    const file = join(modelsDir(), 'en-idf.tsv');
    enIdf = existsSync(file) ? parseEnglishIdf(readFileSync(file, 'utf8')) : null;
  }
  return enIdf;
}

/** Top keywords: jieba's TF-IDF (its IDF table, our stop words) for zh; TF × smoothed IDF for en. */
export function keywordsOf(normalized: string, language: Language, topK = 5): string[] {
  if (language === 'zh') {
    const stop = zhStopWords();
    return zhExtractor()
      .extractKeywords(zhSegmenter(), normalized, topK * 3)
      .map((k) => k.keyword)
      .filter((k) => !stop.has(k) && !NOT_KEYWORDS.has(k) && !/^\d+$/.test(k))
      .slice(0, topK);
  }
  const words = enContentWords(enTokens(normalized)).filter(
    (w) => w.length > 1 && !NOT_KEYWORDS_EN.has(w) && !/^\d+$/.test(w),
  );
  if (words.length === 0) return [];
  const table = englishIdf();
  const n = table?.documents ?? 1;
  const tf = new Map<string, number>();
  for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
  // Map keeps first-insertion order, so ties stay in reading order.
  return [...tf]
    .map(([word, count], order) => ({
      word,
      order,
      weight: count * (Math.log((1 + n) / (1 + (table?.df[word] ?? 0))) + 1),
    }))
    .sort((a, b) => b.weight - a.weight || a.order - b.order)
    .slice(0, topK)
    .map((k) => k.word);
}
