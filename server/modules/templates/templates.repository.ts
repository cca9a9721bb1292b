import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/database.js';
import type { MessageTemplateTable } from './templates.table.js';

export type MessageTemplateRow = Selectable<MessageTemplateTable>;

export async function listOverrides(db: DbOrTrx): Promise<MessageTemplateRow[]> {
  return db.selectFrom('message_templates').selectAll().execute();
}

/** The overrides of one kind on one channel (zero, one or two languages). */
export async function overridesOf(db: DbOrTrx, kind: string, channel: string): Promise<MessageTemplateRow[]> {
  return db
    .selectFrom('message_templates')
    .selectAll()
    .where('kind', '=', kind)
    .where('channel', '=', channel)
    .execute();
}

export async function findOverride(
  db: DbOrTrx,
  key: { kind: string; channel: string; locale: string },
): Promise<MessageTemplateRow | undefined> {
  return db
    .selectFrom('message_templates')
    .selectAll()
    .where('kind', '=', key.kind)
    .where('channel', '=', key.channel)
    .where('locale', '=', key.locale)
    .executeTakeFirst();
}

/** Saves an override (insert, or replace the one of the same kind, channel and language). */
export async function upsertOverride(db: DbOrTrx, row: MessageTemplateRow): Promise<void> {
  await db
    .insertInto('message_templates')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['kind', 'channel', 'locale']).doUpdateSet({
        subject: row.subject,
        body: row.body,
        updated_by: row.updated_by,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function deleteOverride(
  db: DbOrTrx,
  key: { kind: string; channel: string; locale: string },
): Promise<boolean> {
  const res = await db
    .deleteFrom('message_templates')
    .where('kind', '=', key.kind)
    .where('channel', '=', key.channel)
    .where('locale', '=', key.locale)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
