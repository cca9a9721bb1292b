import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('intake_sources')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('signature_header', 'text', (c) => c.notNull())
    .addColumn('timestamp_header', 'text')
    .addColumn('tolerance_seconds', 'integer', (c) => c.notNull())
    .addColumn('mapping', t.json, (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('intake_submissions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', t.id, (c) => c.references('intake_sources.id').onDelete('set null'))
    .addColumn('received_at', t.timestamp, (c) => c.notNull())
    .addColumn('content_type', 'text')
    .addColumn('payload', 'text')
    .addColumn('payload_encoding', 'text', (c) => c.notNull().defaultTo('utf8'))
    .addColumn('remote_ip', 'text')
    .addColumn('feedback_id', t.id, (c) => c.references('feedback.id').onDelete('set null'))
    .addColumn('customer_id', t.id)
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('actor_type', 'text')
    .addColumn('actor_id', 'text')
    .execute();
  await db.schema
    .createIndex('intake_submissions_feedback_idx')
    .on('intake_submissions')
    .columns(['feedback_id', 'received_at'])
    .execute();
  await db.schema
    .createIndex('intake_submissions_customer_idx')
    .on('intake_submissions')
    .column('customer_id')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('intake_submissions').execute();
  await db.schema.dropTable('intake_sources').execute();
}
