import { z } from 'zod';
import type { SmsRow } from './sms.repository.js';

export const ZOutboundSms = z.object({
  id: z.string(),
  purpose: z.enum(['tracking_code', 'customer_notice']),
  to: z.string().nullable(),
  template: z.enum(['code', 'notice']),
  text: z.string(),
  status: z.enum(['pending', 'sent', 'failed', 'skipped']),
  attempts: z.number().int(),
  provider: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export const ZOutboundSmsListResponse = z.object({ data: z.array(ZOutboundSms) });

export function presentSms(row: SmsRow): z.infer<typeof ZOutboundSms> {
  const text = row.body;
  // A tracking code is readable by the customer only: staff see where it went and whether, not the code.
  const shown = row.purpose === 'tracking_code' ? text.replace(/\d{6}/g, '••••••') : text;
  return {
    id: row.id,
    purpose: row.purpose === 'tracking_code' ? 'tracking_code' : 'customer_notice',
    to: row.to_number,
    template: row.template === 'code' ? 'code' : 'notice',
    text: shown,
    status: row.status as 'pending' | 'sent' | 'failed' | 'skipped',
    attempts: Number(row.attempts),
    provider: row.provider,
    providerMessageId: row.provider_message_id,
    lastError: row.last_error,
    sentAt: row.sent_at,
    createdAt: row.created_at,
  };
}
