import { SYSTEM_ACTOR } from '../../../platform/auth/actor.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import type { DomainEvent } from '../../../platform/events/outbox.js';
import { lockFeedback, recordItemEvent } from '../../feedback/index.js';
import * as repo from '../loop.repository.js';

/**
 * Job on `feedback.status_changed`: when a major complaint (urgent or high priority, or flagged by an agent) is
 * closed, it gets a follow-up visit due `followUpDays` after the closure, assigned to the item's owner (its
 * assignee). Exactly once per closure: the row is unique on (item, closure event), so a redelivered event adds
 * nothing; a reopened and closed-again item gets another one. Returns the new follow-up's id, if any.
 */
export async function scheduleFollowUp(
  database: DatabaseHandle,
  options: { event: DomainEvent; followUpDays: number; now: Date },
): Promise<string | null> {
  const { event } = options;
  if ((event.payload as { to?: unknown }).to !== 'closed') return null;
  return database.write(async (trx) => {
    const item = await lockFeedback({ trx }, event.aggregateId);
    const flagged = await repo.findMajorFlag(trx, item.id);
    const reason =
      item.priority === 'urgent' || item.priority === 'high' ? item.priority : flagged ? 'flagged' : null;
    if (!reason) return null;
    const id = newId();
    const closedAt = event.createdAt;
    const dueAt = new Date(Date.parse(closedAt) + options.followUpDays * 86_400_000).toISOString();
    const at = options.now.toISOString();
    const inserted = await repo.insertFollowUpOnce(trx, {
      id,
      feedback_id: item.id,
      closure_event_id: event.id,
      closed_at: closedAt,
      reason,
      assignee_id: item.assignee_id,
      department_id: item.department_id,
      due_at: dueAt,
      status: 'open',
      due_notified_at: null,
      care_measure: null,
      satisfied_again: null,
      note: null,
      done_by: null,
      done_at: null,
      created_at: at,
    });
    if (!inserted) return null;
    await recordItemEvent({
      trx,
      actor: SYSTEM_ACTOR,
      at,
      feedbackId: item.id,
      type: 'follow_up.scheduled',
      to: dueAt,
      reason: `重大投诉回访 · Follow-up visit of a major complaint (${reason})`,
      data: { followUpId: id, dueAt, assigneeId: item.assignee_id, reason },
    });
    return id;
  });
}
