import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/database.js';
import type { BusinessAreaTable } from './business-areas.table.js';
import { parseBusinessAreas } from './identity.presenter.js';
import type { DepartmentRow } from './identity.repository.js';

export type BusinessAreaRow = Selectable<BusinessAreaTable>;

export async function listBusinessAreaRows(
  db: DbOrTrx,
  filter: { active?: boolean } = {},
): Promise<BusinessAreaRow[]> {
  let q = db.selectFrom('business_areas').selectAll();
  if (filter.active !== undefined) q = q.where('active', '=', filter.active ? 1 : 0);
  return q.orderBy('sort_order').orderBy('code').execute();
}

export async function findBusinessAreaRows(db: DbOrTrx, codes: string[]): Promise<BusinessAreaRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('business_areas').selectAll().where('code', 'in', codes).execute();
}

export async function findBusinessAreaRow(db: DbOrTrx, code: string): Promise<BusinessAreaRow | undefined> {
  return db.selectFrom('business_areas').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertBusinessAreaRow(db: DbOrTrx, row: Insertable<BusinessAreaTable>): Promise<void> {
  await db.insertInto('business_areas').values(row).execute();
}

export async function updateBusinessAreaRow(
  db: DbOrTrx,
  code: string,
  values: Updateable<BusinessAreaTable>,
): Promise<void> {
  await db.updateTable('business_areas').set(values).where('code', '=', code).execute();
}

export async function deleteBusinessAreaRow(db: DbOrTrx, code: string): Promise<void> {
  await db.deleteFrom('business_areas').where('code', '=', code).execute();
}

export async function nextBusinessAreaOrder(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('business_areas')
    .select((eb) => eb.fn.max('sort_order').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 10;
}

export async function listDepartmentsForAreas(db: DbOrTrx): Promise<DepartmentRow[]> {
  return db.selectFrom('departments').selectAll().orderBy('code').execute();
}

/** Where a code is still used: departments routing it, items filed under it, triage rules setting it. */
export async function businessAreaUsage(
  db: DbOrTrx,
  code: string,
): Promise<{ departments: number; feedback: number; rules: number }> {
  const departments = (await listDepartmentsForAreas(db)).filter((d) =>
    parseBusinessAreas(d.business_areas).includes(code),
  ).length;
  const items = await db
    .selectFrom('feedback')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('business_area', '=', code)
    .executeTakeFirst();
  const rules = (await db.selectFrom('triage_rules').select('actions').execute()).filter((r) => {
    const text = typeof r.actions === 'string' ? r.actions : JSON.stringify(r.actions);
    const actions = JSON.parse(text) as { businessArea?: unknown } | null;
    return actions?.businessArea === code;
  }).length;
  return { departments, feedback: Number(items?.n ?? 0), rules };
}
