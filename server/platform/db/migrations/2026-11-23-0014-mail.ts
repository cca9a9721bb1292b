import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable('mail_mailboxes')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('tls', 'integer', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password', 'text', (c) => c.notNull())
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('uid_validity', 'text')
    .addColumn('last_uid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_polled_at', t.timestamp)
    .addColumn('last_error', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mail_inbound')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('message_key', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text')
    .addColumn('references', 'text')
    .addColumn('from_address', 'text')
    .addColumn('subject', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('submission_id', t.id)
    .addColumn('feedback_id', t.id, (c) => c.references('feedback.id').onDelete('set null'))
    .addColumn('feedback_message_id', t.id)
    .addColumn('received_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mail_inbound_source_key_idx')
    .on('mail_inbound')
    .columns(['source', 'message_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('mail_inbound_feedback_idx')
    .on('mail_inbound')
    .columns(['feedback_id', 'received_at'])
    .execute();

  await db.schema
    .createTable('mail_outbound')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('feedback_id', t.id, (c) => c.references('feedback.id').onDelete('set null'))
    .addColumn('to_address', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('reply_to', 'text')
    .addColumn('in_reply_to', 'text')
    .addColumn('references', 'text')
    .addColumn('auto_submitted', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', t.timestamp)
    .addColumn('sent_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mail_outbound_purpose_ref_idx')
    .on('mail_outbound')
    .columns(['purpose', 'ref_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('mail_outbound_feedback_idx')
    .on('mail_outbound')
    .columns(['feedback_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('mail_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_secret', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_settings').execute();
  await db.schema.dropTable('mail_outbound').execute();
  await db.schema.dropTable('mail_inbound').execute();
  await db.schema.dropTable('mail_mailboxes').execute();
}
