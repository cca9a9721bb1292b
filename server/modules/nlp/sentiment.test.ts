import { describe, expect, it } from 'vitest';
import { getModel } from './model/registry.js';
import { zhSentimentHint, zhSentimentPrediction } from './sentiment.js';
import { normalizeForAnalysis } from './text/normalize.js';

describe('zh sentiment under a shopping hint', () => {
  it('mixes the per-category predictions by the category model’s probabilities', () => {
    const sentiment = getModel('sentiment_zh')!;
    const category = getModel('category_zh')!;
    const text = normalizeForAnalysis('手机屏幕还可以，就是电池不太耐用，物流也慢');
    const posterior = category.predict(text).probabilities;
    const expected = Object.entries(posterior).reduce(
      (sum, [label, q]) => sum + q * sentiment.predict(text, `shopping/${label}`).probabilities.positive!,
      0,
    );
    const soft = zhSentimentPrediction(text, 'shopping')!;
    expect(soft.probabilities.positive).toBeCloseTo(expected, 9);
    expect((soft.probabilities.positive ?? 0) + (soft.probabilities.negative ?? 0)).toBeCloseTo(1, 9);
  });

  it('leaves other hints and the no-hint path as they are', () => {
    const sentiment = getModel('sentiment_zh')!;
    const text = normalizeForAnalysis('送餐太慢了，菜都凉了');
    expect(zhSentimentHint(text, 'food')).toBe('food');
    expect(zhSentimentPrediction(text, 'food')!.probabilities).toEqual(
      sentiment.predict(text, 'food').probabilities,
    );
    expect(zhSentimentPrediction(text, undefined)!.probabilities).toEqual(
      sentiment.predict(text).probabilities,
    );
    expect(zhSentimentPrediction(text, undefined)!.label).toBe('negative');
  });
});
