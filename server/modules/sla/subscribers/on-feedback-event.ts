import { SYSTEM_ACTOR } from '../../../platform/auth/actor.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import type { DomainEvent } from '../../../platform/events/outbox.js';
import type { JobHandler } from '../../../platform/jobs/queue.js';
import { resumeSla } from '../commands/pause-resume.js';
import { syncItemClocks } from '../commands/sync-item.js';

/** Whether an item event can move its SLA clocks (field edits other than priority/nature cannot). */
export function movesClocks(event: DomainEvent): boolean {
  if (event.type === 'feedback.updated') {
    const changes = event.payload.changes as Record<string, unknown> | undefined;
    return !!changes && ('priority' in changes || 'nature' in changes);
  }
  if (event.type === 'feedback.message_added') return event.payload.kind !== 'note';
  return true;
}

/**
 * Job `sla.sync`: follows an item event into its clocks and due times. A message from the customer
 * resumes clocks paused while waiting on them. Idempotent (delivery is at-least-once).
 */
export function syncClocksHandler(database: Pick<DatabaseHandle, 'write'>, clock: () => Date): JobHandler {
  return async (payload) => {
    const event = payload.event as DomainEvent;
    if (!movesClocks(event)) return;
    const at = clock().toISOString();
    const base = { actor: SYSTEM_ACTOR, at, feedbackId: event.aggregateId };
    await database.write(async (trx) => {
      if (event.type === 'feedback.message_added' && event.payload.kind === 'customer') {
        const resumed = await resumeSla({ ...base, trx, reason: 'customer replied', requirePaused: false });
        if (resumed) return;
      }
      const reply = event.type === 'feedback.message_added' && event.payload.kind === 'agent';
      await syncItemClocks({
        ...base,
        trx,
        reason: event.type,
        changeAt: event.createdAt,
        ...(reply ? { replyAt: event.createdAt } : {}),
      });
    });
  };
}
