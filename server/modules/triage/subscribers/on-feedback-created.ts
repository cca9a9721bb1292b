import type { DomainEvent } from '../../../platform/events/outbox.js';
import type { AppContext } from '../../../platform/http/context.js';
import { isAppError } from '../../../platform/http/errors.js';
import type { JobHandler } from '../../../platform/jobs/queue.js';
import { runTriage } from '../commands/run-triage.js';
import { hasTriageRow } from '../triage.repository.js';

/**
 * Job `triage.run` on feedback.created: triages the new item. A redelivered job finds the item already
 * triaged and does nothing; an item merged away in the meantime is skipped.
 */
export function triageNewItemHandler(ctx: AppContext): JobHandler {
  const db = ctx.database.db;
  return async (payload) => {
    const event = payload.event as DomainEvent | undefined;
    const feedbackId = event?.aggregateId;
    if (!feedbackId || (await hasTriageRow(db, feedbackId))) return;
    try {
      await runTriage(ctx.database, { feedbackId, at: ctx.clock().toISOString() });
    } catch (error) {
      if (isAppError(error) && (error.code === 'feedback_merged' || error.code === 'feedback_not_found'))
        return;
      throw error;
    }
  };
}
