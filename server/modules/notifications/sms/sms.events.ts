/** Jobs of the SMS channel. */
export const SMS_JOBS = {
  /** One gateway attempt of one outbound SMS; schedules the next attempt itself. */
  send: 'sms.send',
  /** On `customer.erased`: blank the numbers and texts of the SMS sent to that customer's items. */
  scrubCustomer: 'sms.scrub-customer',
} as const;

/** Gateway attempts of one SMS before it is given up as failed (backoff 2 s, 4 s, … between them). */
export const SMS_MAX_ATTEMPTS = 6;

/** What an SMS is for; one SMS per purpose and reference. */
export type SmsPurpose = 'tracking_code' | 'customer_notice' | 'agent_reply';
