/** Jobs of the webhooks module. */
export const WEBHOOK_JOBS = {
  /** On each subscribed domain event: one delivery row and one deliver job per matching subscription. */
  fanOut: 'webhooks.fan-out',
  /** One HTTP attempt of one delivery; schedules the next attempt itself. */
  deliver: 'webhooks.deliver',
} as const;

/** Automatic attempts of one delivery before it is given up as failed. */
export const DELIVERY_MAX_ATTEMPTS = 8;
