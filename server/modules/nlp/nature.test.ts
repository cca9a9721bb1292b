import { describe, expect, it } from 'vitest';
import { classifyNature } from './nature.js';
import type { Sentiment } from './sentiment.js';
import { enTokens } from './text/en.js';
import { normalizeForAnalysis } from './text/normalize.js';

const neutral: Sentiment = { label: 'neutral', score: 0 };
const negative: Sentiment = { label: 'negative', score: -0.8 };
const positive: Sentiment = { label: 'positive', score: 0.9 };

function nature(text: string, sentiment: Sentiment = neutral) {
  const normalized = normalizeForAnalysis(text);
  return classifyNature(normalized, enTokens(normalized).join(' '), sentiment);
}

describe('classifyNature rule order', () => {
  it('1. a confident model learnt from corrections decides first; a hesitant one does not', () => {
    const normalized = normalizeForAnalysis('我要投诉');
    expect(classifyNature(normalized, '', neutral, { label: 'inquiry', confidence: 0.9 })).toMatchObject({
      label: 'inquiry',
      evidence: ['nature model inquiry (0.90)', 'complaint cue "投诉"', 'sentiment neutral (0)'],
    });
    expect(classifyNature(normalized, '', neutral, { label: 'inquiry', confidence: 0.5 })).toMatchObject({
      label: 'complaint',
      evidence: ['complaint cue "投诉"', 'nature model inquiry (0.50, below 0.8)', 'sentiment neutral (0)'],
    });
  });

  it('2. strong complaint cues beat suggestions and questions', () => {
    expect(nature('我要投诉你们，能不能加快处理？')).toMatchObject({ label: 'complaint' });
    expect(nature('This is the worst service, how do I cancel?').label).toBe('complaint');
    expect(nature('建议大家别买').label).toBe('complaint');
  });

  it('3. feature requests are suggestions even when a problem is mentioned', () => {
    const result = nature('退款进度看不到，能否增加一个进度提醒？');
    expect(result.label).toBe('suggestion');
    expect(result.evidence[0]).toBe('feature request cue "能否增加"');
    expect(result.evidence).toContain('complaint cue "退款"');
    expect(nature('It would be nice to have dark mode').label).toBe('suggestion');
    expect(nature('Please add Apple Pay support').label).toBe('suggestion');
  });

  it('4. general suggestions yield to complaint cues', () => {
    expect(nature('建议优化一下登录流程').label).toBe('suggestion');
    expect(nature('希望能尽快退款').label).toBe('complaint');
  });

  it('5. inquiry openers make a question an inquiry, also about refunds', () => {
    expect(nature('请问怎么申请退款？').label).toBe('inquiry');
    expect(nature('How do I get a refund?', negative).label).toBe('inquiry');
    expect(nature('Can I change my PIN').label).toBe('inquiry');
  });

  it('6. complaint cues (bad experience) → complaint, with contractions spelt out', () => {
    expect(nature('my card has not arrived')).toMatchObject({
      label: 'complaint',
      evidence: ['complaint cue "not arrived"', 'sentiment neutral (0)'],
    });
    expect(nature("My card hasn't arrived yet").label).toBe('complaint');
    expect(nature('为什么还没退款？').label).toBe('complaint');
  });

  it('7. questions → inquiry, unless the sentiment is strongly negative', () => {
    expect(nature('这个手机支持5G吗').label).toBe('inquiry');
    expect(nature('有没有人管管？？', negative)).toMatchObject({
      label: 'complaint',
      evidence: ['sentiment negative (-0.8)', 'question cue "?"'],
    });
  });

  it('8–10. otherwise sentiment decides, and a neutral text without cues is an inquiry', () => {
    expect(nature('送餐员迟到一个小时', negative).label).toBe('complaint');
    expect(nature('质量很好，非常满意', positive)).toMatchObject({
      label: 'praise',
      evidence: ['sentiment positive (0.9)'],
    });
    expect(nature('I love it', positive).label).toBe('praise');
    expect(nature('收到了').label).toBe('inquiry');
  });
});
