import type { Amount, RuleActions, RuleConditions } from '../../../shared/contracts/triage.js';
import type { Channel, CustomerTier, Nature, Priority } from '../../../shared/enums.js';
import { largestAmount } from './amounts.js';
import { cueText } from './cues.js';

/** A rule as the evaluator needs it (saved rules, or a draft in a dry run). */
export interface RuleSpec {
  id: string | null;
  name: string;
  position: number | null;
  conditions: RuleConditions;
  actions: RuleActions;
}

export interface CompiledRule extends RuleSpec {
  test: (facts: RuleFacts) => boolean;
}

/** What rule conditions look at. */
export interface RuleFacts {
  /** Prepared by cueText. */
  text: string;
  channel: Channel;
  customerTier: CustomerTier | null;
  sentiment: { label: string; score: number };
  amounts: Amount[];
  product: string | null;
  nature: Nature | null;
}

function keywordTest(keyword: string): (text: string) => boolean {
  const k = cueText(keyword).trim();
  if (!/[a-z0-9]/.test(k)) return (text) => text.includes(k);
  const escaped = k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
  const pattern = new RegExp(`(?:^|[^a-z0-9])${escaped}(?:$|[^a-z0-9])`);
  return (text) => pattern.test(text);
}

/** Turns a rule's conditions into one predicate (every given condition must hold; none = always). */
export function compileRule(spec: RuleSpec): CompiledRule {
  const c = spec.conditions;
  const tests: ((f: RuleFacts) => boolean)[] = [];
  if (c.keywordsAny?.length) {
    const any = c.keywordsAny.map(keywordTest);
    tests.push((f) => any.some((t) => t(f.text)));
  }
  if (c.keywordsAll?.length) {
    const all = c.keywordsAll.map(keywordTest);
    tests.push((f) => all.every((t) => t(f.text)));
  }
  if (c.channels?.length) tests.push((f) => c.channels!.includes(f.channel));
  if (c.customerTiers?.length) tests.push((f) => c.customerTiers!.includes(f.customerTier ?? 'normal'));
  if (c.sentimentLabels?.length)
    tests.push((f) => (c.sentimentLabels as string[]).includes(f.sentiment.label));
  if (c.sentimentScoreAtMost !== undefined) tests.push((f) => f.sentiment.score <= c.sentimentScoreAtMost!);
  if (c.amountAtLeast !== undefined)
    tests.push((f) => f.amounts.length > 0 && largestAmount(f.amounts) >= c.amountAtLeast!);
  if (c.products?.length) {
    const products = c.products.map((p) => p.normalize('NFKC').toLowerCase());
    tests.push((f) => f.product !== null && products.includes(f.product.normalize('NFKC').toLowerCase()));
  }
  if (c.natures?.length) tests.push((f) => f.nature !== null && c.natures!.includes(f.nature));
  return { ...spec, test: (f) => tests.every((t) => t(f)) };
}

export type RuleField = 'nature' | 'businessArea' | 'priority' | 'departmentId';

export interface RuleMatch {
  rule: CompiledRule;
  matched: boolean;
  /** Fields (and 'tags') this rule decided. */
  applied: string[];
}

export interface RuleOutcome {
  nature?: { value: Nature; rule: CompiledRule };
  businessArea?: { value: string; rule: CompiledRule };
  priority?: { value: Priority; rule: CompiledRule };
  departmentId?: { value: string; rule: CompiledRule };
  tags: { value: string; rule: CompiledRule }[];
  matches: RuleMatch[];
}

/**
 * Runs rules in order (position, then creation order). For each field the first matching rule that sets
 * it wins; tags of every matching rule are added. A nature set by an earlier rule is what later rules'
 * `natures` condition sees. `locked` fields (decided by people) are never set.
 */
export function evaluateRules(
  rules: CompiledRule[],
  facts: RuleFacts,
  locked: ReadonlySet<string> = new Set(),
): RuleOutcome {
  const outcome: RuleOutcome = { tags: [], matches: [] };
  const current = { ...facts };
  for (const rule of rules) {
    const matched = rule.test(current);
    const applied: string[] = [];
    if (matched) {
      const a = rule.actions;
      if (a.nature && !outcome.nature && !locked.has('nature')) {
        outcome.nature = { value: a.nature, rule };
        current.nature = a.nature;
        applied.push('nature');
      }
      if (a.businessArea && !outcome.businessArea && !locked.has('businessArea')) {
        outcome.businessArea = { value: a.businessArea, rule };
        applied.push('businessArea');
      }
      if (a.priority && !outcome.priority && !locked.has('priority')) {
        outcome.priority = { value: a.priority, rule };
        applied.push('priority');
      }
      if (a.departmentId && !outcome.departmentId && !locked.has('departmentId')) {
        outcome.departmentId = { value: a.departmentId, rule };
        applied.push('departmentId');
      }
      if (a.tags?.length) {
        for (const tag of a.tags)
          if (!outcome.tags.some((t) => t.value === tag)) outcome.tags.push({ value: tag, rule });
        applied.push('tags');
      }
    }
    outcome.matches.push({ rule, matched, applied });
  }
  return outcome;
}

/** What made a rule match, for the reasons shown in history ("keyword 律师", "amount ≥ 50000" …). */
export function explainMatch(rule: RuleSpec, facts: RuleFacts): string[] {
  const c = rule.conditions;
  const out: string[] = [];
  for (const k of [...(c.keywordsAny ?? []), ...(c.keywordsAll ?? [])])
    if (keywordTest(k)(facts.text)) out.push(k);
  if (c.channels?.length) out.push(`channel ${facts.channel}`);
  if (c.customerTiers?.length) out.push(`tier ${facts.customerTier ?? 'normal'}`);
  if (c.sentimentLabels?.length || c.sentimentScoreAtMost !== undefined)
    out.push(`sentiment ${facts.sentiment.label} (${facts.sentiment.score})`);
  if (c.amountAtLeast !== undefined)
    out.push(...facts.amounts.filter((a) => a.cny >= c.amountAtLeast!).map((a) => a.text));
  if (c.products?.length && facts.product) out.push(`product ${facts.product}`);
  if (c.natures?.length && facts.nature) out.push(`nature ${facts.nature}`);
  return out;
}
