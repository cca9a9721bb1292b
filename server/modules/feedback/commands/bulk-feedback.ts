import type { BulkAction } from '../../../../shared/contracts/feedback-bulk.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import type { DialectHelpers } from '../../../platform/db/dialect/index.js';
import { authorizeFeedback, canView, type FeedbackAction } from '../feedback.policy.js';
import type { FeedbackRecord } from '../feedback.repository.js';
import { getFeedbackOrThrow } from '../queries/get-feedback.js';
import { assignFeedback } from './assign-feedback.js';
import type { CommandBase } from './change.js';
import { changeStatus } from './change-status.js';
import { editTags } from './edit-tags.js';
import { updateFeedbackFields } from './update-feedback-fields.js';

/** What one item of a bulk request came to: changed, or the error its single-item action would have answered. */
export type BulkOutcome =
  | { id: string; number: string; ok: true }
  | { id: string; number?: string; ok: false; error: unknown };

/** The policy action each bulk action needs on every item (the same as its single-item endpoint). */
const POLICY_ACTION: Record<BulkAction['kind'], FeedbackAction> = {
  assign: 'assign',
  tag: 'tag',
  status: 'transition',
  priority: 'update',
};

function runAction(
  base: CommandBase & { feedbackId: string },
  action: BulkAction,
  dialect: DialectHelpers,
): Promise<FeedbackRecord> {
  switch (action.kind) {
    case 'assign':
      return assignFeedback({
        ...base,
        ...(action.assigneeId !== undefined ? { assigneeId: action.assigneeId } : {}),
        ...(action.departmentId !== undefined ? { departmentId: action.departmentId } : {}),
        reason: action.reason ?? null,
      });
    case 'tag':
      return editTags({ ...base, add: action.add ?? [], remove: action.remove ?? [] });
    case 'status':
      // No closure letter in a bulk request: resolving is refused per item (400 closure_required).
      return changeStatus({ ...base, to: action.to, reason: action.reason ?? null, closure: null });
    case 'priority':
      return updateFeedbackFields({
        ...base,
        changes: { priority: action.priority },
        reason: action.reason,
        dialect,
      });
  }
}

/**
 * Applies one action to many items, each exactly as its single-item endpoint would: the item is
 * loaded, the actor authorized on it (unknown or out-of-scope ids fail with feedback_not_found, so
 * nothing is revealed), and the command runs in the item's own transaction with its history row,
 * outbox event and audit entry. One item failing never rolls back another. Items run one after the
 * other, in the order of `ids`.
 */
export async function bulkFeedback(options: {
  db: Db;
  dialect: DialectHelpers;
  actor: Actor;
  ip: string | null;
  now: () => string;
  ids: readonly string[];
  action: BulkAction;
}): Promise<BulkOutcome[]> {
  const { db, action } = options;
  const outcomes: BulkOutcome[] = [];
  for (const id of options.ids) {
    let number: string | undefined;
    try {
      const item = await getFeedbackOrThrow(db, id);
      // A visible item's number helps the caller tell which one failed; a hidden one stays unnamed.
      if (canView(options.actor, item)) number = item.number;
      const actor = authorizeFeedback(options.actor, POLICY_ACTION[action.kind], item);
      const record = await db
        .transaction()
        .execute((trx) =>
          runAction(
            { trx, actor, at: options.now(), ip: options.ip, feedbackId: item.id },
            action,
            options.dialect,
          ),
        );
      outcomes.push({ id, number: record.number, ok: true });
    } catch (error) {
      outcomes.push({ id, ...(number !== undefined ? { number } : {}), ok: false, error });
    }
  }
  return outcomes;
}
