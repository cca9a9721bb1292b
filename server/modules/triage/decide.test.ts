import { describe, expect, it } from 'vitest';
import type { RuleActions, RuleConditions } from '../../../shared/contracts/triage.js';
import { parseAmounts } from './amounts.js';
import { cueText } from './cues.js';
import { decideTriage, type TriageSubject } from './decide.js';
import { decidePriority } from './priority.js';
import { type CompiledRule, compileRule } from './rules.js';

function subject(text: string, overrides: Partial<TriageSubject> = {}): TriageSubject {
  return {
    text,
    channel: 'portal',
    customerTier: 'normal',
    product: null,
    current: { nature: null, businessArea: null, priority: 'normal', departmentId: null, assigneeId: null },
    locked: new Set(),
    ...overrides,
  };
}

let n = 0;
function rule(conditions: RuleConditions, actions: RuleActions, name = `rule ${++n}`): CompiledRule {
  return compileRule({
    id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    name,
    position: n,
    conditions,
    actions,
  });
}

const codes = (s: TriageSubject, rules: CompiledRule[] = []) =>
  decideTriage(s, rules).priorityReasons.map((r) => r.code);

describe('priority reasons (PRODUCT §3)', () => {
  it('urgent for legal, regulatory and media risk, with the matched words as evidence', () => {
    const d = decideTriage(
      subject('你们再不处理，我就向银保监会投诉，并且找律师起诉你们，还要联系记者曝光！'),
      [],
    );
    expect(d.priority).toBe('urgent');
    const legal = d.priorityReasons.find((r) => r.code === 'legal_risk')!;
    expect(legal.priority).toBe('urgent');
    expect(legal.evidence).toEqual(expect.arrayContaining(['律师', '起诉', '记者', '曝光']));
    expect(legal.labelZh).toBe('法律、监管或媒体风险');
    expect(legal.labelEn).toBe('Legal, regulatory or media risk');
    expect(d.tags.map((t) => t.value)).toContain('风险/法律监管');

    const en = decideTriage(subject('If this is not fixed I will contact my lawyer and file a lawsuit'), []);
    expect(en.priority).toBe('urgent');
    expect(en.priorityReasons[0]?.evidence).toEqual(expect.arrayContaining(['lawyer', 'lawsuit']));
  });

  it('urgent for personal safety and for major financial loss (theft cues or a large amount)', () => {
    expect(codes(subject('充电宝在家里起火了，孩子手被烫伤'))).toContain('personal_safety');
    expect(codes(subject('我的信用卡被盗刷了，请马上处理'))).toContain('financial_loss');
    const large = decideTriage(subject('账户里少了8万元，没有任何通知，太气人了'), []);
    expect(large.priority).toBe('urgent');
    expect(large.priorityReasons.find((r) => r.code === 'financial_loss')?.evidence).toContain('8万元');
    // A large amount in a neutral question is not a loss.
    expect(decideTriage(subject('请问100万元的理财产品收益率是多少？'), []).priority).not.toBe('urgent');
  });

  it('high when the core experience is broken', () => {
    const zh = decideTriage(subject('手机银行无法转账，一直提示系统故障'), []);
    expect(zh.priority).toBe('high');
    expect(zh.priorityReasons[0]).toMatchObject({ code: 'core_broken', priority: 'high' });
    expect(zh.priorityReasons[0]?.evidence).toEqual(expect.arrayContaining(['无法转账', '系统故障']));
    const en = decideTriage(subject("I can't log in and the app crashes on start"), []);
    expect(en.priority).toBe('high');
    expect(en.priorityReasons[0]?.evidence).toEqual(expect.arrayContaining(['cannot log in', 'app crashes']));
  });

  it('suggestion tier for suggestions; normal otherwise', () => {
    const s = decideTriage(subject('建议增加夜间模式，希望能支持深色主题'), []);
    expect(s.nature).toBe('suggestion');
    expect(s.priority).toBe('suggestion');
    expect(s.priorityReasons.map((r) => r.code)).toEqual(['suggestion']);
    const q = decideTriage(subject('请问你们的营业时间是几点到几点？'), []);
    expect(q.priority).toBe('normal');
    expect(q.priorityReasons.map((r) => r.code)).toEqual(['default']);
  });

  it('a VIP customer raises one tier (not into urgent)', () => {
    const text = '请问你们的营业时间是几点到几点？';
    const vip = decideTriage(subject(text, { customerTier: 'vip' }), []);
    expect(vip.priority).toBe('high');
    expect(vip.priorityReasons.map((r) => r.code)).toEqual(['default', 'vip_customer']);
    expect(decideTriage(subject('建议增加夜间模式', { customerTier: 'vip' }), []).priority).toBe('normal');
    expect(decideTriage(subject('手机银行无法转账', { customerTier: 'vip' }), []).priority).toBe('high');
  });

  it('strongly negative sentiment, or an angry complaint in public, raises a normal complaint to high', () => {
    const base = {
      text: cueText('服务态度太差了，排队两个小时没人管'),
      nature: 'complaint' as const,
      customerTier: 'normal' as const,
      channel: 'portal' as const,
      amounts: [],
    };
    const strong = decidePriority({ ...base, sentiment: { label: 'negative', score: -0.95 } });
    expect(strong.priority).toBe('high');
    expect(strong.reasons.map((r) => r.code)).toEqual(['default', 'strong_negative']);
    expect(strong.reasons[1]?.evidence).toEqual(['sentiment -0.95']);
    const mild = decidePriority({ ...base, sentiment: { label: 'negative', score: -0.5 } });
    expect(mild.priority).toBe('normal');
    const inPublic = decidePriority({
      ...base,
      channel: 'social',
      sentiment: { label: 'negative', score: -0.5 },
    });
    expect(inPublic.reasons.map((r) => r.code)).toEqual(['default', 'public_channel']);
    // A negative question is not a complaint: no raise.
    expect(
      decidePriority({ ...base, nature: 'inquiry', sentiment: { label: 'negative', score: -0.95 } }).priority,
    ).toBe('normal');
    // Through the whole decision, with the shipped sentiment model.
    const d = decideTriage(subject('服务态度太差了，排队两个小时没人管，非常失望，再也不来了'), []);
    expect(d.nature).toBe('complaint');
    expect(d.priority).toBe(d.analysis.sentiment.score <= -0.9 ? 'high' : 'normal');
  });
});

describe('rule precedence', () => {
  it('rules decide before the built-in logic; the first matching rule wins per field; tags add up', () => {
    const first = rule(
      { keywordsAny: ['信用卡'] },
      { businessArea: 'cards', priority: 'high', tags: ['产品/信用卡'] },
      'cards',
    );
    const second = rule(
      { keywordsAny: ['信用卡', '年费'] },
      { businessArea: 'fees', nature: 'inquiry', tags: ['费用'] },
      'fees',
    );
    const d = decideTriage(subject('信用卡年费怎么又扣了，太差劲了'), [first, second]);
    expect(d.businessArea).toBe('cards');
    expect(d.businessAreaSource).toBe('rule');
    expect(d.nature).toBe('inquiry');
    expect(d.natureSource).toBe('rule');
    expect(d.priority).toBe('high');
    expect(d.priorityReasons).toEqual([
      expect.objectContaining({ code: 'rule', priority: 'high', ruleId: first.id, evidence: ['信用卡'] }),
    ]);
    expect(d.tags.map((t) => t.value)).toEqual(['产品/信用卡', '费用']);
    expect(d.matches.map((m) => m.applied)).toEqual([
      ['businessArea', 'priority', 'tags'],
      ['nature', 'tags'],
    ]);
    expect(d.ruleIds).toEqual([first.id, second.id]);
  });

  it('fields people set are never overwritten by rules or models', () => {
    const r = rule({ keywordsAny: ['转账'] }, { nature: 'praise', priority: 'urgent', businessArea: 'x' });
    const d = decideTriage(
      subject('转账失败', {
        current: {
          nature: 'inquiry',
          businessArea: null,
          priority: 'normal',
          departmentId: null,
          assigneeId: null,
        },
        locked: new Set(['nature', 'priority']),
      }),
      [r],
    );
    expect(d.nature).toBe('inquiry');
    expect(d.natureSource).toBe('agent');
    expect(d.priority).toBe('normal');
    expect(d.priorityReasons.map((x) => x.code)).toEqual(['set_by_staff']);
    expect(d.businessArea).toBe('x');
  });

  it('conditions: keywords all, channel, tier, sentiment, amount, product, nature', () => {
    const text = '我的理财产品亏了6万元，非常不满意';
    const facts = { channel: 'phone' as const, customerTier: 'vip' as const, product: '稳健理财' };
    const matches = (conditions: RuleConditions, extra: Partial<TriageSubject> = {}) =>
      decideTriage(subject(text, { ...facts, ...extra }), [rule(conditions, { tags: ['t'] })]).matches[0]!
        .matched;
    expect(matches({ keywordsAll: ['理财', '亏'] })).toBe(true);
    expect(matches({ keywordsAll: ['理财', '基金'] })).toBe(false);
    expect(matches({ channels: ['phone'] })).toBe(true);
    expect(matches({ channels: ['email'] })).toBe(false);
    expect(matches({ customerTiers: ['vip'] })).toBe(true);
    expect(matches({ customerTiers: ['vip'] }, { customerTier: 'normal' })).toBe(false);
    expect(matches({ sentimentLabels: ['negative'], sentimentScoreAtMost: -0.3 })).toBe(true);
    expect(matches({ sentimentLabels: ['positive'] })).toBe(false);
    expect(matches({ amountAtLeast: 50_000 })).toBe(true);
    expect(matches({ amountAtLeast: 100_000 })).toBe(false);
    expect(matches({ products: ['稳健理财'] })).toBe(true);
    expect(matches({ products: ['信用卡'] })).toBe(false);
    expect(matches({ natures: ['complaint'] })).toBe(true);
    expect(matches({ natures: ['praise'] })).toBe(false);
    // English keywords match whole words only.
    const en = (kw: string) =>
      decideTriage(subject('My card was declined twice'), [rule({ keywordsAny: [kw] }, { tags: ['t'] })])
        .matches[0]!.matched;
    expect(en('declined')).toBe(true);
    expect(en('decline')).toBe(false);
  });
});

describe('amounts', () => {
  it('reads ¥/元/万/RMB/$ amounts and Chinese numerals, not bare numbers', () => {
    const values = (text: string) => parseAmounts(text).map((a) => a.cny);
    expect(values('被盗刷了3万')).toEqual([30_000]);
    expect(values('金额：５０００元')).toEqual([5000]);
    expect(values('损失了¥12,500.50')).toEqual([12_500.5]);
    expect(values('RMB 200 手续费')).toEqual([200]);
    expect(values('lost $1,200')).toEqual([8640]);
    expect(values('三万五千元不见了')).toEqual([35_000]);
    expect(values('订单号2023112300001，电话13812345678')).toEqual([]);
  });
});
