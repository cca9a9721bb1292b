import { type Kysely, sql } from 'kysely';
import { columnTypes } from './column-types.js';

// SQLite: an agent's own open items by due time. With (assignee, status, due) SQLite reads each status
// range in due order and stops after a page; the (assignee, status, created) index made it sort every
// open item assigned to the agent. (Postgres reads feedback_assignee_due_idx from 0005.)
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  if (columnTypes(db).postgres) return;
  await sql`create index feedback_assignee_status_due_idx
    on feedback (assignee_id, status, resolution_due_at, id)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists feedback_assignee_status_due_idx`.execute(db);
}
