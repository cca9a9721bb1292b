import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/database.js';
import type {
  WebhookAttemptTable,
  WebhookDeliveryTable,
  WebhookSettingsTable,
  WebhookSubscriptionTable,
} from './webhooks.table.js';

export type SubscriptionRow = Selectable<WebhookSubscriptionTable>;
export type DeliveryRow = Selectable<WebhookDeliveryTable>;
export type AttemptRow = Selectable<WebhookAttemptTable>;
export type SettingsRow = Selectable<WebhookSettingsTable>;

export async function insertSubscription(db: DbOrTrx, row: Insertable<WebhookSubscriptionTable>) {
  await db.insertInto('webhook_subscriptions').values(row).execute();
}

export function findSubscription(db: DbOrTrx, id: string): Promise<SubscriptionRow | undefined> {
  return db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listSubscriptions(db: DbOrTrx): Promise<SubscriptionRow[]> {
  return db.selectFrom('webhook_subscriptions').selectAll().orderBy('created_at').orderBy('id').execute();
}

export function listActiveSubscriptions(db: DbOrTrx): Promise<SubscriptionRow[]> {
  return db.selectFrom('webhook_subscriptions').selectAll().where('active', '=', 1).orderBy('id').execute();
}

export async function updateSubscription(
  db: DbOrTrx,
  id: string,
  changes: Updateable<WebhookSubscriptionTable>,
): Promise<void> {
  await db.updateTable('webhook_subscriptions').set(changes).where('id', '=', id).execute();
}

export async function deleteSubscription(db: DbOrTrx, id: string): Promise<boolean> {
  const result = await db.deleteFrom('webhook_subscriptions').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Adds 1 to the failure count and returns the new count. */
export async function incrementFailures(db: DbOrTrx, id: string, at: string): Promise<number> {
  await db
    .updateTable('webhook_subscriptions')
    .set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .execute();
  const row = await db
    .selectFrom('webhook_subscriptions')
    .select('consecutive_failures')
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(row?.consecutive_failures ?? 0);
}

/** Inserts a delivery unless one exists for this event and subscription; true when inserted. */
export async function insertDeliveryOnce(
  db: DbOrTrx,
  row: Insertable<WebhookDeliveryTable>,
): Promise<boolean> {
  const result = await db
    .insertInto('webhook_deliveries')
    .values(row)
    .onConflict((oc) => oc.columns(['event_id', 'subscription_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function findDelivery(db: DbOrTrx, id: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateDelivery(
  db: DbOrTrx,
  id: string,
  changes: Updateable<WebhookDeliveryTable>,
): Promise<void> {
  await db.updateTable('webhook_deliveries').set(changes).where('id', '=', id).execute();
}

/** Newest first, keyset by id (UUIDv7, so by creation). */
export function listDeliveries(
  db: DbOrTrx,
  subscriptionId: string,
  options: { limit: number; before?: string },
): Promise<DeliveryRow[]> {
  let query = db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .orderBy('id', 'desc')
    .limit(options.limit);
  if (options.before) query = query.where('id', '<', options.before);
  return query.execute();
}

export async function insertAttempt(db: DbOrTrx, row: Insertable<WebhookAttemptTable>): Promise<void> {
  await db.insertInto('webhook_attempts').values(row).execute();
}

export function listAttempts(db: DbOrTrx, deliveryIds: string[]): Promise<AttemptRow[]> {
  if (deliveryIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('delivery_id', 'in', deliveryIds)
    .orderBy('delivery_id')
    .orderBy('attempt')
    .execute();
}

export function findSettings(db: DbOrTrx): Promise<SettingsRow | undefined> {
  return db.selectFrom('webhook_settings').selectAll().where('id', '=', 'default').executeTakeFirst();
}

export async function upsertSettings(db: DbOrTrx, row: Insertable<WebhookSettingsTable>): Promise<void> {
  await db
    .insertInto('webhook_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        allow_private_destinations: row.allow_private_destinations,
        max_consecutive_failures: row.max_consecutive_failures,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

/** Active administrators, who are told when a subscription is disabled (identity exports no such query). */
export async function findActiveAdminIds(db: DbOrTrx): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
