/** Jobs of the email channel. */
export const MAIL_JOBS = {
  /** On `feedback.created` of an item that came in by email: queue its acknowledgement. */
  acknowledge: 'mail.acknowledge',
  /** On `feedback.message_added` of an agent's public reply: queue the mail to the customer. */
  reply: 'mail.reply',
  /** One SMTP attempt of one outbound mail; schedules the next attempt itself. */
  send: 'mail.send',
  /** Every minute: poll the enabled IMAP mailboxes. */
  pollAll: 'mail.poll-mailboxes',
  /** On `customer.erased`: blank the addresses, subjects and bodies kept of their mail. */
  scrubCustomer: 'mail.scrub-customer',
} as const;

/** SMTP attempts of one mail before it is given up as failed. */
export const SEND_MAX_ATTEMPTS = 6;

/**
 * At most this many acknowledgements to one address per hour: a correspondent whose autoresponder marks
 * nothing and threads nothing would otherwise trade acknowledgements with us forever.
 */
export const ACKS_PER_ADDRESS_PER_HOUR = 3;
