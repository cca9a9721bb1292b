import { type Kysely, sql } from 'kysely';
import { columnTypes } from './column-types.js';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);

  // A scoped inbox reads each visibility branch (own department, own assignments) off its own index in
  // keyset order and merges the tops, instead of sorting every visible item for each page.
  const indexes: [string, string[]][] = [
    ['feedback_department_created_idx', ['department_id', 'created_at', 'id']],
    ['feedback_assignee_created_idx', ['assignee_id', 'created_at', 'id']],
  ];
  // Due order is ascending with nulls last: Postgres reads that straight off an index; SQLite cannot
  // (nulls sort first in its indexes), and there such an index only lured the planner away from the
  // (department, status, due) one.
  if (t.postgres) {
    indexes.push(['feedback_department_due_idx', ['department_id', 'resolution_due_at', 'id']]);
    indexes.push(['feedback_assignee_due_idx', ['assignee_id', 'resolution_due_at', 'id']]);
  }
  for (const [name, columns] of indexes) {
    await db.schema.createIndex(name).on('feedback').columns(columns).execute();
  }

  if (!t.postgres) {
    // The FTS5 row of an item is keyed by its rowid (= feedback.search_rowid): replacing a document
    // and matching are rowid lookups, where the unindexed feedback_id column needed a full scan.
    await db.schema.alterTable('feedback').addColumn('search_rowid', 'integer').execute();
    await sql`update feedback set search_rowid = f.rowid
      from (select rowid, feedback_id from feedback_fts) as f
      where f.feedback_id = feedback.id`.execute(db);
    await db.schema
      .createIndex('feedback_search_rowid_uq')
      .on('feedback')
      .column('search_rowid')
      .unique()
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  const t = columnTypes(db);
  if (!t.postgres) {
    await sql`drop index if exists feedback_search_rowid_uq`.execute(db);
    await db.schema.alterTable('feedback').dropColumn('search_rowid').execute();
  }
  for (const name of [
    'feedback_department_created_idx',
    'feedback_assignee_created_idx',
    'feedback_department_due_idx',
    'feedback_assignee_due_idx',
  ]) {
    await sql`drop index if exists ${sql.ref(name)}`.execute(db);
  }
}
