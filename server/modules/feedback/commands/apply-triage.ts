import type { Nature, Priority, SentimentLabel } from '../../../../shared/enums.js';
import { normalizeTagList } from '../../../../shared/feedback/tags.js';
import { FEEDBACK_EVENTS } from '../feedback.events.js';
import { type FeedbackRecord, findFeedbackRecord, saveFeedbackRow } from '../feedback.repository.js';
import type { FeedbackTable } from '../feedback.table.js';
import { addFeedbackTags, ensureTagPaths, syncTagPaths, tagsOfFeedback } from '../tags.repository.js';
import { type FeedbackTriageValues, humanSetFields, upsertFeedbackTriage } from '../triage.repository.js';
import { assertNotMerged, beginChange, type CommandBase, type HistoryEntry, recordChange } from './change.js';

/** A triage decision to record on an item, with the reason text history shows for each automatic field. */
export interface TriageOutcome {
  language: string;
  sentiment: { label: SentimentLabel; score: number };
  nature: Nature | null;
  businessArea: string | null;
  priority: Priority;
  /** Added to the item's tags (triage never removes a tag). */
  tags: string[];
  departmentId: string | null;
  /** undefined leaves the assignee as it is; null clears it only when the department moves. */
  assigneeId?: string | null;
  reasons: {
    nature: string;
    businessArea: string;
    priority: string;
    tags: string;
    routing: string;
    language: string;
    sentiment: string;
  };
  /** Rules and reason codes, kept on the `triaged` history row. */
  summary: Record<string, unknown>;
  /** The feedback_triage row (analysis, evidence, reasons, routing). */
  record: FeedbackTriageValues;
}

type Field = 'nature' | 'businessArea' | 'priority' | 'departmentId' | 'assigneeId';
const COLUMNS: Record<Field, keyof FeedbackTable> = {
  nature: 'nature',
  businessArea: 'business_area',
  priority: 'priority',
  departmentId: 'department_id',
  assigneeId: 'assignee_id',
};
const HISTORY_TYPES: Record<Field, string> = {
  nature: 'nature_changed',
  businessArea: 'business_area_changed',
  priority: 'priority_changed',
  departmentId: 'department_changed',
  assigneeId: 'assignee_changed',
};

/**
 * Records the automatic triage of an item as the system: language, sentiment, nature, business area,
 * tags, priority, department and assignee — except fields people decided (given at creation or changed
 * by a user), which are kept. One history row per changed field whose reason is the rule / priority
 * reasons, a `triaged` row, the feedback_triage row, outbox `feedback.triaged` and an audit entry.
 */
export async function applyTriage(
  options: CommandBase & { feedbackId: string; outcome: TriageOutcome },
): Promise<FeedbackRecord> {
  const { trx, at, outcome } = options;
  const row = await beginChange(trx, options.feedbackId);
  assertNotMerged(row);
  const human = await humanSetFields(trx, row.id);

  const patch: Record<string, unknown> = {};
  const history: HistoryEntry[] = [];
  const changed: string[] = [];
  const wanted: Record<Field, string | null | undefined> = {
    nature: outcome.nature,
    businessArea: outcome.businessArea,
    priority: outcome.priority,
    departmentId: outcome.departmentId,
    assigneeId: outcome.assigneeId,
  };
  const reasonOf: Record<Field, string> = {
    nature: outcome.reasons.nature,
    businessArea: outcome.reasons.businessArea,
    priority: outcome.reasons.priority,
    departmentId: outcome.reasons.routing,
    assigneeId: outcome.reasons.routing,
  };
  const movesDepartment =
    !human.has('departmentId') && outcome.departmentId !== null && outcome.departmentId !== row.department_id;
  for (const field of Object.keys(COLUMNS) as Field[]) {
    const value = wanted[field];
    const column = COLUMNS[field];
    // Null never clears what is there (triage only fills in and corrects its own earlier values), except
    // an agent triage picked in the department the item is moving away from.
    const clears = value === null && field === 'assigneeId' && movesDepartment;
    if (value === undefined || (value === null && !clears) || human.has(field) || row[column] === value)
      continue;
    patch[column] = value;
    changed.push(field);
    history.push({
      type: HISTORY_TYPES[field],
      from: (row[column] as string | null) ?? null,
      to: value,
      reason: reasonOf[field],
    });
  }
  if (row.language !== outcome.language) {
    patch.language = outcome.language;
    changed.push('language');
    history.push({
      type: 'language_changed',
      from: row.language,
      to: outcome.language,
      reason: outcome.reasons.language,
    });
  }
  if (row.sentiment_label !== outcome.sentiment.label || row.sentiment_score !== outcome.sentiment.score) {
    patch.sentiment_label = outcome.sentiment.label;
    patch.sentiment_score = outcome.sentiment.score;
    changed.push('sentiment');
    history.push({
      type: 'sentiment_label_changed',
      from: row.sentiment_label,
      to: outcome.sentiment.label,
      reason: outcome.reasons.sentiment,
      data: { score: outcome.sentiment.score },
    });
  }

  const current = await tagsOfFeedback(trx, row.id);
  const added = normalizeTagList(outcome.tags).filter((t) => !current.includes(t));
  if (added.length > 0) {
    await ensureTagPaths(trx, added, at);
    await addFeedbackTags(trx, row.id, added, at);
    await syncTagPaths(trx, row.id, row.created_at);
    changed.push('tags');
    history.push({
      type: 'tags_changed',
      from: JSON.stringify(current),
      to: JSON.stringify([...current, ...added].sort()),
      reason: outcome.reasons.tags,
      data: { added, removed: [] },
    });
  }
  history.unshift({
    type: 'triaged',
    reason: outcome.reasons.priority,
    data: { ...outcome.summary, changed },
  });

  const saved = await saveFeedbackRow(trx, row, patch, at);
  const needsRouting = saved.department_id === null && outcome.record.needs_routing === 1 ? 1 : 0;
  await upsertFeedbackTriage(trx, row.id, { ...outcome.record, needs_routing: needsRouting });
  await recordChange(options, {
    feedbackId: row.id,
    history,
    event: FEEDBACK_EVENTS.triaged,
    payload: {
      number: row.number,
      customerId: saved.customer_id,
      priority: saved.priority,
      nature: saved.nature,
      businessArea: saved.business_area,
      departmentId: saved.department_id,
      assigneeId: saved.assignee_id,
      changed,
    },
  });
  return (await findFeedbackRecord(trx, row.id))!;
}
