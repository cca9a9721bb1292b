/** Domain events this module writes to the outbox. */
export const CUSTOMER_EVENTS = {
  /** Personal data of a customer was erased; payload `{ customerId }`. Other modules may scrub copies. */
  erased: 'customer.erased',
} as const;

/** Feedback events after which a customer's denormalised feedback stats are recomputed. */
export const STATS_TRIGGER_EVENTS = ['feedback.created', 'feedback.merged'] as const;

export const REFRESH_STATS_JOB = 'customers.refresh-stats';
