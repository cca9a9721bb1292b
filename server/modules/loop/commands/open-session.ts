import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DatabaseHandle } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { findItemByNumber } from '../../feedback/index.js';
import { TRACKING } from '../loop.events.js';
import * as repo from '../loop.repository.js';
import { codeHash } from './issue-code.js';

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const invalid = () => new AppError('tracking_code_invalid', { status: 401, details: [{ path: 'code' }] });
const exceeded = () => new AppError('tracking_attempts_exceeded', { status: 429 });

/**
 * Trades a number + code for a bearer token that reads that one ticket for an hour. An unknown number, a
 * number without a code and a wrong code all answer the same 401; each wrong code counts, and the code dies
 * at the limit (429 from then on, whatever is tried).
 */
export async function openTrackingSession(
  database: DatabaseHandle,
  options: { number: string; code: string; now: Date },
): Promise<{ token: string; expiresAt: string }> {
  const at = options.now.toISOString();
  const item = await findItemByNumber(database.db, options.number);
  if (!item) throw invalid();
  // Outcomes are returned, not thrown, inside the transaction: a throw would roll back the counted attempt.
  const outcome = await database.write(
    async (trx): Promise<{ error: AppError } | { token: string; expiresAt: string }> => {
      const row = await repo.findOpenCode(trx, item.id);
      if (!row) return { error: invalid() };
      if (Number(row.attempts) >= TRACKING.maxAttempts) return { error: exceeded() };
      if (row.expires_at <= at)
        return { error: new AppError('tracking_code_expired', { status: 401, details: [{ path: 'code' }] }) };
      const expected = Buffer.from(row.code_hash, 'hex');
      const given = Buffer.from(codeHash(row.id, options.code), 'hex');
      if (!timingSafeEqual(expected, given)) {
        const attempts = await repo.addFailedAttempt(trx, row.id);
        return { error: attempts >= TRACKING.maxAttempts ? exceeded() : invalid() };
      }
      if (!(await repo.consumeCode(trx, row.id, at))) return { error: invalid() };
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(options.now.getTime() + TRACKING.sessionMinutes * 60_000).toISOString();
      await repo.insertSession(trx, {
        id: newId(),
        token_hash: tokenHash(token),
        feedback_id: item.id,
        expires_at: expiresAt,
        created_at: at,
      });
      return { token, expiresAt };
    },
  );
  if ('error' in outcome) throw outcome.error;
  return outcome;
}
