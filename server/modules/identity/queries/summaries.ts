import type { Department, User } from '../../../../shared/contracts/identity.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { parseBusinessAreas, presentDepartment, presentUser } from '../identity.presenter.js';
import {
  findDepartmentById,
  findDepartmentRowByCode,
  findDepartmentsByIds,
  findUserRowById,
  findUsersByIds,
} from '../identity.repository.js';

export interface UserSummary {
  id: string;
  name: string;
  email: string;
  departmentId: string | null;
}

export interface DepartmentRef {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

/** Names for ids in one query (for lists that show assignees); unknown ids are simply absent. */
export async function getUserSummaries(db: DbOrTrx, ids: string[]): Promise<Map<string, UserSummary>> {
  const rows = await findUsersByIds(db, ids);
  return new Map(
    rows.map((r) => [r.id, { id: r.id, name: r.name, email: r.email, departmentId: r.department_id }]),
  );
}

export async function getDepartmentSummaries(
  db: DbOrTrx,
  ids: string[],
): Promise<Map<string, DepartmentRef>> {
  const rows = await findDepartmentsByIds(db, ids);
  return new Map(rows.map((r) => [r.id, { id: r.id, code: r.code, nameZh: r.name_zh, nameEn: r.name_en }]));
}

export async function findDepartmentByCode(db: DbOrTrx, code: string): Promise<Department | null> {
  const row = await findDepartmentRowByCode(db, code);
  return row ? presentDepartment(row) : null;
}

export async function getDepartmentById(db: DbOrTrx, id: string): Promise<Department | null> {
  const row = await findDepartmentById(db, id);
  return row ? presentDepartment(row) : null;
}

/** The user without secrets, or null. */
export async function getUserById(db: DbOrTrx, id: string): Promise<User | null> {
  const row = await findUserRowById(db, id);
  return row ? presentUser(row) : null;
}

export { parseBusinessAreas };
