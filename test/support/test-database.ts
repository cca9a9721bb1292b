import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../server/platform/db/database.js';

export type TestDbKind = 'sqlite' | 'postgres';

/** Which database this test run targets (vitest project sets DB). */
export function testDbKind(): TestDbKind {
  return process.env.DB === 'postgres' ? 'postgres' : 'sqlite';
}

export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  kind: TestDbKind;
  url: string;
  open(options?: { poolSize?: number }): DatabaseHandle;
  drop(): Promise<void>;
}

/** A brand-new, empty database: a temp SQLite file, or a fresh Postgres database on the local server. */
export async function createTestDatabase(kind: TestDbKind = testDbKind()): Promise<TestDatabase> {
  const name = `cl_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-test-'));
    const url = `sqlite:${path.join(dir, `${name}.db`)}`;
    return {
      kind,
      url,
      open: () => openDatabase(url),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    open: (options) => openDatabase(url.toString(), options),
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
