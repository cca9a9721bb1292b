import { findLitotes } from './litotes.js';
import type { Prediction } from './model/classifier.js';
import { EnsembleClassifier } from './model/ensemble.js';
import { getModel } from './model/registry.js';
import { enTokens } from './text/en.js';
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
 * The zh sentiment model has weights per product category of the shopping domain: a bare "shopping"
 * hint is refined to "shopping/<category>" with the category model's top prediction.
 */
export function zhSentimentHint(normalized: string, domain: string | undefined): string | undefined {
  if (domain !== 'shopping') return domain;
  const category = getModel('category_zh');
  return category ? `shopping/${category.predict(normalized).label}` : domain;
}

/**
 * The zh sentiment prediction under a domain hint. A bare "shopping" hint is a soft one: the
 * sentiment under each "shopping/<category>" mixed by the category model's probabilities (validation
 * carve-out of TRAIN, shopping: top-1 category 94.15 %, soft 94.31 %; scripts/nlp/probe-hints.ts).
 */
export function zhSentimentPrediction(normalized: string, domain: string | undefined): Prediction | null {
  const model = getModel('sentiment_zh');
  if (!model) return null;
  const category = domain === 'shopping' ? getModel('category_zh') : null;
  if (!category || !(model instanceof EnsembleClassifier))
    return model.predict(normalized, zhSentimentHint(normalized, domain));
  const posterior = category.predict(normalized).probabilities;
  return model.predictMixture(
    normalized,
    Object.entries(posterior).map(([label, q]) => [`shopping/${label}`, q] as const),
  );
}

function modelSentiment(normalized: string, language: Language, domain?: string): Sentiment | null {
  if (language === 'zh') {
    const model = getModel('sentiment_zh');
    const prediction = zhSentimentPrediction(normalized, domain);
    if (!model || !prediction) return null;
    const p = prediction.probabilities.positive ?? 0.5;
    const score = 2 * p - 1;
    const band = model.header.settings.neutralBand ?? 0;
    const label: SentimentLabel = Math.abs(score) < band ? 'neutral' : score > 0 ? 'positive' : 'negative';
    return { label, score: round(score) };
  }
  if (language === 'en') {
    const model = getModel('sentiment_en');
    if (!model) return null;
    const prediction = model.predict(normalized);
    const score = (prediction.probabilities.positive ?? 0) - (prediction.probabilities.negative ?? 0);
    return { label: prediction.label as SentimentLabel, score: round(score) };
  }
  return null;
}

/** Score given to a text whose only sentiment is a negated negative ("not bad at all"). */
const LITOTES_SCORE = 0.5;

/**
 * Chinese: the binary model's probability p of "positive" maps to score 2p − 1; |score| below the
 * band chosen on validation is neutral. English: score = p(positive) − p(negative) of the 3-class
 * model, label = its most probable class. Other languages: neutral.
 * Negated negatives ("not bad", "没毛病") are cut out and the rest is scored: unless the rest is
 * negative, the text is positive (at least 0.5 when nothing else is said, else at least 0.3).
 */
export function sentimentOf(normalized: string, language: Language, domain?: string): Sentiment {
  if (language === 'other') return NEUTRAL;
  const text = language === 'en' ? enTokens(normalized).join(' ') : normalized;
  const litotes = findLitotes(text, language);
  if (!litotes) return modelSentiment(normalized, language, domain) ?? NEUTRAL;
  if (!/[\p{L}\p{N}]/u.test(litotes.remainder)) return { label: 'positive', score: LITOTES_SCORE };
  const rest = modelSentiment(litotes.remainder, language, domain) ?? NEUTRAL;
  if (rest.label === 'negative') return rest;
  return { label: 'positive', score: round(Math.max(0.3, rest.score)) };
}
