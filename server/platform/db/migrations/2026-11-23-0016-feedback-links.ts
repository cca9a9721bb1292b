import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  // One row per direction: a link between A and B is (A, B) and (B, A).
  await db.schema
    .createTable('feedback_links')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('feedback_id', t.id, (c) => c.notNull().references('feedback.id').onDelete('cascade'))
    .addColumn('related_id', t.id, (c) => c.notNull().references('feedback.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('score', t.real)
    .addColumn('reason', 'text')
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('feedback_links_pair_kind_idx')
    .on('feedback_links')
    .columns(['feedback_id', 'related_id', 'kind'])
    .unique()
    .execute();
  await db.schema
    .createIndex('feedback_links_related_idx')
    .on('feedback_links')
    .column('related_id')
    .execute();

  // One row per item once duplicate detection ran for it, so a redelivered job does nothing.
  // (The same customer's recent items are found through feedback_customer_idx of migration 0001.)
  await db.schema
    .createTable('feedback_duplicate_checks')
    .addColumn('feedback_id', t.id, (c) => c.primaryKey().references('feedback.id').onDelete('cascade'))
    .addColumn('candidates', 'integer', (c) => c.notNull())
    .addColumn('flagged', 'integer', (c) => c.notNull())
    .addColumn('checked_at', t.timestamp, (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('feedback_duplicate_checks').execute();
  await db.schema.dropTable('feedback_links').execute();
}
