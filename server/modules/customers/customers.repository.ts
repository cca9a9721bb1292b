import { type Expression, type Selectable, type SqlBool, sql } from 'kysely';
import type { CustomerTier, IdentityKind } from '../../../shared/enums.js';
import type { DbOrTrx } from '../../platform/db/database.js';
import type { CustomerIdentityTable, CustomerTable } from './customers.table.js';

export type CustomerRow = Selectable<CustomerTable>;
export type IdentityRow = Selectable<CustomerIdentityTable>;

export interface IdentityKey {
  kind: IdentityKind;
  value: string;
}

export function findCustomerById(db: DbOrTrx, id: string): Promise<CustomerRow | undefined> {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCustomersByIds(db: DbOrTrx, ids: string[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('customers').selectAll().where('id', 'in', ids).execute();
}

export function insertCustomer(
  db: DbOrTrx,
  row: Pick<CustomerRow, 'id' | 'name' | 'tier' | 'locale' | 'notes' | 'created_at'>,
): Promise<unknown> {
  return db
    .insertInto('customers')
    .values({
      ...row,
      feedback_count: 0,
      last_feedback_at: null,
      updated_at: row.created_at,
      erased_at: null,
    })
    .execute();
}

export async function updateCustomer(
  db: DbOrTrx,
  id: string,
  patch: Partial<Pick<CustomerRow, 'name' | 'tier' | 'locale' | 'notes' | 'erased_at'>> & {
    updated_at: string;
  },
): Promise<void> {
  await db.updateTable('customers').set(patch).where('id', '=', id).execute();
}

export async function deleteCustomer(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('customers').where('id', '=', id).execute();
}

export async function setFeedbackStats(
  db: DbOrTrx,
  id: string,
  stats: { count: number; lastFeedbackAt: string | null },
): Promise<void> {
  await db
    .updateTable('customers')
    .set({ feedback_count: stats.count, last_feedback_at: stats.lastFeedbackAt })
    .where('id', '=', id)
    .execute();
}

export function findIdentitiesOf(db: DbOrTrx, customerIds: string[]): Promise<IdentityRow[]> {
  if (customerIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('customer_identities')
    .selectAll()
    .where('customer_id', 'in', customerIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Existing identities matching any of the keys (at most one row per key: (kind, value) is unique). */
export function findIdentitiesByKeys(db: DbOrTrx, keys: IdentityKey[]): Promise<IdentityRow[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('customer_identities')
    .selectAll()
    .where((eb) => eb.or(keys.map((k) => eb.and([eb('kind', '=', k.kind), eb('value', '=', k.value)]))))
    .execute();
}

/**
 * Inserts the identity unless (kind, value) already exists. Uses ON CONFLICT DO NOTHING rather than
 * catching a unique violation, because a failed statement aborts a whole Postgres transaction.
 * Returns true when this call inserted it.
 */
export async function insertIdentityIfFree(
  db: DbOrTrx,
  row: Pick<IdentityRow, 'id' | 'customer_id' | 'kind' | 'value' | 'created_at'>,
): Promise<boolean> {
  const inserted = await db
    .insertInto('customer_identities')
    .values({ ...row, verified: 0 })
    .onConflict((oc) => oc.columns(['kind', 'value']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export function findIdentity(
  db: DbOrTrx,
  customerId: string,
  identityId: string,
): Promise<IdentityRow | undefined> {
  return db
    .selectFrom('customer_identities')
    .selectAll()
    .where('id', '=', identityId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
}

export async function deleteIdentity(db: DbOrTrx, identityId: string): Promise<void> {
  await db.deleteFrom('customer_identities').where('id', '=', identityId).execute();
}

export async function deleteIdentitiesOf(db: DbOrTrx, customerId: string): Promise<number> {
  const result = await db.deleteFrom('customer_identities').where('customer_id', '=', customerId).execute();
  return result.reduce((n, r) => n + Number(r.numDeletedRows), 0);
}

export interface CustomerSearch {
  /** LIKE pattern (already escaped with "\") matched case-insensitively against the name. */
  namePattern?: string;
  /** LIKE patterns (escaped) matched against normalised identity values. */
  identityPatterns?: string[];
  tier?: CustomerTier;
  /** Keyset: rows strictly after this (created_at, id) in newest-first order. */
  after?: { createdAt: string; id: string };
  limit: number;
}

export function searchCustomers(db: DbOrTrx, search: CustomerSearch): Promise<CustomerRow[]> {
  let query = db.selectFrom('customers').selectAll();
  if (search.tier) query = query.where('tier', '=', search.tier);
  const { namePattern, identityPatterns = [], after } = search;
  if (namePattern !== undefined || identityPatterns.length > 0) {
    query = query.where((eb) => {
      const anyOf: Expression<SqlBool>[] = [];
      if (namePattern !== undefined)
        anyOf.push(sql<SqlBool>`lower(name) like lower(${namePattern}) escape '\\'`);
      if (identityPatterns.length > 0) {
        const owners = eb
          .selectFrom('customer_identities')
          .select('customer_id')
          .where((ib) => ib.or(identityPatterns.map((p) => sql<SqlBool>`value like ${p} escape '\\'`)));
        anyOf.push(eb('id', 'in', owners));
      }
      return eb.or(anyOf);
    });
  }
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(search.limit).execute();
}

/** Escapes LIKE wildcards so user text matches literally (used with `escape '\'`). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
