import type { DomainEvent } from '../../../platform/events/outbox.js';
import type { AppContext } from '../../../platform/http/context.js';
import { detectDuplicates } from '../commands/detect-duplicates.js';
import { FEEDBACK_EVENTS } from '../feedback.events.js';

/** On `feedback.created`: compare the new item with the customer's open items (see detectDuplicates). */
export const DETECT_DUPLICATES_JOB = 'feedback.detect-duplicates';

export function registerLinkJobs(ctx: AppContext): void {
  ctx.subscribers.register(
    DETECT_DUPLICATES_JOB,
    async (payload) => {
      const event = payload.event as DomainEvent | undefined;
      const feedbackId = event?.aggregateId;
      if (!feedbackId) return;
      await detectDuplicates(ctx.database, {
        feedbackId,
        at: ctx.clock().toISOString(),
        windowDays: ctx.config.duplicates.windowDays,
        threshold: ctx.config.duplicates.threshold,
      });
    },
    FEEDBACK_EVENTS.created,
  );
}
