import type { OutboundPurpose } from '../../../../../shared/contracts/mail.js';
import type { DbOrTrx } from '../../../../platform/db/database.js';
import { newId } from '../../../../platform/db/ids.js';
import type { JobQueue } from '../../../../platform/jobs/queue.js';
import type { RenderedMail } from '../../../templates/index.js';
import { messageIdFor, replyAddress, type Sender } from '../addresses.js';
import { MAIL_JOBS } from '../mail.events.js';
import * as repo from '../mail.repository.js';

export interface SendJob {
  mailId: string;
  attempt: number;
}

export function sendJobKey(mailId: string, attempt: number): string {
  return `mail:${mailId}:${attempt}`;
}

/**
 * Writes one outbound mail (once per purpose and reference: a second call adds nothing) and its first
 * send job, in the caller's transaction.
 */
export async function queueMail(
  trx: DbOrTrx,
  queue: JobQueue,
  options: {
    purpose: OutboundPurpose;
    refId: string;
    feedbackId: string;
    to: string;
    mail: RenderedMail;
    sender: Sender;
    token: string;
    inReplyTo: string | null;
    references: string[];
    autoSubmitted: boolean;
    at: string;
    /** Recorded as `skipped` with this reason instead of being sent. */
    skipReason?: string;
  },
): Promise<boolean> {
  const id = newId();
  const references = [...options.references, ...(options.inReplyTo ? [options.inReplyTo] : [])];
  const inserted = await repo.insertOutboundOnce(trx, {
    id,
    purpose: options.purpose,
    ref_id: options.refId,
    feedback_id: options.feedbackId,
    to_address: options.to,
    subject: options.mail.subject,
    body: options.mail.text,
    message_id: messageIdFor(options.sender, options.token, id),
    reply_to: replyAddress(options.sender, options.token),
    in_reply_to: options.inReplyTo,
    // The last few ids of the chain are enough for clients to thread.
    references: [...new Set(references)].slice(-10).join(' ') || null,
    auto_submitted: options.autoSubmitted ? 1 : 0,
    status: options.skipReason ? 'skipped' : 'pending',
    attempts: 0,
    last_error: options.skipReason ?? null,
    next_attempt_at: options.skipReason ? null : options.at,
    sent_at: null,
    created_at: options.at,
    updated_at: options.at,
  });
  if (!inserted || options.skipReason) return inserted;
  const job: SendJob = { mailId: id, attempt: 1 };
  await queue.enqueue(MAIL_JOBS.send, { ...job }, { dedupeKey: sendJobKey(id, 1), trx });
  return true;
}
