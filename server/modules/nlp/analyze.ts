import { keywordsOf } from './keywords.js';
import { getModel } from './model/registry.js';
import { classifyNature, type Nature, type NatureModelVote, type NatureResult } from './nature.js';
import { type Sentiment, sentimentOf } from './sentiment.js';
import { enContentWords, enTokens } from './text/en.js';
import { detectLanguage, type Language } from './text/language.js';
import { normalizeForAnalysis } from './text/normalize.js';
import { zhContentWords, zhWords } from './text/zh.js';

export interface LabelWithConfidence {
  label: string;
  confidence: number;
}

export interface TextAnalysis {
  language: Language;
  normalized: string;
  /** Content words: jieba words (zh) or tokens (en), stop words and punctuation removed. */
  tokens: string[];
  keywords: string[];
  sentiment: Sentiment;
  /** Product category (online-shopping categories), for Chinese text. */
  category?: LabelWithConfidence;
  /** Banking intent (BANKING77 classes), for English text. */
  intent?: LabelWithConfidence;
  nature: NatureResult;
}

export interface AnalyzeOptions {
  /** Sentiment domain hint (e.g. 'shopping', 'food', 'hotel' for the shipped zh model); unknown hints are ignored. */
  domain?: string;
}

const NATURES: readonly string[] = ['complaint', 'suggestion', 'inquiry', 'praise'];

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function classify(task: 'category_zh' | 'intent_en', normalized: string): LabelWithConfidence | undefined {
  const prediction = getModel(task)?.predict(normalized);
  return prediction ? { label: prediction.label, confidence: round(prediction.confidence) } : undefined;
}

function natureVote(normalized: string): NatureModelVote | undefined {
  const prediction = getModel('nature')?.predict(normalized);
  if (!prediction || !NATURES.includes(prediction.label)) return undefined;
  return { label: prediction.label as Nature, confidence: prediction.confidence };
}

/** Offline analysis of one text: language, tokens, keywords, sentiment, category/intent and nature with evidence. */
export function analyzeText(text: string, options: AnalyzeOptions = {}): TextAnalysis {
  const normalized = normalizeForAnalysis(text);
  const language = detectLanguage(normalized);
  const english = language === 'zh' ? [] : enTokens(normalized);
  let tokens: string[];
  if (language === 'zh') tokens = zhContentWords(zhWords(normalized));
  else if (language === 'en') tokens = enContentWords(english);
  else tokens = normalized.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const sentiment = sentimentOf(normalized, language, options.domain);
  const analysis: TextAnalysis = {
    language,
    normalized,
    tokens,
    keywords: language === 'other' ? [] : keywordsOf(normalized, language),
    sentiment,
    nature: classifyNature(normalized, english.join(' '), sentiment, natureVote(normalized)),
  };
  if (language === 'zh') {
    const category = classify('category_zh', normalized);
    if (category) analysis.category = category;
  } else if (language === 'en') {
    const intent = classify('intent_en', normalized);
    if (intent) analysis.intent = intent;
  }
  return analysis;
}
