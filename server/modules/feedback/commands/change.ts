import type { Actor } from '../../../platform/auth/actor.js';
import type { DbOrTrx, Trx } from '../../../platform/db/database.js';
import { recordEvent } from '../../../platform/events/outbox.js';
import { AppError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../identity/index.js';
import { FEEDBACK_AGGREGATE, type FeedbackEventType } from '../feedback.events.js';
import { type FeedbackRow, lockFeedbackRow } from '../feedback.repository.js';
import { insertEvent, latestEventAt } from '../timeline.repository.js';

/** What every command receives besides its own input: the open transaction, who acts, and when. */
export interface CommandBase {
  trx: Trx;
  actor: Actor;
  /** ISO time of the change, from the app clock. */
  at: string;
  ip?: string | null;
}

/** One line of an item's history. */
export interface HistoryEntry {
  type: string;
  from?: string | null;
  to?: string | null;
  reason?: string | null;
  data?: Record<string, unknown> | null;
}

/** Starts a change: locks the item's row until commit and returns its fresh state. */
export async function beginChange(trx: DbOrTrx, feedbackId: string): Promise<FeedbackRow> {
  const row = await lockFeedbackRow(trx, feedbackId);
  if (!row) throw new AppError('feedback_not_found');
  return row;
}

/** Refuses content changes on an item that was merged away (its work continues on the target). */
export function assertNotMerged(row: FeedbackRow): void {
  if (row.status === 'merged')
    throw new AppError('feedback_merged', { details: { mergedIntoId: row.merged_into_id } });
}

/** Appends history rows (who, when, what from → to, why) to an item. */
export async function writeHistory(
  base: CommandBase,
  feedbackId: string,
  entries: HistoryEntry[],
): Promise<void> {
  // A change that took its time before waiting for the row lock must still sort after the one it waited for.
  const latest = await latestEventAt(base.trx, feedbackId);
  const at = latest && latest > base.at ? latest : base.at;
  for (const entry of entries) {
    await insertEvent(base.trx, {
      feedback_id: feedbackId,
      type: entry.type,
      actor_type: base.actor.type,
      actor_id: base.actor.id,
      from_value: entry.from ?? null,
      to_value: entry.to ?? null,
      reason: entry.reason ?? null,
      data: entry.data ? JSON.stringify(entry.data) : null,
      created_at: at,
    });
  }
}

/**
 * Finishes a change: history rows, one outbox event and one audit entry, all in the change's
 * transaction (the version was bumped by saveFeedbackRow).
 */
export async function recordChange(
  base: CommandBase,
  change: {
    feedbackId: string;
    history: HistoryEntry[];
    event: FeedbackEventType;
    payload: Record<string, unknown>;
    audit?: Record<string, unknown>;
  },
): Promise<void> {
  const { trx, actor, at } = base;
  await writeHistory(base, change.feedbackId, change.history);
  await recordEvent(trx, {
    type: change.event,
    aggregateType: FEEDBACK_AGGREGATE,
    aggregateId: change.feedbackId,
    payload: { feedbackId: change.feedbackId, actor: { type: actor.type, id: actor.id }, ...change.payload },
    at,
  });
  await recordAudit(trx, {
    actor,
    action: change.event,
    entityType: 'feedback',
    entityId: change.feedbackId,
    details: change.audit ?? change.payload,
    ip: base.ip ?? null,
    at,
  });
}
