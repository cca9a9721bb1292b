import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../../platform/db/database.js';
import type { SmsOutboundTable } from './sms.table.js';

export type SmsRow = Selectable<SmsOutboundTable>;

/** Inserts the SMS unless one exists for (purpose, ref); true when this call inserted it. */
export async function insertSmsOnce(db: DbOrTrx, row: Insertable<SmsOutboundTable>): Promise<boolean> {
  const result = await db
    .insertInto('sms_outbound')
    .values(row)
    .onConflict((oc) => oc.columns(['purpose', 'ref_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function findSms(db: DbOrTrx, id: string): Promise<SmsRow | undefined> {
  return db.selectFrom('sms_outbound').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listSmsOfFeedback(db: DbOrTrx, feedbackId: string): Promise<SmsRow[]> {
  return db
    .selectFrom('sms_outbound')
    .selectAll()
    .where('feedback_id', '=', feedbackId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Claims attempt `attempt`: only one runner moves `attempts` from attempt - 1 to attempt, so a job run twice sends once. */
export async function claimSmsAttempt(
  db: DbOrTrx,
  id: string,
  attempt: number,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('sms_outbound')
    .set({ attempts: attempt, updated_at: at })
    .where('id', '=', id)
    .where('attempts', '=', attempt - 1)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function updateSms(
  db: DbOrTrx,
  id: string,
  changes: Updateable<SmsOutboundTable>,
): Promise<void> {
  await db.updateTable('sms_outbound').set(changes).where('id', '=', id).execute();
}

/** SMS of these purposes to a number since a time, not counting skipped ones (the per-recipient limits). */
export async function countSmsTo(
  db: DbOrTrx,
  toNumber: string,
  purposes: readonly string[],
  since: string,
): Promise<number> {
  const row = await db
    .selectFrom('sms_outbound')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('to_number', '=', toNumber)
    .where('purpose', 'in', [...purposes])
    .where('status', '!=', 'skipped')
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Erasure: the numbers and texts of SMS about these items are blanked (a pending one then ends `skipped`). */
export async function scrubSmsOfItems(db: DbOrTrx, feedbackIds: string[], at: string): Promise<number> {
  let changed = 0;
  for (let i = 0; i < feedbackIds.length; i += 500) {
    const result = await db
      .updateTable('sms_outbound')
      .set({ to_number: null, body: '', params: '{}', updated_at: at })
      .where('feedback_id', 'in', feedbackIds.slice(i, i + 500))
      .executeTakeFirst();
    changed += Number(result.numUpdatedRows);
  }
  return changed;
}
