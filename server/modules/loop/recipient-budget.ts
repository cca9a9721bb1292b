import type { DbOrTrx } from '../../platform/db/database.js';
import { countCustomerMailTo } from '../intake/mail/index.js';
import { limitWindows, type RecipientLimits, recipientLimitReason } from '../notifications/index.js';
import { countSmsTo } from '../notifications/sms/index.js';

/** The loop's automatic messages to a customer, counted together whatever the channel. */
const PURPOSES = ['tracking_code', 'customer_notice'] as const;

/**
 * Per-recipient limit of the loop's notices and tracking codes: what was queued in the last hour and day to the
 * customer's email (mail) and phone (SMS) together, skipped ones not counted. Null when one more may go,
 * otherwise the reason to record it as `skipped`. Runs in the writing transaction (SQLite serialises writers;
 * on PostgreSQL two workers writing to the same customer at the same instant may each pass once).
 */
export async function customerLimitReason(
  trx: DbOrTrx,
  limits: RecipientLimits,
  contact: { email?: string | null; phone?: string | null },
  now: Date,
): Promise<string | null> {
  const { hourAgo, dayAgo } = limitWindows(now);
  const count = async (since: string) =>
    (contact.email ? await countCustomerMailTo(trx, contact.email, PURPOSES, since) : 0) +
    (contact.phone ? await countSmsTo(trx, contact.phone, PURPOSES, since) : 0);
  return recipientLimitReason(
    { lastHour: await count(hourAgo), lastDay: await count(dayAgo) },
    limits,
    'customer message',
  );
}
