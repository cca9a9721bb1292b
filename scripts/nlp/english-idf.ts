import type { EnglishIdf } from '../../server/modules/nlp/keywords.js';
import { enContentWords, enTokens } from '../../server/modules/nlp/text/en.js';
import { normalizeForAnalysis } from '../../server/modules/nlp/text/normalize.js';

/** Document frequencies of English content words (kept when seen in at least `minDf` texts). */
export function englishIdf(texts: readonly string[], minDf = 2): EnglishIdf {
  const df = new Map<string, number>();
  for (const text of texts) {
    for (const word of new Set(enContentWords(enTokens(normalizeForAnalysis(text)))))
      df.set(word, (df.get(word) ?? 0) + 1);
  }
  const kept = [...df].filter(([, n]) => n >= minDf).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { documents: texts.length, df: Object.fromEntries(kept) };
}
