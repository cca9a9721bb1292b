import { nowIso } from '../../../../platform/db/ids.js';
import type { AppContext } from '../../../../platform/http/context.js';
import { backoffMs } from '../../../../platform/jobs/database-queue.js';
import { parseSender } from '../addresses.js';
import { MAIL_JOBS, SEND_MAX_ATTEMPTS } from '../mail.events.js';
import * as repo from '../mail.repository.js';
import { transportFor } from '../sender.js';
import { type SendJob, sendJobKey } from './queue-mail.js';

export type SendDeps = Pick<AppContext, 'database' | 'config' | 'clock' | 'queue' | 'logger'>;

/**
 * One SMTP attempt of one outbound mail. The attempt is claimed first (attempts moves from n-1 to n
 * only once), so a job run twice sends once. Without SMTP_URL the mail is recorded as `skipped`. A
 * failure schedules the next attempt with exponential backoff, up to SEND_MAX_ATTEMPTS, then `failed`.
 */
export async function runSendAttempt(deps: SendDeps, job: SendJob): Promise<void> {
  const { database, config } = deps;
  const mail = await repo.findOutbound(database.db, job.mailId);
  if (mail?.status !== 'pending') return;
  if (!config.mail.smtpUrl) {
    await repo.updateOutbound(database.db, mail.id, {
      status: 'skipped',
      last_error: 'SMTP_URL not configured',
      next_attempt_at: null,
      updated_at: nowIso(deps.clock),
    });
    return;
  }
  if (!mail.to_address) {
    await repo.updateOutbound(database.db, mail.id, {
      status: 'skipped',
      last_error: 'no recipient',
      next_attempt_at: null,
      updated_at: nowIso(deps.clock),
    });
    return;
  }
  const claimed = await database.write((trx) =>
    repo.claimAttempt(trx, mail.id, job.attempt, nowIso(deps.clock)),
  );
  if (!claimed) return;

  const sender = parseSender(config.mail.from);
  let error: string | null = null;
  try {
    await transportFor(config.mail.smtpUrl).sendMail({
      from: sender.name ? { name: sender.name, address: sender.address } : sender.address,
      to: mail.to_address,
      subject: mail.subject,
      text: mail.body,
      messageId: mail.message_id,
      ...(mail.reply_to ? { replyTo: mail.reply_to } : {}),
      ...(mail.in_reply_to ? { inReplyTo: mail.in_reply_to } : {}),
      ...(mail.references ? { references: mail.references.split(' ') } : {}),
      headers: mail.auto_submitted
        ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' }
        : {},
    });
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }

  await database.write(async (trx) => {
    const at = nowIso(deps.clock);
    if (error === null) {
      await repo.updateOutbound(trx, mail.id, {
        status: 'sent',
        sent_at: at,
        last_error: null,
        next_attempt_at: null,
        updated_at: at,
      });
      return;
    }
    const retry = job.attempt < SEND_MAX_ATTEMPTS;
    const nextAt = retry ? new Date(deps.clock().getTime() + backoffMs(job.attempt)) : null;
    await repo.updateOutbound(trx, mail.id, {
      status: retry ? 'pending' : 'failed',
      last_error: error.slice(0, 1000),
      next_attempt_at: nextAt?.toISOString() ?? null,
      updated_at: at,
    });
    if (nextAt) {
      const next: SendJob = { mailId: mail.id, attempt: job.attempt + 1 };
      await deps.queue.enqueue(
        MAIL_JOBS.send,
        { ...next },
        { dedupeKey: sendJobKey(mail.id, next.attempt), runAt: nextAt, trx },
      );
    }
  });
  if (error !== null) deps.logger.warn({ mailId: mail.id, attempt: job.attempt, error }, 'mail send failed');
}
