import type { Actor } from '../../../platform/auth/actor.js';
import type { DbOrTrx, Trx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { insertAudit } from '../identity.repository.js';

export interface AuditEntryInput {
  actor: Actor;
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: unknown;
  ip?: string | null;
  at: string;
}

/** Appends one audit row; pass the transaction of the change so both commit or neither does. */
export async function recordAudit(db: DbOrTrx, entry: AuditEntryInput): Promise<void> {
  await insertAudit(db, {
    id: newId(),
    actor_type: entry.actor.type,
    actor_id: entry.actor.id,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId ?? null,
    details: entry.details === undefined ? null : JSON.stringify(entry.details),
    ip: entry.ip ?? null,
    created_at: entry.at,
  });
}

/** Runs fn in the given transaction, or opens one when handed the database itself. */
export function inTransaction<T>(db: DbOrTrx, fn: (trx: Trx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Trx);
  return db.transaction().execute(fn);
}

/** Who did it and from where; commands default to the system actor (CLI, seeding). */
export interface AuditContext {
  actor?: Actor;
  ip?: string | null;
}
