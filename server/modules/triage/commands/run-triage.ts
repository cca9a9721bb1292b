import type { Routing } from '../../../../shared/contracts/triage.js';
import { type Actor, SYSTEM_ACTOR } from '../../../platform/auth/actor.js';
import type { DatabaseHandle, DbOrTrx } from '../../../platform/db/database.js';
import { getCustomerSummaries } from '../../customers/index.js';
import {
  applyTriage,
  type FeedbackRecord,
  getFeedbackOrThrow,
  humanSetFields,
  type TriageOutcome,
} from '../../feedback/index.js';
import { recordAudit } from '../../identity/index.js';
import { decideTriage, reasonsText, type TriageDecision, type TriageSubject } from '../decide.js';
import { type Candidate, chooseDepartment, type DepartmentArea, routingResult } from '../routing.js';
import { type CompiledRule, compileRule } from '../rules.js';
import {
  assignmentCandidates,
  autoAssignFor,
  departmentAreas,
  listRuleRows,
  type RuleRow,
} from '../triage.repository.js';

/** Saved rules in evaluation order, ready to test. */
export function compileRuleRows(rows: RuleRow[]): CompiledRule[] {
  return rows.map((r) =>
    compileRule({
      id: r.id,
      name: r.name,
      position: r.position,
      conditions: JSON.parse(r.conditions),
      actions: JSON.parse(r.actions),
    }),
  );
}

export async function loadRules(db: DbOrTrx): Promise<CompiledRule[]> {
  return compileRuleRows(await listRuleRows(db, { enabledOnly: true }));
}

/** The item as triage sees it. */
export async function loadSubject(db: DbOrTrx, record: FeedbackRecord): Promise<TriageSubject> {
  const [locked, customers] = await Promise.all([
    humanSetFields(db, record.id),
    record.customer_id ? getCustomerSummaries(db, [record.customer_id]) : Promise.resolve(new Map()),
  ]);
  return {
    text: [record.subject, record.description].filter(Boolean).join('\n'),
    channel: record.channel,
    customerTier: record.customer_id ? (customers.get(record.customer_id)?.tier ?? null) : null,
    product: record.product,
    current: {
      nature: record.nature,
      businessArea: record.business_area,
      priority: record.priority,
      departmentId: record.department_id,
      assigneeId: record.assignee_id,
    },
    locked,
    open: ['received', 'in_progress', 'reopened'].includes(record.status),
  };
}

/** Where routing needs the database: who may be picked, and whether auto-assignment is on. */
export interface RoutingSource {
  departments(): Promise<DepartmentArea[]> | DepartmentArea[];
  autoAssign(departmentId: string): Promise<boolean> | boolean;
  candidates(departmentId: string, skill: string | null): Promise<Candidate[]> | Candidate[];
}

export function databaseRoutingSource(db: DbOrTrx): RoutingSource {
  return {
    departments: () => departmentAreas(db),
    autoAssign: (id) => autoAssignFor(db, id),
    candidates: (id, skill) => assignmentCandidates(db, id, skill),
  };
}

/** The routing decision: department choice, then (when on and needed) the least-loaded skilled agent. */
export async function decideRouting(
  decision: TriageDecision,
  subject: TriageSubject,
  source: RoutingSource,
): Promise<Routing> {
  const choice = chooseDepartment(decision, subject, await source.departments());
  const skill = decision.businessArea;
  const departmentId = choice.departmentId;
  const moved = departmentId !== subject.current.departmentId;
  const needsAgent =
    departmentId !== null &&
    subject.open !== false &&
    !subject.locked.has('assigneeId') &&
    (subject.current.assigneeId === null || (moved && choice.chosen));
  if (!needsAgent) {
    const routing = routingResult(choice, { autoAssign: false, skill, candidates: null });
    return { ...routing, assigneeId: subject.current.assigneeId };
  }
  const autoAssign = await source.autoAssign(departmentId);
  const candidates = autoAssign ? await source.candidates(departmentId, skill) : null;
  return routingResult(choice, { autoAssign, skill, candidates });
}

/** Turns a decision and its routing into what the feedback command records. */
export function toOutcome(
  decision: TriageDecision,
  subject: TriageSubject,
  routing: Routing,
  at: string,
): TriageOutcome {
  const a = decision.analysis;
  const priorityReason = reasonsText(decision.priorityReasons);
  const moved = routing.departmentId !== subject.current.departmentId;
  let assigneeId: string | null | undefined;
  if (routing.outcome === 'assigned') assigneeId = routing.assigneeId;
  else if (moved && routing.departmentId !== null) assigneeId = null;
  const evidence = (list: string[]) => (list.length ? `: ${list.join(', ')}` : '');
  return {
    language: a.language,
    sentiment: { label: a.sentiment.label, score: a.sentiment.score },
    nature: decision.nature,
    businessArea: decision.businessArea,
    priority: decision.priority,
    tags: decision.tags.map((t) => t.value),
    departmentId: routing.departmentId,
    ...(assigneeId !== undefined ? { assigneeId } : {}),
    reasons: {
      nature: `${decision.natureSource}${evidence(decision.natureEvidence)}`,
      businessArea: `${decision.businessAreaSource}${evidence(decision.businessAreaEvidence)}`,
      priority: priorityReason,
      tags: decision.tags.map((t) => `${t.value} ← ${t.reason}`).join('; '),
      routing: routing.detail,
      language: `文本分析 / text analysis: ${a.language}`,
      sentiment: `情感模型 / sentiment model: ${a.sentiment.label} (${a.sentiment.score})`,
    },
    summary: {
      ruleIds: decision.ruleIds,
      priorityReasons: decision.priorityReasons.map((r) => r.code),
      routing: routing.outcome,
    },
    record: {
      language: a.language,
      normalized_text: a.normalized,
      tokens: JSON.stringify(a.tokens),
      keywords: JSON.stringify(a.keywords),
      sentiment_label: a.sentiment.label,
      sentiment_score: a.sentiment.score,
      nature: decision.nature,
      nature_evidence: JSON.stringify(decision.natureEvidence),
      business_area: decision.businessArea,
      priority: decision.priority,
      priority_reasons: JSON.stringify(decision.priorityReasons),
      rule_ids: JSON.stringify(decision.ruleIds),
      amounts: JSON.stringify(decision.amounts),
      routing: JSON.stringify(routing),
      needs_routing: routing.departmentId === null ? 1 : 0,
      triaged_at: at,
    },
  };
}

/**
 * Triages one item: reads it, decides (analysis, rules, priority, routing) and records the outcome through
 * the feedback module's applyTriage as the system, in one transaction. `requestedBy` (a re-triage) is
 * audited separately. Returns the updated record.
 */
export async function runTriage(
  database: Pick<DatabaseHandle, 'db' | 'write'>,
  options: { feedbackId: string; at: string; requestedBy?: Actor; ip?: string | null },
): Promise<FeedbackRecord> {
  const { db } = database;
  const record = await getFeedbackOrThrow(db, options.feedbackId);
  const [subject, rules] = await Promise.all([loadSubject(db, record), loadRules(db)]);
  const decision = decideTriage(subject, rules);
  const routing = await decideRouting(decision, subject, databaseRoutingSource(db));
  const outcome = toOutcome(decision, subject, routing, options.at);
  return database.write(async (trx) => {
    const updated = await applyTriage({
      trx,
      actor: SYSTEM_ACTOR,
      at: options.at,
      feedbackId: record.id,
      outcome,
    });
    if (options.requestedBy)
      await recordAudit(trx, {
        actor: options.requestedBy,
        action: 'triage.rerun',
        entityType: 'feedback',
        entityId: record.id,
        details: { priority: updated.priority, routing: routing.outcome },
        ip: options.ip ?? null,
        at: options.at,
      });
    return updated;
  });
}
