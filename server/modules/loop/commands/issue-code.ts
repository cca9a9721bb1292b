import { createHash, randomInt } from 'node:crypto';
import type { Locale } from '../../../../shared/enums.js';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { matchCustomerContact } from '../../customers/index.js';
import { findItemByNumber } from '../../feedback/index.js';
import type { TrackingCodeDelivery } from '../code-delivery.js';
import { TRACKING } from '../loop.events.js';
import * as repo from '../loop.repository.js';

export interface IssueCodeRequest {
  number: string;
  contact: string;
  ip: string | null;
  locale: Locale;
}

export function codeHash(codeId: string, code: string): string {
  return createHash('sha256').update(`${codeId}:${code}`).digest('hex');
}

/**
 * Runs in the background after a code request was answered 202: only when the number exists and the contact
 * is one of its customer's own identities does it issue a fresh 6-digit code (earlier ones stop working) and
 * hand it to that channel, in one transaction. Otherwise nothing happens, and nobody is told.
 */
export async function issueTrackingCode(
  deps: { database: DatabaseHandle; clock: () => Date; delivery: TrackingCodeDelivery },
  request: IssueCodeRequest,
): Promise<'issued' | 'no_match'> {
  const db = deps.database.db;
  const item = await findItemByNumber(db, request.number);
  if (!item?.customer_id) return 'no_match';
  const matched = await matchCustomerContact(db, item.customer_id, request.contact);
  if (!matched) return 'no_match';
  const now = deps.clock();
  const at = now.toISOString();
  const codeId = newId();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const send = await deps.delivery.prepare();
  await deps.database.write(async (trx) => {
    await repo.retireOpenCodes(trx, item.id, at);
    const status = await send(trx, {
      feedbackId: item.id,
      codeId,
      number: item.number,
      code,
      to: matched,
      locale: request.locale,
      expiresInMinutes: TRACKING.codeMinutes,
      at,
    });
    await repo.insertCode(trx, {
      id: codeId,
      feedback_id: item.id,
      code_hash: codeHash(codeId, code),
      channel: matched.kind === 'email' ? 'email' : 'sms',
      delivery_status: status,
      attempts: 0,
      expires_at: new Date(now.getTime() + TRACKING.codeMinutes * 60_000).toISOString(),
      consumed_at: null,
      remote_ip: request.ip,
      created_at: at,
    });
  });
  return 'issued';
}
