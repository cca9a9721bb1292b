import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/database.js';
import type {
  ApiKeyTable,
  AuditLogTable,
  DepartmentTable,
  SessionTable,
  UserTable,
} from './identity.table.js';

export type DepartmentRow = Selectable<DepartmentTable>;
export type UserRow = Selectable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type AuditRow = Selectable<AuditLogTable>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuid columns on Postgres: a malformed id can match nothing, so it is not sent at all. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** True for a unique-constraint violation on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

// ---- departments

export async function insertDepartment(db: DbOrTrx, row: Insertable<DepartmentTable>): Promise<void> {
  await db.insertInto('departments').values(row).execute();
}

export async function findDepartmentById(db: DbOrTrx, id: string): Promise<DepartmentRow | null> {
  if (!isUuid(id)) return null;
  return (await db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function findDepartmentRowByCode(db: DbOrTrx, code: string): Promise<DepartmentRow | null> {
  return (await db.selectFrom('departments').selectAll().where('code', '=', code).executeTakeFirst()) ?? null;
}

export async function listDepartmentRows(db: DbOrTrx): Promise<DepartmentRow[]> {
  return db.selectFrom('departments').selectAll().orderBy('code').execute();
}

export async function findDepartmentsByIds(db: DbOrTrx, ids: string[]): Promise<DepartmentRow[]> {
  const valid = [...new Set(ids)].filter(isUuid);
  if (valid.length === 0) return [];
  return db.selectFrom('departments').selectAll().where('id', 'in', valid).execute();
}

export async function updateDepartmentRow(
  db: DbOrTrx,
  id: string,
  patch: Updateable<DepartmentTable>,
): Promise<void> {
  await db.updateTable('departments').set(patch).where('id', '=', id).execute();
}

export async function deleteDepartmentRow(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('departments').where('id', '=', id).execute();
}

/** Whether anything still points at the department (users, API keys, tickets, shares). */
export async function departmentInUse(db: DbOrTrx, id: string): Promise<boolean> {
  const checks = [
    db.selectFrom('users').select('id').where('department_id', '=', id).limit(1),
    db.selectFrom('api_keys').select('id').where('department_id', '=', id).limit(1),
    db.selectFrom('feedback').select('id').where('department_id', '=', id).limit(1),
    db.selectFrom('feedback_shares').select('feedback_id as id').where('department_id', '=', id).limit(1),
  ];
  for (const q of checks) if (await q.executeTakeFirst()) return true;
  return false;
}

// ---- users

export async function insertUser(db: DbOrTrx, row: Insertable<UserTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function findUserRowById(db: DbOrTrx, id: string): Promise<UserRow | null> {
  if (!isUuid(id)) return null;
  return (await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function findUserRowByEmail(db: DbOrTrx, email: string): Promise<UserRow | null> {
  return (await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()) ?? null;
}

export async function findUsersByIds(db: DbOrTrx, ids: string[]): Promise<UserRow[]> {
  const valid = [...new Set(ids)].filter(isUuid);
  if (valid.length === 0) return [];
  return db.selectFrom('users').selectAll().where('id', 'in', valid).execute();
}

export async function listUserRows(
  db: DbOrTrx,
  filter: {
    departmentId?: string | undefined;
    role?: string | undefined;
    active?: boolean | undefined;
    q?: string | undefined;
    after?: string | undefined;
    limit: number;
  },
): Promise<UserRow[]> {
  let query = db.selectFrom('users').selectAll();
  if (filter.departmentId !== undefined) {
    if (!isUuid(filter.departmentId)) return [];
    query = query.where('department_id', '=', filter.departmentId);
  }
  if (filter.role !== undefined) query = query.where('role', '=', filter.role as UserRow['role']);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['name']), 'like', eb.val(like)),
        eb(eb.fn('lower', ['email']), 'like', eb.val(like)),
      ]),
    );
  }
  if (filter.after !== undefined) query = query.where('id', '>', filter.after);
  return query.orderBy('id').limit(filter.limit).execute();
}

export async function updateUserRow(db: DbOrTrx, id: string, patch: Updateable<UserTable>): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

// ---- sessions

export async function insertSession(db: DbOrTrx, row: Insertable<SessionTable>): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSessionWithUser(
  db: DbOrTrx,
  id: string,
): Promise<{ session: SessionRow; user: UserRow } | null> {
  const session = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!session) return null;
  const user = await findUserRowById(db, session.user_id);
  return user ? { session, user } : null;
}

export async function touchSession(
  db: DbOrTrx,
  id: string,
  values: { lastSeenAt: string; expiresAt: string },
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: values.lastSeenAt, expires_at: values.expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(db: DbOrTrx, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: DbOrTrx, now: string): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', now).execute();
}

// ---- API keys

export async function insertApiKey(db: DbOrTrx, row: Insertable<ApiKeyTable>): Promise<void> {
  await db.insertInto('api_keys').values(row).execute();
}

export async function findApiKeyByHash(db: DbOrTrx, keyHash: string): Promise<ApiKeyRow | null> {
  return (
    (await db.selectFrom('api_keys').selectAll().where('key_hash', '=', keyHash).executeTakeFirst()) ?? null
  );
}

export async function findApiKeyById(db: DbOrTrx, id: string): Promise<ApiKeyRow | null> {
  if (!isUuid(id)) return null;
  return (await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function listApiKeyRows(db: DbOrTrx): Promise<ApiKeyRow[]> {
  return db.selectFrom('api_keys').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function revokeApiKeyRow(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('api_keys').set({ revoked_at: at }).where('id', '=', id).execute();
}

export async function touchApiKey(db: DbOrTrx, id: string, at: string): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
}

// ---- audit log

export async function insertAudit(db: DbOrTrx, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

export async function listAuditRows(
  db: DbOrTrx,
  filter: {
    entityType?: string | undefined;
    entityId?: string | undefined;
    actorId?: string | undefined;
    action?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    before?: { createdAt: string; id: string } | undefined;
    limit: number;
  },
): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.entityType !== undefined) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId !== undefined) query = query.where('entity_id', '=', filter.entityId);
  if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.from !== undefined) query = query.where('created_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('created_at', '<', filter.to);
  const before = filter.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', before.createdAt),
        eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)]),
      ]),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}
