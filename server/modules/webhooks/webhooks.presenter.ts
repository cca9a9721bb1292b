import type { Webhook, WebhookDelivery } from '../../../shared/contracts/webhooks.js';
import type { AttemptRow, DeliveryRow, SubscriptionRow } from './webhooks.repository.js';

export function presentWebhook(row: SubscriptionRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.event_types) as string[],
    active: Number(row.active) === 1,
    consecutiveFailures: Number(row.consecutive_failures),
    disabledAt: row.disabled_at,
    disabledReason: row.disabled_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentDelivery(row: DeliveryRow, attempts: AttemptRow[]): WebhookDelivery {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status as WebhookDelivery['status'],
    attempts: Number(row.attempts),
    lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
    lastError: row.last_error,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
    attemptLog: attempts
      .filter((a) => a.delivery_id === row.id)
      .map((a) => ({
        attempt: Number(a.attempt),
        startedAt: a.started_at,
        durationMs: Number(a.duration_ms),
        statusCode: a.status_code === null ? null : Number(a.status_code),
        success: Number(a.success) === 1,
        error: a.error,
        responseExcerpt: a.response_excerpt,
      })),
  };
}
