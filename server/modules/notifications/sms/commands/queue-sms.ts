import type { DbOrTrx } from '../../../../platform/db/database.js';
import { newId } from '../../../../platform/db/ids.js';
import type { JobQueue } from '../../../../platform/jobs/queue.js';
import type { SmsTemplate } from '../gateway.js';
import { SMS_JOBS, type SmsPurpose } from '../sms.events.js';
import * as repo from '../sms.repository.js';

export interface SmsSendJob {
  smsId: string;
  attempt: number;
}

export function smsJobKey(smsId: string, attempt: number): string {
  return `sms:${smsId}:${attempt}`;
}

export interface CustomerSms {
  purpose: SmsPurpose;
  /** What the SMS is about (the code's id, the event's id): at most one SMS per purpose and reference. */
  refId: string;
  feedbackId: string | null;
  /** E.164. */
  to: string;
  template: SmsTemplate;
  params: Record<string, string>;
  text: string;
  at: string;
  /** Recorded as `skipped` with this reason instead of being sent (e.g. a recipient limit). */
  skipReason?: string;
}

/**
 * Writes one outbound SMS (once per purpose and reference: a second call adds nothing and answers false) and
 * its first send job, in the caller's transaction.
 */
export async function queueSms(trx: DbOrTrx, queue: JobQueue, sms: CustomerSms): Promise<boolean> {
  const id = newId();
  const inserted = await repo.insertSmsOnce(trx, {
    id,
    purpose: sms.purpose,
    ref_id: sms.refId,
    feedback_id: sms.feedbackId,
    to_number: sms.to,
    template: sms.template,
    params: JSON.stringify(sms.params),
    body: sms.text,
    status: sms.skipReason ? 'skipped' : 'pending',
    attempts: 0,
    provider: null,
    provider_message_id: null,
    last_error: sms.skipReason ?? null,
    next_attempt_at: sms.skipReason ? null : sms.at,
    sent_at: null,
    created_at: sms.at,
    updated_at: sms.at,
  });
  if (!inserted || sms.skipReason) return inserted;
  const job: SmsSendJob = { smsId: id, attempt: 1 };
  await queue.enqueue(SMS_JOBS.send, { ...job }, { dedupeKey: smsJobKey(id, 1), trx });
  return true;
}
