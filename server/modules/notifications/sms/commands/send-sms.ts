import { nowIso } from '../../../../platform/db/ids.js';
import type { AppContext } from '../../../../platform/http/context.js';
import { backoffMs } from '../../../../platform/jobs/database-queue.js';
import type { SmsGateway, SmsTemplate } from '../gateway.js';
import { SMS_JOBS, SMS_MAX_ATTEMPTS } from '../sms.events.js';
import * as repo from '../sms.repository.js';
import { type SmsSendJob, smsJobKey } from './queue-sms.js';

export type SmsSendDeps = Pick<AppContext, 'database' | 'clock' | 'queue' | 'logger'> & {
  gateway: SmsGateway | null;
};

function parseParams(text: string): Record<string, string> {
  const parsed = JSON.parse(text) as unknown;
  const out: Record<string, string> = {};
  if (parsed && typeof parsed === 'object') for (const [k, v] of Object.entries(parsed)) out[k] = String(v);
  return out;
}

/**
 * One gateway attempt of one SMS, like the mail sender: the attempt is claimed first (attempts n-1 → n
 * while pending), so a job run twice sends once. No gateway configured, or no number (erased) → `skipped`.
 * A failure schedules the next attempt with exponential backoff, up to SMS_MAX_ATTEMPTS, then `failed`.
 */
export async function runSmsAttempt(deps: SmsSendDeps, job: SmsSendJob): Promise<void> {
  const { database, gateway } = deps;
  const sms = await repo.findSms(database.db, job.smsId);
  if (sms?.status !== 'pending') return;
  if (!gateway || !sms.to_number) {
    await repo.updateSms(database.db, sms.id, {
      status: 'skipped',
      last_error: gateway ? 'no recipient' : 'SMS_PROVIDER not configured',
      next_attempt_at: null,
      updated_at: nowIso(deps.clock),
    });
    return;
  }
  const claimed = await database.write((trx) =>
    repo.claimSmsAttempt(trx, sms.id, job.attempt, nowIso(deps.clock)),
  );
  if (!claimed) return;

  let error: string | null = null;
  let messageId: string | null = null;
  try {
    const result = await gateway.send({
      id: sms.id,
      to: sms.to_number,
      text: sms.body,
      template: asTemplate(sms.template),
      params: parseParams(sms.params),
    });
    messageId = result.messageId;
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }

  await database.write(async (trx) => {
    const at = nowIso(deps.clock);
    if (error === null) {
      await repo.updateSms(trx, sms.id, {
        status: 'sent',
        provider: gateway.provider,
        provider_message_id: messageId,
        sent_at: at,
        last_error: null,
        next_attempt_at: null,
        updated_at: at,
      });
      return;
    }
    const retry = job.attempt < SMS_MAX_ATTEMPTS;
    const nextAt = retry ? new Date(deps.clock().getTime() + backoffMs(job.attempt)) : null;
    await repo.updateSms(trx, sms.id, {
      status: retry ? 'pending' : 'failed',
      provider: gateway.provider,
      last_error: error.slice(0, 1000),
      next_attempt_at: nextAt?.toISOString() ?? null,
      updated_at: at,
    });
    if (nextAt) {
      const next: SmsSendJob = { smsId: sms.id, attempt: job.attempt + 1 };
      await deps.queue.enqueue(
        SMS_JOBS.send,
        { ...next },
        { dedupeKey: smsJobKey(sms.id, next.attempt), runAt: nextAt, trx },
      );
    }
  });
  if (error !== null) deps.logger.warn({ smsId: sms.id, attempt: job.attempt, error }, 'sms send failed');
}

const TEMPLATES: readonly SmsTemplate[] = ['code', 'notice', 'reply'];
function asTemplate(stored: string): SmsTemplate {
  return (TEMPLATES as readonly string[]).includes(stored) ? (stored as SmsTemplate) : 'notice';
}
