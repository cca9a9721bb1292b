import type { Insertable, Selectable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/database.js';
import type { NotificationTable } from './notifications.table.js';

export type NotificationRow = Selectable<NotificationTable>;

export async function insertNotifications(db: DbOrTrx, rows: Insertable<NotificationTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('notifications').values(rows).execute();
}

/** A user's notifications, newest first, after an optional (created_at, id) keyset position. */
export function listNotificationRows(
  db: DbOrTrx,
  userId: string,
  options: { unreadOnly: boolean; limit: number; after?: { createdAt: string; id: string } },
): Promise<NotificationRow[]> {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (options.unreadOnly) q = q.where('read_at', 'is', null);
  const after = options.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
}

export async function countUnread(db: DbOrTrx, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks a user's notification read; false when it is not theirs (or does not exist). */
export async function markRead(db: DbOrTrx, userId: string, id: string, at: string): Promise<boolean> {
  const row = await db
    .selectFrom('notifications')
    .select(['id', 'read_at'])
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return false;
  if (row.read_at === null)
    await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).execute();
  return true;
}

export async function markAllRead(db: DbOrTrx, userId: string, at: string): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}

export function findNotification(db: DbOrTrx, id: string): Promise<NotificationRow | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
}
