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

function zhExtractor(): TfIdf {
  if (!zhTfIdf) {
    zhTfIdf = TfIdf.withDict(idf);
    zhTfIdf.setConfig({ stopWords: new Set(zhStopWords()), minKeywordLength: 2, useHmm: true });
  }
  return zhTfIdf;
}

/** English document frequencies written by `npm run train` (from the English training texts). */
export interface EnglishIdf {
  documents: number;
  df: Record<string, number>;
}

let enIdf: EnglishIdf | null | undefined;

export function englishIdf(): EnglishIdf | null {
  if (enIdf === undefined) {
    const file = join(modelsDir(), 'en-idf.json');
    enIdf = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as EnglishIdf) : null;
  }
  return enIdf;
}

/** Top keywords: jieba's TF-IDF (its IDF table, our stop words) for zh; TF × smoothed IDF for en. */
export function keywordsOf(normalized: string, language: Language, topK = 5): string[] {
  if (language === 'zh') {
    return zhExtractor()
      .extractKeywords(zhSegmenter(), normalized, topK)
      .map((k) => k.keyword);
  }
  const words = enContentWords(enTokens(normalized)).filter(
    (w) => w.length > 1 && w !== 'url' && !/^\d+$/.test(w),
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
