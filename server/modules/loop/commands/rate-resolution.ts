import { PRIORITIES, type Priority } from '../../../../shared/enums.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { recordEvent } from '../../../platform/events/outbox.js';
import { AppError } from '../../../platform/http/errors.js';
import {
  changeStatus,
  FEEDBACK_AGGREGATE,
  type FeedbackRow,
  lockFeedback,
  updateFeedbackFields,
} from '../../feedback/index.js';
import { findSupervisorIds } from '../../identity/index.js';
import { notifyUsers } from '../../notifications/index.js';
import * as repo from '../loop.repository.js';

/** The customer, acting through the tracking page. */
export const CUSTOMER_ACTOR: Actor = {
  type: 'system',
  id: null,
  role: 'admin',
  departmentId: null,
  name: 'customer',
};

/** Below this score the customer is not satisfied: the item is reopened. */
export const REOPEN_BELOW = 3;

export const RATED_EVENT = 'feedback.rated';

/** One tier up (suggestion → normal → high → urgent); urgent stays urgent. */
export function raisedPriority(priority: Priority): Priority {
  const order = [...PRIORITIES].reverse();
  return order[Math.min(order.indexOf(priority) + 1, order.length - 1)] ?? priority;
}

/**
 * The customer's answer to a resolved item (once per resolution round): 3–5 closes it; 1–2 reopens it, raises
 * its priority one tier and notifies the department's supervisors — all in one transaction, with the
 * `feedback.rated` event.
 */
export async function rateResolution(
  database: DatabaseHandle,
  options: {
    item: FeedbackRow;
    score: number;
    comment: string | null;
    at: string;
    ip: string | null;
    /** `tracking` (the tracking page / API) or `rating_link` (the signed link in the resolved notice). */
    via?: 'tracking' | 'rating_link';
  },
): Promise<{ outcome: 'closed' | 'reopened'; status: string }> {
  const { item, score, at } = options;
  if (item.status !== 'resolved' || !item.resolved_at) throw new AppError('rating_not_open', { status: 409 });
  const resolvedAt = item.resolved_at;
  const outcome = score < REOPEN_BELOW ? 'reopened' : 'closed';
  const result = await database.write(async (trx) => {
    // Under the item's row lock, so two answers racing cannot both act (one closing, the other reopening).
    const locked = await lockFeedback({ trx }, item.id);
    if (locked.status !== 'resolved' || locked.resolved_at !== resolvedAt) return 'not_open' as const;
    const inserted = await repo.insertRatingOnce(trx, {
      id: newId(),
      feedback_id: item.id,
      resolved_at: resolvedAt,
      score,
      comment: options.comment,
      outcome,
      via: options.via ?? 'tracking',
      created_at: at,
    });
    if (!inserted) return null;
    const base = { trx, actor: CUSTOMER_ACTOR, at, ip: options.ip, feedbackId: item.id };
    const scoreText = `${score}/5`;
    if (outcome === 'closed') {
      const closed = await changeStatus({
        ...base,
        to: 'closed',
        reason: `客户确认解决，评分 ${scoreText} · Confirmed by the customer, rated ${scoreText}`,
      });
      await recordEvent(trx, ratedEvent(item.id, { score, comment: options.comment, outcome, at }));
      return closed.status;
    }
    const reason = `客户不满意，评分 ${scoreText} · Customer not satisfied, rated ${scoreText}`;
    await changeStatus({ ...base, to: 'reopened', reason });
    const priority = raisedPriority(item.priority);
    const reopened =
      priority === item.priority
        ? null
        : await updateFeedbackFields({ ...base, changes: { priority }, reason, dialect: database.dialect });
    await notifyUsers(
      trx,
      await findSupervisorIds(trx, item.department_id),
      {
        kind: 'rating_low',
        feedbackId: item.id,
        titleZh: `工单 ${item.number} 客户评分 ${scoreText}，已重新打开`,
        titleEn: `Ticket ${item.number} rated ${scoreText} by the customer and reopened`,
        data: { score, comment: options.comment, priority },
      },
      at,
    );
    await recordEvent(trx, ratedEvent(item.id, { score, comment: options.comment, outcome, at }));
    return reopened?.status ?? 'reopened';
  });
  if (result === 'not_open') throw new AppError('rating_not_open', { status: 409 });
  if (result === null) throw new AppError('rating_already_given', { status: 409 });
  return { outcome, status: result };
}

function ratedEvent(
  feedbackId: string,
  data: { score: number; comment: string | null; outcome: string; at: string },
) {
  return {
    type: RATED_EVENT,
    aggregateType: FEEDBACK_AGGREGATE,
    aggregateId: feedbackId,
    payload: { feedbackId, score: data.score, comment: data.comment, outcome: data.outcome },
    at: data.at,
  };
}
