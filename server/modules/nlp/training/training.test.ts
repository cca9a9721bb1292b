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
    expect(fitTemperature([], new Int32Array(0))).toBe(1);
  });

  it('grows the neutral band while the model is near chance', () => {
    // 100 texts per 0.05 ring up to 0.5: accuracy 50 % in [0, 0.1), 58 % in [0.1, 0.15), 70 % beyond.
    const scores: number[] = [];
    const correct: boolean[] = [];
    for (let ring = 0; ring < 10; ring++) {
      const accuracy = ring < 2 ? 0.5 : ring === 2 ? 0.58 : 0.7;
      for (let i = 0; i < 100; i++) {
        scores.push((i % 2 === 0 ? 1 : -1) * (ring * 0.05 + 0.0001 + (i / 100) * 0.049));
        correct.push(i < accuracy * 100);
      }
    }
    expect(chooseNeutralBand(scores, correct, { maxShare: 0.5 })).toBe(0.15);
    // The share cap stops it earlier: 15 % of 1000 texts = one ring and a half.
    expect(chooseNeutralBand(scores, correct)).toBe(0.05);
    // Sparse rings are merged before they are judged.
    expect(chooseNeutralBand(scores, correct, { maxShare: 0.5, minRing: 150 })).toBe(0.1);
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
