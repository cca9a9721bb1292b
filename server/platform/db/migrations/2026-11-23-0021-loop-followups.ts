import { type Kysely, sql } from 'kysely';
import { columnTypes } from './column-types.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  // One server secret for every signed token (mail threading, rating links); it used to live in
  // mail_settings.token_secret: the existing value is carried over so issued threading tokens keep working.
  await db.schema
    .createTable('server_secrets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await sql`insert into server_secrets (id, secret, created_at)
    select 'default', token_secret, created_at from mail_settings where id = 'default'`.execute(db);

  await db.schema
    .createTable('major_complaint_flags')
    .addColumn('feedback_id', t.id, (c) => c.primaryKey().references('feedback.id').onDelete('cascade'))
    .addColumn('flagged_by', t.id)
    .addColumn('reason', 'text')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('follow_ups')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('feedback_id', t.id, (c) => c.notNull().references('feedback.id').onDelete('cascade'))
    .addColumn('closure_event_id', 'text', (c) => c.notNull())
    .addColumn('closed_at', t.timestamp, (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('assignee_id', t.id)
    .addColumn('department_id', t.id)
    .addColumn('due_at', t.timestamp, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_notified_at', t.timestamp)
    .addColumn('care_measure', 'text')
    .addColumn('satisfied_again', 'integer')
    .addColumn('note', 'text')
    .addColumn('done_by', t.id)
    .addColumn('done_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('follow_ups_closure_idx')
    .on('follow_ups')
    .columns(['feedback_id', 'closure_event_id'])
    .unique()
    .execute();
  await db.schema.createIndex('follow_ups_due_idx').on('follow_ups').columns(['status', 'due_at']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('follow_ups').execute();
  await db.schema.dropTable('major_complaint_flags').execute();
  await db.schema.dropTable('server_secrets').execute();
}
