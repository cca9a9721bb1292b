import { getModel } from './model/registry.js';
import type { Language } from './text/language.js';

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export interface Sentiment {
  label: SentimentLabel;
  /** −1 (very negative) … 1 (very positive). */
  score: number;
}

const NEUTRAL: Sentiment = { label: 'neutral', score: 0 };

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * Chinese: the binary model's probability p of "positive" maps to score 2p − 1; |score| below the
 * band chosen on validation is neutral. English: score = p(positive) − p(negative) of the 3-class
 * model, label = its most probable class. Other languages: neutral.
 */
export function sentimentOf(normalized: string, language: Language, domain?: string): Sentiment {
  if (language === 'zh') {
    const model = getModel('sentiment_zh');
    if (!model) return NEUTRAL;
    const p = model.predict(normalized, domain).probabilities.positive ?? 0.5;
    const score = 2 * p - 1;
    const band = model.header.settings.neutralBand ?? 0;
    const label: SentimentLabel = Math.abs(score) < band ? 'neutral' : score > 0 ? 'positive' : 'negative';
    return { label, score: round(score) };
  }
  if (language === 'en') {
    const model = getModel('sentiment_en');
    if (!model) return NEUTRAL;
    const prediction = model.predict(normalized);
    const score = (prediction.probabilities.positive ?? 0) - (prediction.probabilities.negative ?? 0);
    return { label: prediction.label as SentimentLabel, score: round(score) };
  }
  return NEUTRAL;
}
