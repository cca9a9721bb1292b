import { type ColumnDataType, type Expression, type Kysely, PostgresAdapter, sql } from 'kysely';

/** Column types that differ between the dialects, so one migration serves both. */
export interface ColumnTypes {
  postgres: boolean;
  id: ColumnDataType;
  timestamp: ColumnDataType;
  json: ColumnDataType | Expression<unknown>;
  real: ColumnDataType;
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and must not depend on today's schema type
export function columnTypes(db: Kysely<any>): ColumnTypes {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    postgres,
    id: postgres ? 'uuid' : 'text',
    timestamp: postgres ? 'timestamptz' : 'text',
    json: postgres ? sql`jsonb` : 'text',
    real: postgres ? 'double precision' : 'real',
  };
}
