import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Message templates: admins' overrides of the customer notices and the mail acknowledgement (the defaults
 * stay in the code). Macros: a canned response may carry actions (status, tags, priority) applied with it.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('message_templates')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('message_templates_pk', ['kind', 'channel', 'locale'])
    .execute();

  // JSON text ({ status?, addTags?, priority? }); null: a plain canned response.
  await db.schema.alterTable('canned_responses').addColumn('actions', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('canned_responses').dropColumn('actions').execute();
  await db.schema.dropTable('message_templates').execute();
}
