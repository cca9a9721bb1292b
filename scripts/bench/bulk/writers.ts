import SQLite from 'better-sqlite3';
import pg from 'pg';

export type Row = Record<string, string | number | null>;

/** Multi-row inserts inside explicit transactions, bypassing the per-item commands (benchmark seeding only). */
export interface BulkWriter {
  transaction(fn: () => Promise<void>): Promise<void>;
  insert(table: string, rows: readonly Row[]): Promise<void>;
  /** Writes full-text documents in the product's index format (see platform/db/dialect). */
  indexDocuments(entries: readonly { id: string; document: string; createdAt: string }[]): Promise<void>;
  /**
   * Drops the secondary indexes of these tables (not those behind primary keys or unique constraints) and
   * returns the statements that recreate them exactly: loading first and indexing once is much faster.
   */
  dropSecondaryIndexes(tables: readonly string[]): Promise<string[]>;
  run(statement: string): Promise<void>;
  analyze(): Promise<void>;
  close(): Promise<void>;
}

const list = (tables: readonly string[]) => tables.map((t) => `'${t.replaceAll("'", "''")}'`).join(', ');

export function sqliteWriter(file: string): BulkWriter {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -262144');
  const statements = new Map<string, SQLite.Statement>();
  const statement = (table: string, columns: readonly string[]) => {
    const key = `${table}(${columns.join(',')})`;
    let s = statements.get(key);
    if (!s) {
      s = db.prepare(
        `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
      );
      statements.set(key, s);
    }
    return s;
  };
  return {
    async transaction(fn) {
      db.exec('begin');
      try {
        await fn();
        db.exec('commit');
      } catch (error) {
        db.exec('rollback');
        throw error;
      }
    },
    async insert(table, rows) {
      const first = rows[0];
      if (!first) return;
      const columns = Object.keys(first);
      const s = statement(table, columns);
      for (const row of rows) s.run(columns.map((c) => row[c] ?? null));
    },
    async indexDocuments(entries) {
      // Keyed like the product's indexFeedbackText: FTS rowid = feedback.search_rowid.
      const s = statement('feedback_fts', ['feedback_id', 'content']);
      const link = db.prepare('update feedback set search_rowid = ? where id = ?');
      for (const e of entries) link.run(s.run(e.id, e.document).lastInsertRowid, e.id);
    },
    async dropSecondaryIndexes(tables) {
      const rows = db
        .prepare(
          `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${list(tables)})`,
        )
        .all() as { name: string; sql: string }[];
      for (const row of rows) db.exec(`drop index "${row.name}"`);
      return rows.map((r) => r.sql);
    },
    async run(statement) {
      db.exec(statement);
    },
    async analyze() {
      db.exec('analyze');
    },
    async close() {
      db.close();
    },
  };
}

export async function postgresWriter(url: string): Promise<BulkWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Seeding session only: FK triggers off (the seeder writes consistent rows), no commit flush per batch.
  await client.query(`set session_replication_role = replica`);
  await client.query('set synchronous_commit = off');
  await client.query(`set maintenance_work_mem = '1GB'`);
  const columnTypes = new Map<string, Map<string, string>>();
  const typesOf = async (table: string) => {
    let types = columnTypes.get(table);
    if (!types) {
      const r = await client.query<{ column_name: string; udt_name: string }>(
        `select column_name, udt_name from information_schema.columns where table_schema = 'public' and table_name = $1`,
        [table],
      );
      types = new Map(r.rows.map((c) => [c.column_name, c.udt_name]));
      columnTypes.set(table, types);
    }
    return types;
  };
  return {
    async transaction(fn) {
      await client.query('begin');
      try {
        await fn();
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
    },
    async insert(table, rows) {
      const first = rows[0];
      if (!first) return;
      const columns = Object.keys(first);
      const types = await typesOf(table);
      // One array parameter per column, unnested into rows: no parameter limit, one round trip.
      const casts = columns.map((c, i) => {
        const type = types.get(c);
        if (!type) throw new Error(`${table}.${c} does not exist`);
        return `$${i + 1}::${type}[]`;
      });
      const arrays = columns.map((c) => rows.map((r) => r[c] ?? null));
      await client.query(
        `insert into ${table} (${columns.join(', ')}) select * from unnest(${casts.join(', ')})`,
        arrays,
      );
    },
    async indexDocuments(entries) {
      await client.query(
        `insert into feedback_search (feedback_id, document, created_at)
         select id, to_tsvector('simple', d), c from unnest($1::uuid[], $2::text[], $3::timestamptz[]) as t(id, d, c)`,
        [entries.map((e) => e.id), entries.map((e) => e.document), entries.map((e) => e.createdAt)],
      );
    },
    async dropSecondaryIndexes(tables) {
      const r = await client.query<{ name: string; def: string }>(
        `select i.indexname as name, i.indexdef as def from pg_indexes i
         where i.schemaname = 'public' and i.tablename in (${list(tables)})
           and not exists (select 1 from pg_constraint c where c.conindid = (quote_ident(i.indexname))::regclass)`,
      );
      for (const row of r.rows) await client.query(`drop index "${row.name}"`);
      return r.rows.map((row) => row.def);
    },
    async run(statement) {
      await client.query(statement);
    },
    async analyze() {
      // Steady state after a bulk load: planner statistics, and the visibility map that autovacuum would
      // set in time (index-only scans otherwise visit the heap for every row).
      await client.query('vacuum (analyze)');
    },
    async close() {
      await client.end();
    },
  };
}
