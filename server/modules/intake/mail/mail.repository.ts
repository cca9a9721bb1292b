import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../../platform/db/database.js';
import type { MailInboundTable, MailMailboxTable, MailOutboundTable } from './mail.table.js';

export type InboundRow = Selectable<MailInboundTable>;
export type OutboundRow = Selectable<MailOutboundTable>;
export type MailboxRow = Selectable<MailMailboxTable>;

export function findInbound(
  db: DbOrTrx,
  source: string,
  messageKey: string,
): Promise<InboundRow | undefined> {
  return db
    .selectFrom('mail_inbound')
    .selectAll()
    .where('source', '=', source)
    .where('message_key', '=', messageKey)
    .executeTakeFirst();
}

export async function insertInbound(db: DbOrTrx, row: Insertable<MailInboundTable>): Promise<void> {
  await db.insertInto('mail_inbound').values(row).execute();
}

/** The customer's latest mail on an item that carries a Message-ID (what our reply answers). */
export function lastCustomerMail(db: DbOrTrx, feedbackId: string): Promise<InboundRow | undefined> {
  return db
    .selectFrom('mail_inbound')
    .selectAll()
    .where('feedback_id', '=', feedbackId)
    .where('outcome', 'in', ['created', 'appended'])
    .where('message_id', 'is not', null)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export function findCreatingMail(db: DbOrTrx, feedbackId: string): Promise<InboundRow | undefined> {
  return db
    .selectFrom('mail_inbound')
    .selectAll()
    .where('feedback_id', '=', feedbackId)
    .where('outcome', '=', 'created')
    .executeTakeFirst();
}

/** Inserts the outbound mail unless one exists for (purpose, ref); true when this call inserted it. */
export async function insertOutboundOnce(db: DbOrTrx, row: Insertable<MailOutboundTable>): Promise<boolean> {
  const result = await db
    .insertInto('mail_outbound')
    .values(row)
    .onConflict((oc) => oc.columns(['purpose', 'ref_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function findOutbound(db: DbOrTrx, id: string): Promise<OutboundRow | undefined> {
  return db.selectFrom('mail_outbound').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listOutboundOfFeedback(db: DbOrTrx, feedbackId: string): Promise<OutboundRow[]> {
  return db
    .selectFrom('mail_outbound')
    .selectAll()
    .where('feedback_id', '=', feedbackId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Claims attempt `attempt` of a mail: only one runner moves `attempts` from attempt - 1 to attempt, so a
 * job that runs twice sends once.
 */
export async function claimAttempt(db: DbOrTrx, id: string, attempt: number, at: string): Promise<boolean> {
  const result = await db
    .updateTable('mail_outbound')
    .set({ attempts: attempt, updated_at: at })
    .where('id', '=', id)
    .where('attempts', '=', attempt - 1)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function updateOutbound(
  db: DbOrTrx,
  id: string,
  changes: Updateable<MailOutboundTable>,
): Promise<void> {
  await db.updateTable('mail_outbound').set(changes).where('id', '=', id).execute();
}

export async function insertMailbox(db: DbOrTrx, row: Insertable<MailMailboxTable>): Promise<void> {
  await db.insertInto('mail_mailboxes').values(row).execute();
}

export function listMailboxes(db: DbOrTrx, options: { enabledOnly?: boolean } = {}): Promise<MailboxRow[]> {
  let q = db.selectFrom('mail_mailboxes').selectAll();
  if (options.enabledOnly) q = q.where('enabled', '=', 1);
  return q.orderBy('name').orderBy('id').execute();
}

export function findMailbox(db: DbOrTrx, id: string): Promise<MailboxRow | undefined> {
  return db.selectFrom('mail_mailboxes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateMailbox(
  db: DbOrTrx,
  id: string,
  changes: Updateable<MailMailboxTable>,
): Promise<void> {
  await db.updateTable('mail_mailboxes').set(changes).where('id', '=', id).execute();
}

export async function deleteMailbox(db: DbOrTrx, id: string): Promise<boolean> {
  const result = await db.deleteFrom('mail_mailboxes').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Erasure: what we kept of a customer's mail (addresses, subjects, bodies we sent) on these items is blanked. */
export async function scrubMailOfItems(db: DbOrTrx, feedbackIds: string[], at: string): Promise<number> {
  let changed = 0;
  for (let i = 0; i < feedbackIds.length; i += 500) {
    const ids = feedbackIds.slice(i, i + 500);
    const inbound = await db
      .updateTable('mail_inbound')
      .set({ from_address: null, subject: null })
      .where('feedback_id', 'in', ids)
      .executeTakeFirst();
    const outbound = await db
      .updateTable('mail_outbound')
      .set({ to_address: null, subject: '', body: '', updated_at: at })
      .where('feedback_id', 'in', ids)
      .executeTakeFirst();
    changed += Number(inbound.numUpdatedRows) + Number(outbound.numUpdatedRows);
  }
  return changed;
}

/** Mail of these purposes queued to one address since a time, not counting skipped ones (recipient limits). */
export async function countCustomerMailTo(
  db: DbOrTrx,
  address: string,
  purposes: readonly string[],
  since: string,
): Promise<number> {
  const row = await db
    .selectFrom('mail_outbound')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('to_address', '=', address)
    .where('purpose', 'in', [...purposes])
    .where('status', '!=', 'skipped')
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Acknowledgements queued to one address since a time (the per-address loop guard). */
export async function countAcksTo(db: DbOrTrx, address: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('mail_outbound')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('purpose', '=', 'ack')
    .where('to_address', '=', address)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
