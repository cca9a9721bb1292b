import type { Amount } from '../../../shared/contracts/triage.js';
import type { Channel, CustomerTier, Nature, Priority } from '../../../shared/enums.js';
import type { StoredPriorityReason } from '../feedback/index.js';
import { analyzeText, type TextAnalysis } from '../nlp/index.js';
import { parseAmounts } from './amounts.js';
import { decideBusinessArea } from './area.js';
import { cueText } from './cues.js';
import { decidePriority } from './priority.js';
import { type CompiledRule, evaluateRules, explainMatch, type RuleFacts, type RuleMatch } from './rules.js';

/** An item as triage sees it: its text and record fields, and which fields people decided. */
export interface TriageSubject {
  text: string;
  channel: Channel;
  customerTier: CustomerTier | null;
  product: string | null;
  current: {
    nature: Nature | null;
    businessArea: string | null;
    priority: Priority;
    departmentId: string | null;
    assigneeId: string | null;
  };
  /** Fields decided by people (see feedback humanSetFields): never changed by triage. */
  locked: ReadonlySet<string>;
  /** False for resolved, closed or merged items: they are never auto-assigned. */
  open?: boolean;
}

export type Source = 'agent' | 'rule' | 'model';

/** The decision before routing: analysis, rules, nature, area, tags and priority with reasons. */
export interface TriageDecision {
  analysis: TextAnalysis;
  amounts: Amount[];
  nature: Nature | null;
  natureSource: Source;
  natureEvidence: string[];
  businessArea: string | null;
  businessAreaSource: Source;
  businessAreaEvidence: string[];
  tags: { value: string; reason: string }[];
  priority: Priority;
  priorityReasons: StoredPriorityReason[];
  /** Department a rule asked for (routing checks it exists). */
  ruleDepartment: { id: string; reason: string } | null;
  matches: RuleMatch[];
  ruleIds: string[];
}

/** Tags filed for the urgent reasons, so risk items can be filtered. */
export const RISK_TAGS: Record<string, string> = {
  personal_safety: '风险/人身安全',
  financial_loss: '风险/资金损失',
  legal_risk: '风险/法律监管',
};

const ruleLabel = (rule: CompiledRule) => ({
  zh: `规则「${rule.name}」`,
  en: `Rule "${rule.name}"`,
});

/**
 * The triage decision for one item, without touching the database: nlp analysis, then the rules (in
 * order, first match per field), then the built-in logic for what rules and people left open.
 */
export function decideTriage(subject: TriageSubject, rules: CompiledRule[]): TriageDecision {
  const analysis = analyzeText(subject.text);
  const text = cueText(analysis.normalized);
  const amounts = parseAmounts(analysis.normalized);
  const locked = subject.locked;
  const lockedNature = locked.has('nature') ? subject.current.nature : null;
  const facts: RuleFacts = {
    text,
    channel: subject.channel,
    customerTier: subject.customerTier,
    sentiment: analysis.sentiment,
    amounts,
    product: subject.product,
    nature: lockedNature ?? analysis.nature.label,
  };
  const ruled = evaluateRules(rules, facts, locked);
  const because = (rule: CompiledRule) => {
    const label = ruleLabel(rule);
    const evidence = explainMatch(rule, facts);
    return `${label.zh} / ${label.en}${evidence.length ? `: ${evidence.join(', ')}` : ''}`;
  };

  let nature: Nature | null;
  let natureSource: Source;
  let natureEvidence: string[];
  if (locked.has('nature')) {
    nature = subject.current.nature;
    natureSource = 'agent';
    natureEvidence = ['set by staff'];
  } else if (ruled.nature) {
    nature = ruled.nature.value;
    natureSource = 'rule';
    natureEvidence = [because(ruled.nature.rule)];
  } else {
    nature = analysis.nature.label;
    natureSource = 'model';
    natureEvidence = analysis.nature.evidence;
  }

  let businessArea: string | null;
  let businessAreaSource: Source;
  let businessAreaEvidence: string[];
  if (locked.has('businessArea')) {
    businessArea = subject.current.businessArea;
    businessAreaSource = 'agent';
    businessAreaEvidence = ['set by staff'];
  } else if (ruled.businessArea) {
    businessArea = ruled.businessArea.value;
    businessAreaSource = 'rule';
    businessAreaEvidence = [because(ruled.businessArea.rule)];
  } else {
    const area = decideBusinessArea(text, nature);
    businessArea = area.area;
    businessAreaSource = 'model';
    businessAreaEvidence = area.evidence;
  }

  let priority: Priority;
  let priorityReasons: StoredPriorityReason[];
  const builtIn = decidePriority({
    text,
    nature,
    sentiment: analysis.sentiment,
    customerTier: subject.customerTier,
    channel: subject.channel,
    amounts,
  });
  if (locked.has('priority')) {
    priority = subject.current.priority;
    priorityReasons = [
      {
        code: 'set_by_staff',
        priority,
        labelZh: '由工作人员设定',
        labelEn: 'Set by staff',
        evidence: [],
        ruleId: null,
      },
    ];
  } else if (ruled.priority) {
    const rule = ruled.priority.rule;
    const label = ruleLabel(rule);
    priority = ruled.priority.value;
    priorityReasons = [
      {
        code: 'rule',
        priority,
        labelZh: label.zh,
        labelEn: label.en,
        evidence: explainMatch(rule, facts),
        ruleId: rule.id,
      },
    ];
  } else {
    priority = builtIn.priority;
    priorityReasons = builtIn.reasons;
  }

  const tags = ruled.tags.map((t) => ({ value: t.value, reason: because(t.rule) }));
  for (const r of builtIn.reasons) {
    const tag = RISK_TAGS[r.code];
    if (tag && !tags.some((t) => t.value === tag))
      tags.push({ value: tag, reason: `${r.labelZh} / ${r.labelEn}: ${r.evidence.join(', ')}` });
  }

  return {
    analysis,
    amounts,
    nature,
    natureSource,
    natureEvidence,
    businessArea,
    businessAreaSource,
    businessAreaEvidence,
    tags,
    priority,
    priorityReasons,
    ruleDepartment: ruled.departmentId
      ? { id: ruled.departmentId.value, reason: because(ruled.departmentId.rule) }
      : null,
    matches: ruled.matches,
    ruleIds: ruled.matches.filter((m) => m.matched && m.rule.id).map((m) => m.rule.id!),
  };
}

/** Priority reasons as one line of history text (both languages). */
export function reasonsText(reasons: StoredPriorityReason[]): string {
  return reasons
    .map((r) => {
      const evidence = r.evidence.length ? `「${r.evidence.join('、')}」` : '';
      return `${r.labelZh}${evidence} / ${r.labelEn}`;
    })
    .join('; ');
}
