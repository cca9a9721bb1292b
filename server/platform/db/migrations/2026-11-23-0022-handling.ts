import type { Kysely } from 'kysely';
import { columnTypes } from './column-types.js';

/**
 * Handling: canned responses (bilingual, optionally per department), sub-tasks of an item for another
 * department, and read-only shares (the department of a sub-task sees the parent without changing it).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable('canned_responses')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('body_zh', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('department_id', t.id, (c) => c.references('departments.id').onDelete('cascade'))
    .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('canned_responses_department_idx')
    .on('canned_responses')
    .columns(['department_id'])
    .execute();

  await db.schema
    .createTable('feedback_subtasks')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('feedback_id', t.id, (c) => c.notNull().references('feedback.id').onDelete('cascade'))
    .addColumn('department_id', t.id, (c) => c.notNull().references('departments.id'))
    .addColumn('assignee_id', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('closed_at', t.timestamp)
    .execute();
  await db.schema
    .createIndex('feedback_subtasks_feedback_idx')
    .on('feedback_subtasks')
    .columns(['feedback_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('feedback_subtasks_department_idx')
    .on('feedback_subtasks')
    .columns(['department_id', 'status', 'created_at'])
    .execute();

  await db.schema
    .alterTable('feedback_shares')
    .addColumn('access', 'text', (c) => c.notNull().defaultTo('collaborate'))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('feedback_shares').dropColumn('access').execute();
  await db.schema.dropTable('feedback_subtasks').execute();
  await db.schema.dropTable('canned_responses').execute();
}
