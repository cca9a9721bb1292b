import type { Insertable, Selectable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/database.js';
import type { FeedbackRatingTable, TrackingCodeTable, TrackingSessionTable } from './loop.table.js';

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
