import { newId } from '../../../platform/db/ids.js';
import type { DomainEvent } from '../../../platform/events/outbox.js';
import type { JobHandler } from '../../../platform/jobs/queue.js';
import { type DeliverJob, type DeliveryDeps, runDeliveryAttempt } from '../commands/deliver.js';
import { WEBHOOK_JOBS } from '../webhooks.events.js';
import * as repo from '../webhooks.repository.js';

/** The JSON body every receiver gets. */
export function deliveryBody(event: {
  id: string;
  type: string;
  createdAt: string;
  payload: unknown;
}): string {
  return JSON.stringify({ id: event.id, type: event.type, createdAt: event.createdAt, data: event.payload });
}

/**
 * One delivery row and one deliver job per active subscription to the event's type; the unique
 * (event id, subscription id) index makes a second run of the same event add nothing.
 */
export function fanOutHandler(deps: DeliveryDeps): JobHandler {
  return async (payload) => {
    const event = payload.event as DomainEvent;
    const subscriptions = (await repo.listActiveSubscriptions(deps.database.db)).filter((s) =>
      (JSON.parse(s.event_types) as string[]).includes(event.type),
    );
    if (subscriptions.length === 0) return;
    const body = deliveryBody(event);
    await deps.database.write(async (trx) => {
      const at = deps.clock().toISOString();
      for (const subscription of subscriptions) {
        const id = newId();
        const inserted = await repo.insertDeliveryOnce(trx, {
          id,
          subscription_id: subscription.id,
          event_id: event.id,
          event_type: event.type,
          body,
          status: 'pending',
          attempts: 0,
          last_status_code: null,
          last_error: null,
          next_attempt_at: at,
          delivered_at: null,
          created_at: at,
          updated_at: at,
        });
        if (!inserted) continue;
        const job: DeliverJob = { deliveryId: id, attempt: 1 };
        await deps.queue.enqueue(
          WEBHOOK_JOBS.deliver,
          { ...job },
          {
            dedupeKey: `webhook:${event.id}:${subscription.id}`,
            trx,
          },
        );
      }
    });
  };
}

export function deliverHandler(deps: DeliveryDeps): JobHandler {
  return (payload) => runDeliveryAttempt(deps, payload as unknown as DeliverJob);
}
