import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { findApiKeyById, revokeApiKeyRow } from '../identity.repository.js';
import { recordAudit } from './record-audit.js';

/** Revokes a key for good (the row stays for the audit trail); revoking twice changes nothing. */
export async function revokeApiKey(opts: {
  db: Db;
  actor: Actor;
  id: string;
  ip: string | null;
  at: string;
}): Promise<void> {
  await opts.db.transaction().execute(async (trx) => {
    const key = await findApiKeyById(trx, opts.id);
    if (!key) throw new AppError('api_key_not_found');
    if (key.revoked_at !== null) return;
    await revokeApiKeyRow(trx, opts.id, opts.at);
    await recordAudit(trx, {
      actor: opts.actor,
      action: 'api_key.revoked',
      entityType: 'api_key',
      entityId: opts.id,
      details: { name: key.name, prefix: key.prefix },
      ip: opts.ip,
      at: opts.at,
    });
  });
}
