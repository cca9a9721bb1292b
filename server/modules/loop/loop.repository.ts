import type { Insertable, Selectable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/database.js';
import type {
  FeedbackRatingTable,
  FollowUpTable,
  MajorComplaintFlagTable,
  TrackingCodeTable,
  TrackingSessionTable,
} from './loop.table.js';

export type TrackingCodeRow = Selectable<TrackingCodeTable>;
export type TrackingSessionRow = Selectable<TrackingSessionTable>;

export async function insertCode(db: DbOrTrx, row: Insertable<TrackingCodeTable>): Promise<void> {
  await db.insertInto('tracking_codes').values(row).execute();
}

/** Earlier codes of the item stop working when a new one is issued. */
export async function retireOpenCodes(db: DbOrTrx, feedbackId: string, at: string): Promise<void> {
  await db
    .updateTable('tracking_codes')
    .set({ consumed_at: at })
    .where('feedback_id', '=', feedbackId)
    .where('consumed_at', 'is', null)
    .execute();
}

/** The newest code of an item not yet used up. */
export function findOpenCode(db: DbOrTrx, feedbackId: string): Promise<TrackingCodeRow | undefined> {
  return db
    .selectFrom('tracking_codes')
    .selectAll()
    .where('feedback_id', '=', feedbackId)
    .where('consumed_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Counts a wrong try; returns the attempts after it (the row is locked by the update itself). */
export async function addFailedAttempt(db: DbOrTrx, id: string): Promise<number> {
  await db
    .updateTable('tracking_codes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
  const row = await db
    .selectFrom('tracking_codes')
    .select('attempts')
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(row?.attempts ?? 0);
}

/** Uses the code up; false when someone else did first. */
export async function consumeCode(db: DbOrTrx, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('tracking_codes')
    .set({ consumed_at: at })
    .where('id', '=', id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertSession(db: DbOrTrx, row: Insertable<TrackingSessionTable>): Promise<void> {
  await db.insertInto('tracking_sessions').values(row).execute();
}

export function findSession(db: DbOrTrx, tokenHash: string): Promise<TrackingSessionRow | undefined> {
  return db
    .selectFrom('tracking_sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function deleteExpired(db: DbOrTrx, before: string): Promise<void> {
  await db.deleteFrom('tracking_sessions').where('expires_at', '<', before).execute();
  await db.deleteFrom('tracking_codes').where('expires_at', '<', before).execute();
}

/** Records the round's rating; false when this round was already rated. */
export async function insertRatingOnce(db: DbOrTrx, row: Insertable<FeedbackRatingTable>): Promise<boolean> {
  const result = await db
    .insertInto('feedback_ratings')
    .values(row)
    .onConflict((oc) => oc.columns(['feedback_id', 'resolved_at']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export type FollowUpRow = Selectable<FollowUpTable>;
export type MajorFlagRow = Selectable<MajorComplaintFlagTable>;

export function findMajorFlag(db: DbOrTrx, feedbackId: string): Promise<MajorFlagRow | undefined> {
  return db
    .selectFrom('major_complaint_flags')
    .selectAll()
    .where('feedback_id', '=', feedbackId)
    .executeTakeFirst();
}

/** Sets the flag; false when it was already set. */
export async function insertMajorFlag(
  db: DbOrTrx,
  row: Insertable<MajorComplaintFlagTable>,
): Promise<boolean> {
  const result = await db
    .insertInto('major_complaint_flags')
    .values(row)
    .onConflict((oc) => oc.column('feedback_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Clears the flag; false when it was not set. */
export async function deleteMajorFlag(db: DbOrTrx, feedbackId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('major_complaint_flags')
    .where('feedback_id', '=', feedbackId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Creates the follow-up of one closure; false when that closure already has one. */
export async function insertFollowUpOnce(db: DbOrTrx, row: Insertable<FollowUpTable>): Promise<boolean> {
  const result = await db
    .insertInto('follow_ups')
    .values(row)
    .onConflict((oc) => oc.columns(['feedback_id', 'closure_event_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One follow-up; undefined for an unknown id or one that is not a UUID (Postgres would refuse to compare it). */
export async function findFollowUp(db: DbOrTrx, id: string): Promise<FollowUpRow | undefined> {
  if (!UUID_RE.test(id)) return undefined;
  return db.selectFrom('follow_ups').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface FollowUpFilter {
  status: 'open' | 'done' | 'all';
  dueBy: string | null;
  assigneeId?: string;
  departmentId?: string | null;
  limit: number;
}

/** Follow-ups by due time (then id), filtered by status, due time, assignee or department. */
export function listFollowUps(db: DbOrTrx, filter: FollowUpFilter): Promise<FollowUpRow[]> {
  let query = db.selectFrom('follow_ups').selectAll();
  if (filter.status !== 'all') query = query.where('status', '=', filter.status);
  if (filter.dueBy !== null) query = query.where('due_at', '<=', filter.dueBy);
  if (filter.assigneeId !== undefined) query = query.where('assignee_id', '=', filter.assigneeId);
  if (filter.departmentId !== undefined)
    query =
      filter.departmentId === null
        ? query.where('department_id', 'is', null)
        : query.where('department_id', '=', filter.departmentId);
  return query.orderBy('due_at').orderBy('id').limit(filter.limit).execute();
}

/** Open follow-ups due by then whose "due" notification has not gone out. */
export function findDueUnnotified(db: DbOrTrx, dueBy: string, limit: number): Promise<FollowUpRow[]> {
  return db
    .selectFrom('follow_ups')
    .selectAll()
    .where('status', '=', 'open')
    .where('due_at', '<=', dueBy)
    .where('due_notified_at', 'is', null)
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Claims the "due" notification of a follow-up; false when it already went out. */
export async function markDueNotified(db: DbOrTrx, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('follow_ups')
    .set({ due_notified_at: at })
    .where('id', '=', id)
    .where('due_notified_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records the outcome of an open follow-up; false when it was already done. */
export async function completeFollowUp(
  db: DbOrTrx,
  id: string,
  outcome: {
    care_measure: string;
    satisfied_again: number;
    note: string | null;
    done_by: string | null;
    done_at: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('follow_ups')
    .set({ ...outcome, status: 'done' })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
