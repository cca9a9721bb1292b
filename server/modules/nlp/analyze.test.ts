import { describe, expect, it } from 'vitest';
import { analyzeText, modelLoadStats } from './index.js';

// Runs against the shipped artefacts in models/ (no training, no dataset access).
describe('analyzeText with the shipped models', () => {
  it.each([
    ['质量很好，非常满意', 'positive'],
    ['太差了，再也不买了', 'negative'],
    ['不是很满意', 'negative'],
    ['I love it', 'positive'],
  ])('%s → %s', (text, label) => {
    expect(analyzeText(text).sentiment.label).toBe(label);
  });

  it('does not call "not bad at all" negative', () => {
    expect(analyzeText('not bad at all').sentiment.label).not.toBe('negative');
  });

  it('keeps scores in −1…1 with the sign of the label', () => {
    for (const text of ['质量很好，非常满意', '太差了', 'I love it', 'worst airline ever']) {
      const { score, label } = analyzeText(text).sentiment;
      expect(Math.abs(score)).toBeLessThanOrEqual(1);
      if (label === 'positive') expect(score).toBeGreaterThan(0);
      if (label === 'negative') expect(score).toBeLessThan(0);
    }
  });

  it('gives the banking intent for English and the product category for Chinese', () => {
    const en = analyzeText('my card has not arrived');
    expect(en.language).toBe('en');
    expect(en.intent?.label).toBe('card_arrival');
    expect(en.category).toBeUndefined();
    const zh = analyzeText('这本书的内容很精彩，作者写得很好');
    expect(zh.category?.label).toBe('书籍');
    expect(zh.intent).toBeUndefined();
  });

  it('returns normalised text, content tokens and keywords', () => {
    const result = analyzeText('我用刷脸支付时被扣了两次款，手机银行也登不上！');
    expect(result.language).toBe('zh');
    expect(result.tokens).toContain('刷脸支付');
    expect(result.tokens).not.toContain('的');
    expect(result.keywords.length).toBeGreaterThan(0);
    expect(result.keywords).toContain('刷脸支付');
    const en = analyzeText('The ATM swallowed my card and the refund never came');
    expect(en.keywords).toContain('atm');
    expect(en.keywords).not.toContain('the');
    expect(analyzeText('ＡＢＣ１２３').normalized).toBe('abc123');
  });

  it('labels nature with evidence from cues and the sentiment model', () => {
    expect(analyzeText('我要投诉，快递一直没收到').nature).toMatchObject({
      label: 'complaint',
      evidence: expect.arrayContaining(['complaint cue "投诉"']),
    });
    expect(analyzeText('建议增加夜间模式').nature.label).toBe('suggestion');
    expect(analyzeText('请问信用卡怎么还款？').nature.label).toBe('inquiry');
    expect(analyzeText('质量很好，非常满意').nature).toMatchObject({ label: 'praise' });
    expect(analyzeText('质量很好，非常满意').nature.evidence[0]).toMatch(/^sentiment positive/);
    expect(analyzeText('my card has not arrived').nature.label).toBe('complaint');
    expect(analyzeText('How do I activate my new card?').nature.label).toBe('inquiry');
  });

  it('handles other languages and empty text without models', () => {
    expect(analyzeText('Je voudrais un remboursement')).toMatchObject({
      language: 'other',
      sentiment: { label: 'neutral', score: 0 },
    });
    expect(analyzeText('')).toMatchObject({ language: 'other', tokens: [], keywords: [] });
  });

  it('loads each model once, quickly', () => {
    analyzeText('再测一次');
    const stats = modelLoadStats();
    expect(new Set(stats.map((s) => s.task)).size).toBe(stats.length);
    for (const s of stats) expect(s.milliseconds).toBeLessThan(5000);
  });
});
