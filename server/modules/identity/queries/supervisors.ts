import type { DbOrTrx } from '../../../platform/db/database.js';

/**
 * Active supervisors who oversee a department's queue: its own supervisors; for an item without a
 * department (the triage queue), or a department without a supervisor, every active supervisor.
 */
export async function findSupervisorIds(db: DbOrTrx, departmentId: string | null): Promise<string[]> {
  const all = db.selectFrom('users').select('id').where('role', '=', 'supervisor').where('active', '=', 1);
  if (departmentId !== null) {
    const own = await all.where('department_id', '=', departmentId).orderBy('id').execute();
    if (own.length > 0) return own.map((r) => r.id);
  }
  const rows = await all.orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Which of these users exist and are active. */
export async function findActiveUserIds(db: DbOrTrx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', ids)
    .where('active', '=', 1)
    .execute();
  return rows.map((r) => r.id);
}

/** Active agents of a department (who handle its queue when an item has no assignee), in id order. */
export async function findActiveAgentIds(db: DbOrTrx, departmentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'agent')
    .where('department_id', '=', departmentId)
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
