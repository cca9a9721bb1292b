import { z } from 'zod';

/**
 * Domain events a subscription can receive (the feedback and sla modules' outbox event names).
 * `feedback.rated` is listed ahead of the satisfaction survey that will emit it.
 */
export const WEBHOOK_EVENT_TYPES = [
  'feedback.created',
  'feedback.triaged',
  'feedback.status_changed',
  'feedback.assigned',
  'feedback.message_added',
  'feedback.tags_changed',
  'feedback.updated',
  'feedback.merged',
  'feedback.linked',
  'feedback.unlinked',
  'feedback.rated',
  'feedback.subtask_created',
  'feedback.subtask_closed',
  'sla.at_risk',
  'sla.breached',
  'sla.progress_reminder',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The event type of the test delivery (`POST /api/v1/webhooks/:id/test`). */
export const WEBHOOK_PING = 'webhook.ping';

const ZUrl = z
  .string()
  .trim()
  .max(2000)
  .regex(/^https?:\/\//i, 'http:// or https:// URL')
  .describe('http(s) URL; no credentials; must not resolve to an internal address unless allowed');
const ZEventTypes = z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length);
const ZDescription = z.string().trim().max(500).nullable();

export const ZCreateWebhook = z
  .object({
    url: ZUrl,
    eventTypes: ZEventTypes,
    description: ZDescription.optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type CreateWebhook = z.infer<typeof ZCreateWebhook>;

export const ZUpdateWebhook = z
  .object({
    url: ZUrl.optional(),
    eventTypes: ZEventTypes.optional(),
    description: ZDescription.optional(),
    active: z
      .boolean()
      .optional()
      .describe('true re-enables a disabled subscription and resets its failure count'),
  })
  .strict();
export type UpdateWebhook = z.infer<typeof ZUpdateWebhook>;

export const ZWebhook = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  eventTypes: z.array(z.string()),
  active: z.boolean(),
  consecutiveFailures: z.number().int(),
  disabledAt: z.string().nullable(),
  disabledReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Webhook = z.infer<typeof ZWebhook>;

export const ZWebhookResponse = z.object({ data: ZWebhook });
export const ZWebhookWithSecretResponse = z.object({
  data: ZWebhook.extend({
    secret: z.string().describe('Shown only now; the receiver verifies X-Closeloop-Signature with it'),
  }),
});
export const ZWebhookListResponse = z.object({ data: z.array(ZWebhook) });
export const ZWebhookIdParams = z.object({ id: z.uuid() });
export const ZDeliveryParams = z.object({ id: z.uuid(), deliveryId: z.uuid() });

export const ZWebhookAttempt = z.object({
  attempt: z.number().int(),
  startedAt: z.string(),
  durationMs: z.number().int(),
  statusCode: z.number().int().nullable(),
  success: z.boolean(),
  error: z.string().nullable(),
  responseExcerpt: z.string().nullable().describe('At most 1 KiB of the response body'),
});

export const ZWebhookDelivery = z.object({
  id: z.string(),
  subscriptionId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  attemptLog: z.array(ZWebhookAttempt),
});
export type WebhookDelivery = z.infer<typeof ZWebhookDelivery>;

export const ZWebhookDeliveryResponse = z.object({ data: ZWebhookDelivery });
export const ZDeliveryListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.uuid().optional().describe('nextCursor of the previous page'),
  })
  .strict();
export const ZWebhookDeliveryListResponse = z.object({
  data: z.array(ZWebhookDelivery),
  nextCursor: z.string().nullable(),
});

export const ZWebhookSettings = z.object({
  allowPrivateDestinations: z
    .boolean()
    .describe('Allow destinations on loopback/private networks (also on when WEBHOOKS_ALLOW_PRIVATE=true)'),
  maxConsecutiveFailures: z.number().int().min(1).max(1000),
});
export type WebhookSettings = z.infer<typeof ZWebhookSettings>;
export const ZUpdateWebhookSettings = ZWebhookSettings.partial().strict();
export const ZWebhookSettingsResponse = z.object({ data: ZWebhookSettings });
export const ZWebhookEventTypesResponse = z.object({ data: z.array(z.string()) });
