import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/database.js';
import type { IntakeSourceTable, IntakeSubmissionTable } from './intake.table.js';

export type SubmissionRow = Selectable<IntakeSubmissionTable>;
export type SourceRow = Selectable<IntakeSourceTable>;

export async function insertSubmission(db: DbOrTrx, row: Insertable<IntakeSubmissionTable>): Promise<void> {
  await db.insertInto('intake_submissions').values(row).execute();
}

export function listSubmissionsOfFeedback(db: DbOrTrx, feedbackId: string): Promise<SubmissionRow[]> {
  return db
    .selectFrom('intake_submissions')
    .selectAll()
    .where('feedback_id', '=', feedbackId)
    .orderBy('received_at')
    .orderBy('id')
    .execute();
}

/** Erasure: the raw originals of a customer's submissions lose their payload and address. */
export async function scrubSubmissionsOfCustomer(db: DbOrTrx, customerId: string): Promise<number> {
  const result = await db
    .updateTable('intake_submissions')
    .set({ payload: null, remote_ip: null, payload_encoding: 'utf8' })
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertSource(db: DbOrTrx, row: Insertable<IntakeSourceTable>): Promise<void> {
  await db.insertInto('intake_sources').values(row).execute();
}

export function listSources(db: DbOrTrx): Promise<SourceRow[]> {
  return db.selectFrom('intake_sources').selectAll().orderBy('name').orderBy('id').execute();
}

export function findSourceById(db: DbOrTrx, id: string): Promise<SourceRow | undefined> {
  return db.selectFrom('intake_sources').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findSourceBySlug(db: DbOrTrx, slug: string): Promise<SourceRow | undefined> {
  return db.selectFrom('intake_sources').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function updateSource(
  db: DbOrTrx,
  id: string,
  changes: Updateable<IntakeSourceTable>,
): Promise<void> {
  await db.updateTable('intake_sources').set(changes).where('id', '=', id).execute();
}

export async function deleteSource(db: DbOrTrx, id: string): Promise<boolean> {
  const result = await db.deleteFrom('intake_sources').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Whether an Idempotency-Key was already used in this scope (then the request replays; no CAPTCHA needed). */
export async function idempotencyKeyUsed(db: DbOrTrx, scope: string, key: string): Promise<boolean> {
  const row = await db
    .selectFrom('idempotency_keys')
    .select('key')
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
  return row !== undefined;
}
