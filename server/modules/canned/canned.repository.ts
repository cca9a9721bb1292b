import type { Selectable, Updateable } from 'kysely';
import { type CannedActions, ZCannedActions } from '../../../shared/contracts/canned.js';
import type { DbOrTrx } from '../../platform/db/database.js';
import type { CannedResponseTable } from './canned.table.js';

export type CannedRow = Selectable<CannedResponseTable>;

export async function insertCanned(db: DbOrTrx, row: CannedRow): Promise<void> {
  await db.insertInto('canned_responses').values(row).execute();
}

export async function findCanned(db: DbOrTrx, id: string): Promise<CannedRow | undefined> {
  return db.selectFrom('canned_responses').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateCanned(
  db: DbOrTrx,
  id: string,
  changes: Updateable<CannedResponseTable>,
): Promise<void> {
  await db.updateTable('canned_responses').set(changes).where('id', '=', id).execute();
}

export async function deleteCanned(db: DbOrTrx, id: string): Promise<boolean> {
  const res = await db.deleteFrom('canned_responses').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

/**
 * Responses in title order: all of them (`departmentId` undefined), or those offered to one department
 * (its own and the ones for everyone; `null` = only the ones for everyone).
 */
export async function listCanned(db: DbOrTrx, departmentId?: string | null): Promise<CannedRow[]> {
  let q = db.selectFrom('canned_responses').selectAll();
  if (departmentId === null) q = q.where('department_id', 'is', null);
  else if (departmentId !== undefined)
    q = q.where((eb) => eb.or([eb('department_id', 'is', null), eb('department_id', '=', departmentId)]));
  return q.orderBy('title_en').orderBy('id').execute();
}

/** The stored macro actions (JSON text), or null for a plain canned response. */
export function parseActions(text: string | null): CannedActions | null {
  if (text === null) return null;
  const parsed = ZCannedActions.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : null;
}

/** Macro actions as stored: null when there are none. */
export function serializeActions(actions: CannedActions | null | undefined): string | null {
  if (!actions) return null;
  return JSON.stringify(actions);
}
