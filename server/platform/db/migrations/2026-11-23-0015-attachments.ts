import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  // Files uploaded ahead of a submission or message (two-step upload), claimed once by their token.
  await db.schema
    .createTable('feedback_uploads')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_type', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_id', 'text')
    .addColumn('remote_ip', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('consumed_at', t.timestamp)
    .addColumn('attachment_id', 'text')
    .execute();
  await db.schema
    .createIndex('feedback_uploads_expires_idx')
    .on('feedback_uploads')
    .column('expires_at')
    .execute();
  await db.schema
    .createIndex('feedback_attachments_message_idx')
    .on('feedback_attachments')
    .column('message_id')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('feedback_attachments_message_idx').execute();
  await db.schema.dropTable('feedback_uploads').execute();
}
