import { WEBHOOK_PING } from '../../../../shared/contracts/webhooks.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../identity/index.js';
import { deliveryBody } from '../subscribers/fan-out.js';
import { WEBHOOK_JOBS } from '../webhooks.events.js';
import * as repo from '../webhooks.repository.js';
import { type DeliverJob, type DeliveryDeps, deliverJobKey, runDeliveryAttempt } from './deliver.js';
import { getSubscriptionOrThrow } from './manage-subscriptions.js';

interface Base {
  actor: Actor;
  ip: string | null;
}

export async function getDeliveryOrThrow(
  deps: DeliveryDeps,
  subscriptionId: string,
  deliveryId: string,
): Promise<repo.DeliveryRow> {
  const row = await repo.findDelivery(deps.database.db, deliveryId);
  if (!row || row.subscription_id !== subscriptionId) throw new AppError('webhook_delivery_not_found');
  return row;
}

/** Queues one more attempt of a past delivery (same body, same delivery id, fresh timestamp and signature). */
export async function redeliver(
  deps: DeliveryDeps,
  options: Base & { subscriptionId: string; deliveryId: string },
): Promise<repo.DeliveryRow> {
  await getSubscriptionOrThrow(deps.database.db, options.subscriptionId);
  const delivery = await getDeliveryOrThrow(deps, options.subscriptionId, options.deliveryId);
  const job: DeliverJob = { deliveryId: delivery.id, attempt: Number(delivery.attempts) + 1, manual: true };
  await deps.database.write(async (trx) => {
    const at = deps.clock().toISOString();
    await repo.updateDelivery(trx, delivery.id, { status: 'pending', next_attempt_at: at, updated_at: at });
    await deps.queue.enqueue(
      WEBHOOK_JOBS.deliver,
      { ...job },
      {
        dedupeKey: deliverJobKey(delivery.id, job.attempt),
        trx,
      },
    );
    await recordAudit(trx, {
      actor: options.actor,
      action: 'webhook.redelivered',
      entityType: 'webhook_subscription',
      entityId: options.subscriptionId,
      details: { deliveryId: delivery.id },
      ip: options.ip,
      at,
    });
  });
  return (await repo.findDelivery(deps.database.db, delivery.id))!;
}

/** Sends a `webhook.ping` now (one attempt, logged like any delivery) and returns its outcome. */
export async function sendPing(
  deps: DeliveryDeps,
  options: Base & { subscriptionId: string },
): Promise<repo.DeliveryRow> {
  const subscription = await getSubscriptionOrThrow(deps.database.db, options.subscriptionId);
  const at = deps.clock().toISOString();
  const eventId = newId();
  const id = newId();
  await deps.database.write(async (trx) => {
    await repo.insertDeliveryOnce(trx, {
      id,
      subscription_id: subscription.id,
      event_id: eventId,
      event_type: WEBHOOK_PING,
      body: deliveryBody({
        id: eventId,
        type: WEBHOOK_PING,
        createdAt: at,
        payload: { subscriptionId: subscription.id },
      }),
      status: 'pending',
      attempts: 0,
      last_status_code: null,
      last_error: null,
      next_attempt_at: at,
      delivered_at: null,
      created_at: at,
      updated_at: at,
    });
    await recordAudit(trx, {
      actor: options.actor,
      action: 'webhook.tested',
      entityType: 'webhook_subscription',
      entityId: subscription.id,
      details: { deliveryId: id },
      ip: options.ip,
      at,
    });
  });
  await runDeliveryAttempt(deps, { deliveryId: id, attempt: 1, manual: true });
  return (await repo.findDelivery(deps.database.db, id))!;
}
