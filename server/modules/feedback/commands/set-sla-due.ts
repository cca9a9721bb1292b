import { FEEDBACK_EVENTS } from '../feedback.events.js';
import { type FeedbackRow, saveFeedbackRow } from '../feedback.repository.js';
import { beginChange, type CommandBase, recordChange } from './change.js';

/** The SLA policy a due time was computed with, kept in the item's history. */
export interface SlaPolicyRef {
  id: string;
  name: string;
  priority: string;
  nature: string;
  calendarCode: string;
}

/**
 * Sets the SLA due times of an item (system actor, from the sla module): version + 1, one history row
 * naming the policy used, and a `feedback.sla_due_set` event. Unchanged due times write nothing.
 */
export async function setSlaDue(
  options: CommandBase & {
    feedbackId: string;
    firstResponseDueAt: string | null;
    resolutionDueAt: string | null;
    policy: SlaPolicyRef;
    /** What caused the computation, e.g. "feedback.created", "priority changed", "resumed". */
    reason: string;
  },
): Promise<FeedbackRow> {
  const row = await beginChange(options.trx, options.feedbackId);
  const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
  const firstResponse = iso(options.firstResponseDueAt);
  const resolution = iso(options.resolutionDueAt);
  if (firstResponse === row.first_response_due_at && resolution === row.resolution_due_at) return row;
  const saved = await saveFeedbackRow(
    options.trx,
    row,
    { first_response_due_at: firstResponse, resolution_due_at: resolution },
    options.at,
  );
  const changes = {
    firstResponseDueAt: { from: row.first_response_due_at, to: firstResponse },
    resolutionDueAt: { from: row.resolution_due_at, to: resolution },
  };
  await recordChange(options, {
    feedbackId: row.id,
    history: [
      {
        type: 'sla_due_set',
        from: row.resolution_due_at,
        to: resolution,
        reason: options.reason,
        data: { policy: options.policy, ...changes },
      },
    ],
    event: FEEDBACK_EVENTS.slaDueSet,
    payload: { number: row.number, policy: options.policy, changes, reason: options.reason },
  });
  return saved;
}
