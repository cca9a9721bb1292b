import { recordEvent } from '../../../platform/events/outbox.js';
import { FEEDBACK_AGGREGATE } from '../feedback.events.js';
import type { FeedbackRow } from '../feedback.repository.js';
import { beginChange, type CommandBase, writeHistory } from './change.js';

/** Starts another module's change of an item (SLA clocks, ratings, follow-ups): locks its row until commit and returns it. */
export function lockFeedback(base: Pick<CommandBase, 'trx'>, feedbackId: string): Promise<FeedbackRow> {
  return beginChange(base.trx, feedbackId);
}

/**
 * Notes an SLA occurrence (`sla.at_risk`, `sla.breached`, `sla.paused`, `sla.resumed`, …) on the item's
 * history and in the outbox. The record's fields do not change, so its version does not either.
 */
export function recordSlaEvent(
  options: CommandBase & {
    feedbackId: string;
    type: `sla.${string}`;
    to?: string | null;
    reason?: string | null;
    data: Record<string, unknown>;
  },
): Promise<void> {
  return recordItemEvent(options);
}

/**
 * Notes what another module did about the item (`sla.*`, `follow_up.*`, `major_complaint.*`) on its history
 * and in the outbox, under the item's row lock. The record's fields do not change, so its version does not either.
 */
export async function recordItemEvent(
  options: CommandBase & {
    feedbackId: string;
    type: `sla.${string}` | `follow_up.${string}` | `major_complaint.${string}`;
    to?: string | null;
    reason?: string | null;
    data: Record<string, unknown>;
  },
): Promise<void> {
  const row = await beginChange(options.trx, options.feedbackId);
  await writeHistory(options, row.id, [
    { type: options.type, to: options.to ?? null, reason: options.reason ?? null, data: options.data },
  ]);
  await recordEvent(options.trx, {
    type: options.type,
    aggregateType: FEEDBACK_AGGREGATE,
    aggregateId: row.id,
    payload: {
      feedbackId: row.id,
      number: row.number,
      actor: { type: options.actor.type, id: options.actor.id },
      ...options.data,
    },
    at: options.at,
  });
}
