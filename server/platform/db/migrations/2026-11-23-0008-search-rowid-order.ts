import type { Kysely } from 'kysely';
import { renumberSearchRowids } from '../dialect/sqlite-search-rowid.js';
import type { Database } from '../schema.js';
import { columnTypes } from './column-types.js';

// SQLite: FTS5 rowids follow the list order (created_at, id), so a search reads its newest matches
// straight off the full-text index (see dialect/sqlite-search-rowid.ts). Postgres is unchanged.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema type
export async function up(db: Kysely<any>): Promise<void> {
  if (columnTypes(db).postgres) return;
  await renumberSearchRowids(db as Kysely<Database>);
}

export async function down(): Promise<void> {}
