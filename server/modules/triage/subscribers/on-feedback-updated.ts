import type { DomainEvent } from '../../../platform/events/outbox.js';
import type { AppContext } from '../../../platform/http/context.js';
import type { JobHandler } from '../../../platform/jobs/queue.js';
import { recordNatureCorrection } from '../commands/record-correction.js';

interface UpdatedPayload {
  feedbackId?: string;
  actor?: { type: string; id: string | null };
  changes?: { nature?: { from: string | null; to: string | null } };
}

/** Job `triage.record-correction` on feedback.updated: a person changed the nature → one stored correction. */
export function recordCorrectionHandler(ctx: AppContext): JobHandler {
  const db = ctx.database.db;
  return async (payload) => {
    const event = payload.event as DomainEvent<UpdatedPayload> | undefined;
    const data = event?.payload;
    const nature = data?.changes?.nature;
    if (!event || !data?.feedbackId || !nature?.to || !data.actor || data.actor.type === 'system') return;
    await recordNatureCorrection(db, {
      feedbackId: data.feedbackId,
      sourceEventId: event.id,
      oldLabel: nature.from,
      newLabel: nature.to,
      actor: data.actor,
      at: event.createdAt,
    });
  };
}
