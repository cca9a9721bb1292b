import type { Insertable, Selectable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/database.js';
import { newId } from '../../platform/db/ids.js';
import type { FeedbackEventTable, FeedbackMessageTable } from './feedback.table.js';

export type MessageRow = Selectable<FeedbackMessageTable>;
export type EventRow = Selectable<FeedbackEventTable>;

/** Position in a timeline page: (created_at, id), oldest first. */
export interface TimelineAfter {
  createdAt: string;
  id: string;
}

export async function insertMessage(trx: DbOrTrx, values: Omit<Insertable<FeedbackMessageTable>, 'id'>) {
  return trx
    .insertInto('feedback_messages')
    .values({ id: newId(), ...values })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function moveMessages(
  trx: DbOrTrx,
  fromFeedbackId: string,
  toFeedbackId: string,
): Promise<number> {
  const r = await trx
    .updateTable('feedback_messages')
    .set({ feedback_id: toFeedbackId })
    .where('feedback_id', '=', fromFeedbackId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertEvent(trx: DbOrTrx, values: Omit<Insertable<FeedbackEventTable>, 'id'>) {
  await trx
    .insertInto('feedback_events')
    .values({ id: newId(), ...values })
    .execute();
}

export async function listMessages(
  db: DbOrTrx,
  feedbackId: string,
  page: { after: TimelineAfter | null; limit: number },
): Promise<MessageRow[]> {
  let q = db.selectFrom('feedback_messages').selectAll().where('feedback_id', '=', feedbackId);
  const after = page.after;
  if (after)
    q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(after.createdAt, after.id)));
  return q.orderBy('created_at').orderBy('id').limit(page.limit).execute();
}

export async function listEvents(
  db: DbOrTrx,
  feedbackId: string,
  page: { after: TimelineAfter | null; limit: number },
): Promise<EventRow[]> {
  let q = db.selectFrom('feedback_events').selectAll().where('feedback_id', '=', feedbackId);
  const after = page.after;
  if (after)
    q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(after.createdAt, after.id)));
  return q.orderBy('created_at').orderBy('id').limit(page.limit).execute();
}

/** Time of the item's newest history row (read under the item's row lock). */
export async function latestEventAt(db: DbOrTrx, feedbackId: string): Promise<string | null> {
  const row = await db
    .selectFrom('feedback_events')
    .select('created_at')
    .where('feedback_id', '=', feedbackId)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.created_at ?? null;
}
