/** nlp: pure, offline text analysis (no database, no network). */
export { type AnalyzeOptions, analyzeText, type LabelWithConfidence, type TextAnalysis } from './analyze.js';
export { keywordsOf } from './keywords.js';
export { getModel, type LoadStat, modelLoadStats, modelsDir, resetModels } from './model/registry.js';
export { classifyNature, type Nature, type NatureResult } from './nature.js';
export { normalizeText, searchTokens } from './segment.js';
export { type Sentiment, type SentimentLabel, sentimentOf } from './sentiment.js';
export { cosine, type TextVector, textVector } from './similarity.js';
export { enTokens, markNegation } from './text/en.js';
export { detectLanguage, type Language } from './text/language.js';
export { normalizeForAnalysis } from './text/normalize.js';
export { zhNegations, zhWords } from './text/zh.js';
