import { type Kysely, sql } from 'kysely';
import { columnTypes } from './column-types.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  // Every tag path of an item with all its ancestors ("服务/排队时间" also files the item under "服务"),
  // next to the item's creation time: a subtree filter is one equality, and the newest items of a tag
  // come straight off the (path, created_at, feedback_id) index without sorting the whole subtree.
  await db.schema
    .createTable('feedback_tag_paths')
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('feedback_id', t.id, (c) => c.notNull().references('feedback.id').onDelete('cascade'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_tag_paths_pk', ['path', 'feedback_id'])
    .execute();
  await db.schema
    .createIndex('feedback_tag_paths_recent_idx')
    .on('feedback_tag_paths')
    .columns(['path', 'created_at', 'feedback_id'])
    .execute();
  await db.schema
    .createIndex('feedback_tag_paths_feedback_idx')
    .on('feedback_tag_paths')
    .column('feedback_id')
    .execute();

  const rows = await db
    .selectFrom('feedback_tags')
    .innerJoin('feedback', 'feedback.id', 'feedback_tags.feedback_id')
    .select([
      'feedback_tags.feedback_id as feedbackId',
      'feedback_tags.tag as tag',
      'feedback.created_at as createdAt',
    ])
    .execute();
  const seen = new Set<string>();
  const values: { path: string; feedback_id: string; created_at: string }[] = [];
  for (const row of rows as { feedbackId: string; tag: string; createdAt: string }[]) {
    const levels = row.tag.split('/');
    for (let i = 1; i <= levels.length; i++) {
      const path = levels.slice(0, i).join('/');
      const key = `${row.feedbackId}\u0000${path}`;
      if (seen.has(key)) continue;
      seen.add(key);
      values.push({ path, feedback_id: row.feedbackId, created_at: row.createdAt });
    }
  }
  for (let i = 0; i < values.length; i += 500) {
    await db
      .insertInto('feedback_tag_paths')
      .values(values.slice(i, i + 500))
      .execute();
  }

  if (t.postgres) {
    // The open queue of a department by SLA due: Postgres 15 cannot read several status ranges of the
    // (department, status, due) index in due order, so it sorted every open item; this partial index
    // is already in due order. (SQLite stops early on the IN ranges of the existing index.)
    await sql`create index feedback_open_department_due_idx on feedback (department_id, resolution_due_at, id)
      where status in ('received', 'in_progress', 'reopened')`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists feedback_open_department_due_idx`.execute(db);
  await db.schema.dropTable('feedback_tag_paths').ifExists().execute();
}
