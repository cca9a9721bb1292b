import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/database.js';
import type { FeedbackTable } from './feedback.table.js';

export type FeedbackRow = Selectable<FeedbackTable>;

/** A feedback row with what authorization and presentation need besides the row itself. */
export interface FeedbackRecord extends FeedbackRow {
  tags: string[];
  /** Departments (ids) the item is shared with, besides its own. */
  sharedWith: string[];
  /** Those of `sharedWith` that only see the item (shared with a sub-task for them), never change it. */
  readOnlyFor: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else can match nothing (and must never reach a Postgres uuid column). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export async function findFeedbackRow(db: DbOrTrx, id: string): Promise<FeedbackRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('feedback').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The item with this ticket number (unique), or undefined. */
export function findFeedbackByNumber(db: DbOrTrx, number: string): Promise<FeedbackRow | undefined> {
  return db.selectFrom('feedback').selectAll().where('number', '=', number).executeTakeFirst();
}

/** Attaches tags and shares to rows, two queries for any number of rows. */
export async function withTagsAndShares(db: DbOrTrx, rows: FeedbackRow[]): Promise<FeedbackRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [tags, shares] = await Promise.all([
    db
      .selectFrom('feedback_tags')
      .select(['feedback_id', 'tag'])
      .where('feedback_id', 'in', ids)
      .orderBy('tag')
      .execute(),
    db
      .selectFrom('feedback_shares')
      .select(['feedback_id', 'department_id', 'access'])
      .where('feedback_id', 'in', ids)
      .orderBy('created_at')
      .execute(),
  ]);
  const tagsById = group(
    tags,
    (t) => t.feedback_id,
    (t) => t.tag,
  );
  const sharesById = group(
    shares,
    (s) => s.feedback_id,
    (s) => s.department_id,
  );
  const readOnlyById = group(
    shares.filter((s) => s.access === 'read'),
    (s) => s.feedback_id,
    (s) => s.department_id,
  );
  return rows.map((row) => ({
    ...row,
    tags: tagsById.get(row.id) ?? [],
    sharedWith: sharesById.get(row.id) ?? [],
    readOnlyFor: readOnlyById.get(row.id) ?? [],
  }));
}

function group<T>(items: T[], key: (item: T) => string, value: (item: T) => string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const item of items) {
    const list = map.get(key(item));
    if (list) list.push(value(item));
    else map.set(key(item), [value(item)]);
  }
  return map;
}

export async function findFeedbackRecord(db: DbOrTrx, id: string): Promise<FeedbackRecord | undefined> {
  const row = await findFeedbackRow(db, id);
  if (!row) return undefined;
  const [record] = await withTagsAndShares(db, [row]);
  return record;
}

/** Many items by id with tags and shares (unknown ids are left out), in the order of `ids`. */
export async function findFeedbackRecords(db: DbOrTrx, ids: string[]): Promise<FeedbackRecord[]> {
  const wanted = ids.filter(isUuid);
  if (wanted.length === 0) return [];
  const rows = await db.selectFrom('feedback').selectAll().where('id', 'in', wanted).execute();
  const byId = new Map((await withTagsAndShares(db, rows)).map((r) => [r.id, r]));
  return wanted.flatMap((id) => byId.get(id) ?? []);
}

export async function insertFeedback(trx: DbOrTrx, values: Insertable<FeedbackTable>): Promise<FeedbackRow> {
  return trx.insertInto('feedback').values(values).returningAll().executeTakeFirstOrThrow();
}

/**
 * The first statement of every change: a no-op update that returns the fresh row and holds the row
 * lock (Postgres) or the write lock (SQLite, so a read never has to be upgraded) until commit, so
 * concurrent commands on one item serialize and each sees the other's result.
 */
export async function lockFeedbackRow(trx: DbOrTrx, id: string): Promise<FeedbackRow | undefined> {
  if (!isUuid(id)) return undefined;
  return trx
    .updateTable('feedback')
    .set((eb) => ({ version: eb.ref('version') }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Applies a change to a locked row: the new values, the next version and updated_at. */
export async function saveFeedbackRow(
  trx: DbOrTrx,
  row: FeedbackRow,
  patch: Updateable<FeedbackTable>,
  at: string,
): Promise<FeedbackRow> {
  return trx
    .updateTable('feedback')
    .set({ ...patch, version: row.version + 1, updated_at: at })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findFeedbackIdBySource(
  db: DbOrTrx,
  source: string,
  sourceId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('feedback')
    .select('id')
    .where('source', '=', source)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
  return row?.id;
}

/** Adds a share (`collaborate` unless `access` says `read`); false when the item was already shared with it. */
export async function addShare(
  trx: DbOrTrx,
  values: {
    feedbackId: string;
    departmentId: string;
    sharedBy: string | null;
    at: string;
    access?: 'collaborate' | 'read';
  },
): Promise<boolean> {
  const r = await trx
    .insertInto('feedback_shares')
    .values({
      feedback_id: values.feedbackId,
      department_id: values.departmentId,
      shared_by: values.sharedBy,
      created_at: values.at,
      access: values.access ?? 'collaborate',
    })
    .onConflict((oc) => oc.columns(['feedback_id', 'department_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Turns a read-only share into a collaborating one; false when there was no read-only share. */
export async function upgradeShare(trx: DbOrTrx, feedbackId: string, departmentId: string): Promise<boolean> {
  const r = await trx
    .updateTable('feedback_shares')
    .set({ access: 'collaborate' })
    .where('feedback_id', '=', feedbackId)
    .where('department_id', '=', departmentId)
    .where('access', '=', 'read')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function removeShare(trx: DbOrTrx, feedbackId: string, departmentId: string): Promise<boolean> {
  if (!isUuid(departmentId)) return false;
  const r = await trx
    .deleteFrom('feedback_shares')
    .where('feedback_id', '=', feedbackId)
    .where('department_id', '=', departmentId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** How many (non-merged) items a customer has, and when the latest arrived. */
export async function feedbackStatsForCustomer(
  db: DbOrTrx,
  customerId: string,
): Promise<{ count: number; lastFeedbackAt: string | null }> {
  if (!isUuid(customerId)) return { count: 0, lastFeedbackAt: null };
  const row = await db
    .selectFrom('feedback')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('created_at').as('last')])
    .where('customer_id', '=', customerId)
    .where('status', '!=', 'merged')
    .executeTakeFirst();
  return { count: Number(row?.count ?? 0), lastFeedbackAt: row?.last ?? null };
}
