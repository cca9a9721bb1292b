import type { TestRules, TriageResult } from '../../../../shared/contracts/triage.js';
import type { Locale } from '../../../../shared/enums.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { databaseRoutingSource, decideRouting, loadRules } from '../commands/run-triage.js';
import { decideTriage, type TriageSubject } from '../decide.js';
import { compileRule } from '../rules.js';
import { presentDecision } from '../triage.presenter.js';

export interface DryRun {
  rules: { id: string | null; name: string; position: number | null; matched: boolean; applied: string[] }[];
  result: TriageResult;
}

/** Triage of a text as if it arrived now (saved rules, plus an optional draft rule tried first); writes nothing. */
export async function dryRun(db: DbOrTrx, input: TestRules, locale: Locale): Promise<DryRun> {
  const saved = await loadRules(db);
  const rules = input.rule
    ? [
        compileRule({
          id: null,
          name: input.rule.name,
          position: null,
          conditions: input.rule.conditions,
          actions: input.rule.actions,
        }),
        ...saved,
      ]
    : saved;
  const subject: TriageSubject = {
    text: input.text,
    channel: input.channel ?? 'api',
    customerTier: input.customerTier ?? null,
    product: input.product ?? null,
    current: {
      nature: input.nature ?? null,
      businessArea: null,
      priority: 'normal',
      departmentId: null,
      assigneeId: null,
    },
    locked: new Set(input.nature ? ['nature'] : []),
  };
  const decision = decideTriage(subject, rules);
  const routing = await decideRouting(decision, subject, databaseRoutingSource(db));
  return {
    rules: decision.matches.map((m) => ({
      id: m.rule.id,
      name: m.rule.name,
      position: m.rule.position,
      matched: m.matched,
      applied: m.applied,
    })),
    result: presentDecision(decision, routing, locale),
  };
}
