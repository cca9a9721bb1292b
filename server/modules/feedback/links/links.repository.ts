import type { Selectable } from 'kysely';
import type { FeedbackLinkKind } from '../../../../shared/contracts/feedback.js';
import type { FeedbackStatus } from '../../../../shared/enums.js';
import { OPEN_STATUSES } from '../../../../shared/feedback/status-machine.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import type { FeedbackLinkTable } from './links.table.js';

export type LinkRow = Selectable<FeedbackLinkTable>;
export type LinkWithRelated = LinkRow & {
  related_number: string;
  related_status: FeedbackStatus;
  related_subject: string | null;
};

export { OPEN_STATUSES };

/** Links of many items with the related item's number, status and subject, oldest first. */
export async function listLinksOf(db: DbOrTrx, feedbackIds: string[]): Promise<LinkWithRelated[]> {
  if (feedbackIds.length === 0) return [];
  return db
    .selectFrom('feedback_links as l')
    .innerJoin('feedback as r', 'r.id', 'l.related_id')
    .selectAll('l')
    .select(['r.number as related_number', 'r.status as related_status', 'r.subject as related_subject'])
    .where('l.feedback_id', 'in', feedbackIds)
    .orderBy('l.created_at')
    .orderBy('l.id')
    .execute();
}

/**
 * Inserts the link in both directions; an existing one is left alone. True when it was new (the
 * (item, related, kind) unique index decides, so two racing writers add it once).
 */
export async function insertLinkPair(
  trx: DbOrTrx,
  link: Omit<FeedbackLinkTable, 'id' | 'feedback_id' | 'related_id'> & {
    a: string;
    b: string;
    /** The reason stored on the (b → a) row; `reason` is the (a → b) row's. */
    reverseReason?: string | null;
  },
): Promise<boolean> {
  const { a, b, reason, reverseReason, ...rest } = link;
  let inserted = 0;
  for (const [from, to, why] of [
    [a, b, reason],
    [b, a, reverseReason === undefined ? reason : reverseReason],
  ] as const) {
    const r = await trx
      .insertInto('feedback_links')
      .values({ id: newId(), feedback_id: from, related_id: to, reason: why, ...rest })
      .onConflict((oc) => oc.columns(['feedback_id', 'related_id', 'kind']).doNothing())
      .executeTakeFirst();
    inserted += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted > 0;
}

/** Deletes the links between two items (both directions; one kind or all); the kinds that were removed. */
export async function deleteLinkPair(
  trx: DbOrTrx,
  a: string,
  b: string,
  kind?: FeedbackLinkKind,
): Promise<FeedbackLinkKind[]> {
  let query = trx
    .deleteFrom('feedback_links')
    .where((eb) =>
      eb.or([
        eb.and([eb('feedback_id', '=', a), eb('related_id', '=', b)]),
        eb.and([eb('feedback_id', '=', b), eb('related_id', '=', a)]),
      ]),
    );
  if (kind) query = query.where('kind', '=', kind);
  const rows = await query.returning('kind').execute();
  return [...new Set(rows.map((r) => r.kind))];
}

/** Removes every possible-duplicate flag of an item (both directions); the other items' ids. */
export async function deleteDuplicateFlagsOf(trx: DbOrTrx, feedbackId: string): Promise<string[]> {
  const rows = await trx
    .deleteFrom('feedback_links')
    .where('kind', '=', 'possible_duplicate')
    .where((eb) => eb.or([eb('feedback_id', '=', feedbackId), eb('related_id', '=', feedbackId)]))
    .returning(['feedback_id', 'related_id'])
    .execute();
  return [...new Set(rows.map((r) => (r.feedback_id === feedbackId ? r.related_id : r.feedback_id)))];
}

export interface DuplicateCandidate {
  id: string;
  number: string;
  subject: string | null;
  description: string;
  created_at: string;
}

/** The customer's open items created from `since` up to `until` (newest first, at most `limit`). */
export async function openItemsOfCustomer(
  db: DbOrTrx,
  options: { customerId: string; since: string; until: string; excludeId: string; limit: number },
): Promise<DuplicateCandidate[]> {
  return db
    .selectFrom('feedback')
    .select(['id', 'number', 'subject', 'description', 'created_at'])
    .where('customer_id', '=', options.customerId)
    .where('created_at', '>=', options.since)
    .where('created_at', '<=', options.until)
    .where('id', '!=', options.excludeId)
    .where('status', 'in', OPEN_STATUSES)
    .orderBy('created_at', 'desc')
    .limit(options.limit)
    .execute();
}

export async function hasDuplicateCheck(db: DbOrTrx, feedbackId: string): Promise<boolean> {
  const row = await db
    .selectFrom('feedback_duplicate_checks')
    .select('feedback_id')
    .where('feedback_id', '=', feedbackId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records that detection ran; false when another run already did (the caller then writes nothing). */
export async function insertDuplicateCheck(
  trx: DbOrTrx,
  row: { feedback_id: string; candidates: number; flagged: number; checked_at: string },
): Promise<boolean> {
  const r = await trx
    .insertInto('feedback_duplicate_checks')
    .values(row)
    .onConflict((oc) => oc.column('feedback_id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}
