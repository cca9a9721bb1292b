import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { type DialectHelpers, postgresHelpers, sqliteHelpers } from './dialect/index.js';
import { GroupCommitter } from './group-commit.js';
import type { Database } from './schema.js';

export type DatabaseKind = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Every repository function takes either the database or an open transaction first. */
export type DbOrTrx = Db | Trx;

export interface DatabaseHandle {
  kind: DatabaseKind;
  db: Db;
  dialect: DialectHelpers;
  /**
   * Runs `work` in a write transaction and resolves once it is durable. On SQLite concurrent calls
   * share one commit (group commit, see group-commit.ts); on Postgres each is its own transaction.
   */
  write<T>(work: (trx: Trx) => Promise<T>): Promise<T>;
  /** SQLite file path (absolute) when kind is sqlite. */
  file?: string;
  pragmas(): Promise<Record<string, string | number>>;
  close(): Promise<void>;
}

export interface ParsedDatabaseUrl {
  kind: DatabaseKind;
  /** SQLite: absolute file path or ':memory:'; Postgres: the connection string. */
  target: string;
}

export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://'))
    return { kind: 'postgres', target: url };
  if (url.startsWith('sqlite:')) {
    const rest = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!rest) throw new Error('DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/closeloop.db');
    return { kind: 'sqlite', target: rest === ':memory:' ? rest : path.resolve(rest) };
  }
  throw new Error(`DATABASE_URL must start with sqlite: or postgres:// (got "${url.split(':')[0]}:")`);
}

// Both dialects hand timestamps, JSON and counts back as the same JS types: ISO strings, JSON text, numbers.
const PG_TIMESTAMPTZ = 1184;
const PG_TIMESTAMP = 1114;
const PG_JSONB = 3802;
const PG_JSON = 114;
const PG_INT8 = 20;
const PG_NUMERIC = 1700;

function postgresTypes(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === PG_TIMESTAMPTZ || oid === PG_TIMESTAMP)
        return (v: string) => new Date(oid === PG_TIMESTAMP ? `${v}Z` : v).toISOString();
      if (oid === PG_JSONB || oid === PG_JSON) return (v: string) => v;
      if (oid === PG_INT8 || oid === PG_NUMERIC) return (v: string) => Number(v);
      return pg.types.getTypeParser(oid, format ?? 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/** Opens the database named by a DATABASE_URL (sqlite:… or postgres://…). Does not migrate. */
export function openDatabase(url: string, options: { poolSize?: number } = {}): DatabaseHandle {
  const parsed = parseDatabaseUrl(url);
  if (parsed.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: parsed.target,
      max: options.poolSize ?? 10,
      types: postgresTypes(),
    });
    // An idle client whose connection dies (server restart, admin termination) is dropped by the pool and
    // replaced on demand; without a listener the pool's 'error' event would crash the process.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const dialect = postgresHelpers(parsed.target);
    return {
      kind: 'postgres',
      db,
      dialect,
      write: (work) => db.transaction().execute(work),
      async pragmas() {
        const r = await pool.query<{ server_version: string }>('show server_version');
        return { serverVersion: r.rows[0]?.server_version ?? 'unknown' };
      },
      async close() {
        await dialect.close();
        await db.destroy();
      },
    };
  }
  if (parsed.target !== ':memory:') fs.mkdirSync(path.dirname(parsed.target), { recursive: true });
  const sqlite = new SQLite(parsed.target);
  // WAL + synchronous=FULL: an acknowledged commit survives a power loss, not only a process crash.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('mmap_size = 268435456');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const groupCommitter = new GroupCommitter(db);
  const handle: DatabaseHandle = {
    kind: 'sqlite',
    db,
    dialect: sqliteHelpers,
    write: (work) => groupCommitter.run(work),
    async pragmas() {
      return {
        journalMode: String(sqlite.pragma('journal_mode', { simple: true })),
        synchronous: synchronousName(Number(sqlite.pragma('synchronous', { simple: true }))),
        foreignKeys: Number(sqlite.pragma('foreign_keys', { simple: true })),
        sqliteVersion: String(sqlite.prepare('select sqlite_version() as v').pluck().get()),
      };
    },
    close: () => db.destroy(),
  };
  if (parsed.target !== ':memory:') handle.file = parsed.target;
  return handle;
}

/** Prepared statements kept per SQL text: Kysely's SQLite driver prepares every query it runs. */
const STATEMENT_CACHE_SIZE = 1000;

function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare(sqlText: string) {
      let statement = cache.get(sqlText);
      if (statement) {
        // Re-inserted so the map's order is least recently used first.
        cache.delete(sqlText);
      } else {
        statement = sqlite.prepare(sqlText);
        if (cache.size >= STATEMENT_CACHE_SIZE) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
      }
      cache.set(sqlText, statement);
      return statement;
    },
  };
}

function synchronousName(level: number): string {
  return ['OFF', 'NORMAL', 'FULL', 'EXTRA'][level] ?? String(level);
}
