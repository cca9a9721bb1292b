/** An outbound webhook endpoint and the domain event types it receives. */
export interface WebhookSubscriptionTable {
  id: string;
  url: string;
  description: string | null;
  /** JSON array of event type names. */
  event_types: string;
  /** Stored as is: every delivery is signed with it. */
  secret: string;
  active: number;
  consecutive_failures: number;
  disabled_at: string | null;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

/** One event for one subscription (unique per event id + subscription id). */
export interface WebhookDeliveryTable {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  /** The exact JSON body sent on every attempt. */
  body: string;
  /** `pending`, `delivered` or `failed`. */
  status: string;
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One HTTP attempt of a delivery. */
export interface WebhookAttemptTable {
  id: string;
  delivery_id: string;
  attempt: number;
  started_at: string;
  duration_ms: number;
  status_code: number | null;
  success: number;
  error: string | null;
  /** At most 1 KiB of the response body. */
  response_excerpt: string | null;
}

/** Admin settings of outbound webhooks (one row, id `default`, written on first change). */
export interface WebhookSettingsTable {
  id: string;
  allow_private_destinations: number;
  max_consecutive_failures: number;
  updated_at: string;
}
