import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type BenchDbKind = 'sqlite' | 'postgres';

export const POSTGRES_ADMIN_URL =
  process.env.BENCH_POSTGRES_URL ??
  process.env.TEST_POSTGRES_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  kind: BenchDbKind;
  url: string;
  /** SQLite file path, for size reports. */
  file?: string;
  /** Size on disk in bytes (SQLite: file + WAL; Postgres: pg_database_size). */
  size(): Promise<number>;
  drop(): Promise<void>;
}

/** True when a Postgres server answers on the admin URL within a few seconds. */
export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function adminQuery(text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** A brand-new empty database: a SQLite file in a temp dir, or a fresh database on the local Postgres. */
export async function createBenchDatabase(kind: BenchDbKind, label: string): Promise<BenchDatabase> {
  const name = `cl_bench_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-bench-'));
    const file = path.join(dir, `${name}.db`);
    return {
      kind,
      url: `sqlite:${file}`,
      file,
      async size() {
        return ['', '-wal'].reduce((sum, suffix) => {
          const f = `${file}${suffix}`;
          return sum + (fs.existsSync(f) ? fs.statSync(f).size : 0);
        }, 0);
      },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  await adminQuery(`create database ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    async size() {
      const r = await adminQuery(`select pg_database_size('${name}') as size`);
      return Number((r.rows[0] as { size: string } | undefined)?.size ?? 0);
    },
    drop: async () => {
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}
