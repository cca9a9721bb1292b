import type { PriorityReason, Routing, TriageResult, TriageRule } from '../../../shared/contracts/triage.js';
import type { Locale } from '../../../shared/enums.js';
import { presentPriorityReason } from '../feedback/index.js';
import type { TriageDecision } from './decide.js';
import type { RuleRow } from './triage.repository.js';

export function presentRule(row: RuleRow): TriageRule {
  return {
    id: row.id,
    position: row.position,
    name: row.name,
    description: row.description,
    enabled: row.enabled === 1,
    conditions: JSON.parse(row.conditions),
    actions: JSON.parse(row.actions),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function presentDecision(
  decision: TriageDecision,
  routing: Routing | null,
  locale: Locale,
): TriageResult {
  const reasons: PriorityReason[] = decision.priorityReasons.map((r) => presentPriorityReason(r, locale));
  return {
    language: decision.analysis.language,
    sentiment: { label: decision.analysis.sentiment.label, score: decision.analysis.sentiment.score },
    keywords: decision.analysis.keywords,
    nature: decision.nature,
    natureSource: decision.natureSource,
    natureEvidence: decision.natureEvidence,
    businessArea: decision.businessArea,
    businessAreaEvidence: decision.businessAreaEvidence,
    tags: decision.tags.map((t) => t.value),
    priority: decision.priority,
    priorityReasons: reasons,
    departmentId: routing?.departmentId ?? decision.ruleDepartment?.id ?? null,
    amounts: decision.amounts,
    routing,
  };
}
