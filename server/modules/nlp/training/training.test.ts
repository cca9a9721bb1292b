import { describe, expect, it } from 'vitest';
import { seededRandom } from '../linear/random.js';
import { chooseNeutralBand, fitTemperature } from './calibrate.js';
import { parseCorrections } from './corrections.js';
import { classificationMetrics } from './metrics.js';
import { isValidation } from './split.js';

describe('classificationMetrics', () => {
  it('computes accuracy and macro-F1 by hand', () => {
    // a: tp 1, fp 1, fn 1 → F1 0.5; b: tp 1, fp 1, fn 0 → 2/3; c: tp 0, fn 1 → 0.
    const m = classificationMetrics(['a', 'a', 'b', 'c'], ['a', 'b', 'b', 'a']);
    expect(m.accuracy).toBe(0.5);
    expect(m.macroF1).toBeCloseTo((0.5 + 2 / 3 + 0) / 3, 9);
  });
});

describe('calibration', () => {
  it('recovers the temperature that generated the labels', () => {
    const random = seededRandom(9);
    const scores: Float64Array[] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const s = random() * 4 - 2;
      scores.push(Float64Array.of(s));
      y.push(random() < 1 / (1 + Math.exp(-2.5 * s)) ? 1 : 0);
    }
    expect(fitTemperature(scores, Int32Array.from(y))).toBeCloseTo(2.5, 0);
  });

  it('chooses the widest band where the model is close to guessing', () => {
    const scores = [
      -0.9, -0.5, -0.12, -0.02, 0.03, 0.08, 0.3, 0.6, 0.9, 0.95, 0.99, -0.99, 0.7, -0.7, 0.4, -0.4, 0.5, -0.6,
      0.8, -0.8,
    ];
    const correct = scores.map((s) => Math.abs(s) >= 0.1 || s > 0.05);
    // |s| < 0.1: 3 texts, 1 right (33 %) — but |s| < 0.15 also holds 4 with 2 right, and 15 % of 20 = 3 texts.
    expect(chooseNeutralBand(scores, correct, 0.75, 0.15)).toBe(0.1);
    expect(
      chooseNeutralBand(
        scores,
        scores.map(() => true),
      ),
    ).toBe(0);
  });
});

describe('validation split', () => {
  it('is a stable ~10 % carve-out by text', () => {
    const texts = Array.from({ length: 5000 }, (_, i) => `text ${i}`);
    const share = texts.filter(isValidation).length / texts.length;
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.12);
    expect(isValidation('  text 1 ')).toBe(isValidation('text 1'));
  });
});

describe('parseCorrections', () => {
  it('routes tasks by language and reports lines it cannot use', () => {
    const content = [
      JSON.stringify({ text: '送餐太慢了', label: 'negative', task: 'sentiment' }),
      JSON.stringify({ text: 'love this app', label: 'positive', task: 'sentiment', weight: 5 }),
      JSON.stringify({ text: '能否增加夜间模式', label: 'suggestion', task: 'nature' }),
      JSON.stringify({ text: '还行', label: 'neutral', task: 'sentiment' }),
      JSON.stringify({ text: 'x', label: 'angry', task: 'nature' }),
      '{oops',
      JSON.stringify({ text: 'where is my card', label: 'card_arrival', task: 'intent' }),
      '',
    ].join('\n');
    const { byTask, skipped } = parseCorrections(content, 3);
    expect(byTask.get('sentiment_zh')?.[0]).toMatchObject({ label: 'negative', weight: 3, correction: true });
    expect(byTask.get('sentiment_en')?.[0]?.weight).toBe(5);
    expect(byTask.get('nature')?.length).toBe(1);
    expect(byTask.get('intent_en')?.[0]?.label).toBe('card_arrival');
    expect(skipped.map((s) => s.line)).toEqual([4, 5, 6]);
  });
});
