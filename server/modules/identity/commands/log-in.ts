import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { findUserRowByEmail, insertSession, type UserRow, updateUserRow } from '../identity.repository.js';
import { randomToken, sha256, verifyPassword } from '../secrets.js';
import { recordAudit } from './record-audit.js';

export interface LogInOptions {
  db: Db;
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
  now: Date;
  ttlHours: number;
}

/**
 * Checks the credentials and opens a session. Unknown email, wrong password and inactive account
 * give the same answer in about the same time. Returns the raw cookie token (only its hash is stored).
 */
export async function logIn(
  opts: LogInOptions,
): Promise<{ user: UserRow; token: string; ttlSeconds: number }> {
  const email = opts.email.trim().toLowerCase();
  const at = opts.now.toISOString();
  const user = await findUserRowByEmail(opts.db, email);
  const passwordOk = await verifyPassword(user?.password_hash ?? null, opts.password);
  if (!user || !passwordOk || Number(user.active) !== 1) {
    await recordAudit(opts.db, {
      actor: { type: 'system', id: null, role: 'admin', departmentId: null, name: 'system' },
      action: 'auth.login_failed',
      entityType: 'user',
      entityId: user?.id ?? null,
      details: { email },
      ip: opts.ip,
      at,
    });
    throw new AppError('invalid_credentials');
  }
  const token = randomToken(32);
  const ttlMs = opts.ttlHours * 3_600_000;
  const actor: Actor = {
    type: 'user',
    id: user.id,
    role: user.role,
    departmentId: user.department_id,
    name: user.name,
  };
  await opts.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).where('expires_at', '<=', at).execute();
    await insertSession(trx, {
      id: sha256(token),
      user_id: user.id,
      created_at: at,
      expires_at: new Date(opts.now.getTime() + ttlMs).toISOString(),
      last_seen_at: at,
      ip: opts.ip,
      user_agent: opts.userAgent?.slice(0, 512) ?? null,
    });
    await updateUserRow(trx, user.id, { last_login_at: at });
    await recordAudit(trx, {
      actor,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      ip: opts.ip,
      at,
    });
  });
  return { user: { ...user, last_login_at: at }, token, ttlSeconds: Math.floor(ttlMs / 1000) };
}
