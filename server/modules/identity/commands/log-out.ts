import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { deleteSession } from '../identity.repository.js';
import { sha256 } from '../secrets.js';
import { recordAudit } from './record-audit.js';

/** Ends the session behind a cookie token; the row is deleted so the cookie is worthless even if kept. */
export async function logOut(opts: {
  db: Db;
  actor: Actor;
  token: string;
  ip: string | null;
  at: string;
}): Promise<void> {
  await opts.db.transaction().execute(async (trx) => {
    await deleteSession(trx, sha256(opts.token));
    await recordAudit(trx, {
      actor: opts.actor,
      action: 'auth.logout',
      entityType: 'user',
      entityId: opts.actor.id,
      ip: opts.ip,
      at: opts.at,
    });
  });
}
