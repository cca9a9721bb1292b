import { newId } from '../../../platform/db/ids.js';
import type { AppContext } from '../../../platform/http/context.js';
import { AppError } from '../../../platform/http/errors.js';
import { backoffMs } from '../../../platform/jobs/database-queue.js';
import { notifyUsers } from '../../notifications/index.js';
import { type Lookup, resolveDestination } from '../destination.js';
import { type SendResult, sendDelivery, signDelivery } from '../sender.js';
import { DELIVERY_MAX_ATTEMPTS, WEBHOOK_JOBS } from '../webhooks.events.js';
import * as repo from '../webhooks.repository.js';
import { effectiveSettings } from './settings.js';

export type DeliveryDeps = Pick<AppContext, 'database' | 'config' | 'clock' | 'queue'> & { lookup?: Lookup };

export interface DeliverJob {
  deliveryId: string;
  attempt: number;
  /** A redelivery or test asked for by an admin: one attempt, even to a disabled subscription. */
  manual?: boolean;
}

export function deliverJobKey(deliveryId: string, attempt: number): string {
  return `webhook:${deliveryId}:${attempt}`;
}

async function attemptOnce(
  deps: DeliveryDeps,
  subscription: repo.SubscriptionRow,
  delivery: repo.DeliveryRow,
): Promise<SendResult> {
  const settings = await effectiveSettings(deps.database.db, deps.config);
  try {
    const { url, address } = await resolveDestination(subscription.url, {
      allowPrivate: settings.allowPrivateDestinations,
      ...(deps.lookup ? { lookup: deps.lookup } : {}),
    });
    const timestamp = String(Math.floor(deps.clock().getTime() / 1000));
    return await sendDelivery({
      url,
      address,
      body: delivery.body,
      headers: {
        'x-closeloop-event': delivery.event_type,
        'x-closeloop-delivery': delivery.id,
        'x-closeloop-timestamp': timestamp,
        'x-closeloop-signature': signDelivery(subscription.secret, timestamp, delivery.body),
      },
    });
  } catch (error) {
    const message =
      error instanceof AppError
        ? `${error.code}: ${String(error.params.reason ?? '')}`
        : error instanceof Error
          ? error.message
          : String(error);
    return { statusCode: null, success: false, durationMs: 0, error: message, responseExcerpt: null };
  }
}

/**
 * Runs one attempt of a delivery and records it. A failure counts against the subscription (disabled,
 * with a notice to every administrator, at the configured number of consecutive failures) and, for an
 * automatic attempt, schedules the next one with exponential backoff.
 */
export async function runDeliveryAttempt(deps: DeliveryDeps, job: DeliverJob): Promise<void> {
  const { db } = deps.database;
  const delivery = await repo.findDelivery(db, job.deliveryId);
  // Already ran (at-least-once jobs), or already delivered.
  if (!delivery || Number(delivery.attempts) >= job.attempt) return;
  if (delivery.status === 'delivered' && !job.manual) return;
  const subscription = await repo.findSubscription(db, delivery.subscription_id);
  if (!subscription) return;
  const at = () => deps.clock().toISOString();
  if (Number(subscription.active) !== 1 && !job.manual) {
    await repo.updateDelivery(db, delivery.id, {
      status: 'failed',
      last_error: 'subscription disabled',
      next_attempt_at: null,
      updated_at: at(),
    });
    return;
  }
  const startedAt = at();
  const result = await attemptOnce(deps, subscription, delivery);
  const { maxConsecutiveFailures } = await effectiveSettings(db, deps.config);

  await deps.database.write(async (trx) => {
    const now = at();
    await repo.insertAttempt(trx, {
      id: newId(),
      delivery_id: delivery.id,
      attempt: job.attempt,
      started_at: startedAt,
      duration_ms: result.durationMs,
      status_code: result.statusCode,
      success: result.success ? 1 : 0,
      error: result.error,
      response_excerpt: result.responseExcerpt,
    });
    const common = {
      attempts: job.attempt,
      last_status_code: result.statusCode,
      last_error: result.error,
      updated_at: now,
    };
    if (result.success) {
      await repo.updateDelivery(trx, delivery.id, {
        ...common,
        status: 'delivered',
        delivered_at: now,
        next_attempt_at: null,
      });
      await repo.updateSubscription(trx, subscription.id, { consecutive_failures: 0, updated_at: now });
      return;
    }
    const failures = await repo.incrementFailures(trx, subscription.id, now);
    let active = Number(subscription.active) === 1;
    if (active && failures >= maxConsecutiveFailures) {
      active = false;
      await repo.updateSubscription(trx, subscription.id, {
        active: 0,
        disabled_at: now,
        disabled_reason: `${failures} consecutive failed deliveries`,
        updated_at: now,
      });
      await notifyUsers(
        trx,
        await repo.findActiveAdminIds(trx),
        {
          kind: 'webhook_disabled',
          feedbackId: null,
          titleZh: `Webhook 已停用：连续 ${failures} 次投递失败（${subscription.url}）`,
          titleEn: `Webhook disabled after ${failures} consecutive failed deliveries (${subscription.url})`,
          data: { subscriptionId: subscription.id, url: subscription.url, failures },
        },
        now,
      );
    }
    const retry = active && !job.manual && job.attempt < DELIVERY_MAX_ATTEMPTS;
    const nextAt = retry ? new Date(deps.clock().getTime() + backoffMs(job.attempt)) : null;
    await repo.updateDelivery(trx, delivery.id, {
      ...common,
      status: retry ? 'pending' : 'failed',
      next_attempt_at: nextAt?.toISOString() ?? null,
    });
    if (nextAt) {
      const next: DeliverJob = { deliveryId: delivery.id, attempt: job.attempt + 1 };
      await deps.queue.enqueue(
        WEBHOOK_JOBS.deliver,
        { ...next },
        {
          dedupeKey: deliverJobKey(delivery.id, next.attempt),
          runAt: nextAt,
          trx,
        },
      );
    }
  });
}
