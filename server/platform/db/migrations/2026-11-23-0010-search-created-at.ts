import { type Kysely, sql } from 'kysely';
import { columnTypes } from './column-types.js';

// Postgres: each full-text document carries its item's creation time, so a newest-first search can
// combine the text index with a time window (a bitmap AND) and visit only the hits inside it.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  if (!columnTypes(db).postgres) return;
  await sql`alter table feedback_search add column created_at timestamptz`.execute(db);
  await sql`update feedback_search as s set created_at = f.created_at from feedback as f where f.id = s.feedback_id`.execute(
    db,
  );
  await sql`alter table feedback_search alter column created_at set not null`.execute(db);
  await sql`create index feedback_search_created_idx on feedback_search (created_at)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  if (!columnTypes(db).postgres) return;
  await sql`drop index if exists feedback_search_created_idx`.execute(db);
  await sql`alter table feedback_search drop column if exists created_at`.execute(db);
}
