import type { Nature, Priority, SentimentLabel } from '../../../../shared/enums.js';
import type { DialectHelpers } from '../../../platform/db/dialect/index.js';
import { AppError } from '../../../platform/http/errors.js';
import { FEEDBACK_EVENTS } from '../feedback.events.js';
import { type FeedbackRecord, findFeedbackRecord, saveFeedbackRow } from '../feedback.repository.js';
import type { FeedbackTable } from '../feedback.table.js';
import { assertNotMerged, beginChange, type CommandBase, type HistoryEntry, recordChange } from './change.js';

/** Record fields agents edit (PATCH /feedback/:id) and those set by triage and SLA (not in the API body). */
export interface FeedbackFieldChanges {
  subject?: string | null;
  nature?: Nature | null;
  businessArea?: string | null;
  product?: string | null;
  branch?: string | null;
  region?: string | null;
  priority?: Priority;
  /** Merged into the current object; a null value removes the key. */
  customFields?: Record<string, unknown>;
  language?: string | null;
  sentiment?: { label: SentimentLabel; score: number | null } | null;
  firstResponseDueAt?: string | null;
  resolutionDueAt?: string | null;
}

type Column = keyof FeedbackTable;
const SIMPLE_FIELDS = {
  subject: 'subject',
  nature: 'nature',
  businessArea: 'business_area',
  product: 'product',
  branch: 'branch',
  region: 'region',
  priority: 'priority',
  language: 'language',
  firstResponseDueAt: 'first_response_due_at',
  resolutionDueAt: 'resolution_due_at',
} as const satisfies Partial<Record<keyof FeedbackFieldChanges, Column>>;

function mergeCustomFields(current: string, changes: Record<string, unknown>): string {
  const merged = JSON.parse(current) as Record<string, unknown>;
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return JSON.stringify(merged);
}

/**
 * Changes record fields. One history row per changed field (`<column>_changed`, from → to, why); a
 * priority change needs a reason (400 priority_reason_required). Unchanged values write nothing.
 */
export async function updateFeedbackFields(
  options: CommandBase & {
    feedbackId: string;
    changes: FeedbackFieldChanges;
    reason?: string | null;
    dialect: DialectHelpers;
  },
): Promise<FeedbackRecord> {
  const { trx, at, changes } = options;
  const reason = options.reason ?? null;
  const row = await beginChange(trx, options.feedbackId);
  assertNotMerged(row);
  const patch: Record<string, unknown> = {};
  const history: HistoryEntry[] = [];
  const summary: Record<string, { from: unknown; to: unknown }> = {};
  const note = (column: Column, from: unknown, to: unknown, data?: Record<string, unknown>) => {
    const text = (v: unknown) =>
      v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);
    history.push({ type: `${column}_changed`, from: text(from), to: text(to), reason, data: data ?? null });
    summary[column] = { from, to };
  };

  for (const [field, column] of Object.entries(SIMPLE_FIELDS) as [keyof typeof SIMPLE_FIELDS, Column][]) {
    const value = changes[field];
    if (value === undefined) continue;
    const normalized = value !== null && column.endsWith('_at') ? new Date(value).toISOString() : value;
    if (normalized === row[column]) continue;
    patch[column] = normalized;
    note(column, row[column], normalized);
  }
  if (patch.priority !== undefined && reason === null) throw new AppError('priority_reason_required');
  if (changes.sentiment !== undefined) {
    const label = changes.sentiment?.label ?? null;
    const score = changes.sentiment?.score ?? null;
    if (label !== row.sentiment_label || score !== row.sentiment_score) {
      patch.sentiment_label = label;
      patch.sentiment_score = score;
      note('sentiment_label', row.sentiment_label, label, { score });
    }
  }
  if (changes.customFields) {
    const merged = mergeCustomFields(row.custom_fields, changes.customFields);
    if (merged !== JSON.stringify(JSON.parse(row.custom_fields))) {
      patch.custom_fields = merged;
      note('custom_fields', JSON.parse(row.custom_fields), JSON.parse(merged));
    }
  }
  if (history.length === 0) return (await findFeedbackRecord(trx, row.id))!;

  const saved = await saveFeedbackRow(trx, row, patch, at);
  if ('subject' in patch)
    await options.dialect.indexFeedbackText(
      trx,
      row.id,
      [saved.subject, saved.description].filter(Boolean).join('\n'),
    );
  await recordChange(options, {
    feedbackId: row.id,
    history,
    event: FEEDBACK_EVENTS.updated,
    payload: { number: row.number, changes: summary, reason },
  });
  return (await findFeedbackRecord(trx, row.id))!;
}
