import type { Insertable, Selectable } from 'kysely';
import type { DbOrTrx } from '../../../platform/db/database.js';
import type { WidgetSettingsTable } from './widget.table.js';

export type WidgetSettingsRow = Selectable<WidgetSettingsTable>;

export function findWidgetSettings(db: DbOrTrx): Promise<WidgetSettingsRow | undefined> {
  return db.selectFrom('widget_settings').selectAll().where('id', '=', 'default').executeTakeFirst();
}

export async function upsertWidgetSettings(db: DbOrTrx, row: Insertable<WidgetSettingsTable>): Promise<void> {
  await db
    .insertInto('widget_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        allowed_origins: row.allowed_origins,
        primary_color: row.primary_color,
        language: row.language,
        position: row.position,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}
