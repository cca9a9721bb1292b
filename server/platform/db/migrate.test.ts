import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { migrateToLatest, migrationState } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

let testDb: TestDatabase | undefined;
afterEach(async () => {
  await testDb?.drop();
  testDb = undefined;
});

describe('migrations', () => {
  it('apply from an empty database, then report nothing pending', async () => {
    testDb = await createTestDatabase();
    const handle = testDb.open();
    try {
      const before = await migrationState(handle.db);
      expect(before.applied).toEqual([]);
      expect(before.pending).toEqual(Object.keys(MIGRATIONS));
      const applied = await migrateToLatest(handle.db);
      expect(applied).toEqual(Object.keys(MIGRATIONS));
      const after = await migrationState(handle.db);
      expect(after.pending).toEqual([]);
      expect(await migrateToLatest(handle.db)).toEqual([]);
      const tables = await handle.db.introspection.getTables();
      const names = tables.map((t) => t.name);
      for (const table of [
        'feedback',
        'feedback_events',
        'users',
        'customers',
        'outbox',
        'jobs',
        'audit_log',
      ]) {
        expect(names).toContain(table);
      }
    } finally {
      await handle.close();
    }
  });

  it('open SQLite in WAL mode with synchronous=FULL and foreign keys on', async () => {
    testDb = await createTestDatabase();
    const handle = testDb.open();
    try {
      await migrateToLatest(handle.db);
      const pragmas = await handle.pragmas();
      if (handle.kind === 'sqlite') {
        expect(pragmas).toMatchObject({ journalMode: 'wal', synchronous: 'FULL', foreignKeys: 1 });
      } else {
        expect(String(pragmas.serverVersion)).toMatch(/^\d+/);
      }
      // Foreign keys are enforced on both databases.
      const at = new Date().toISOString();
      await expect(
        handle.db
          .insertInto('customer_identities')
          .values({
            id: '018f0000-0000-7000-8000-000000000001',
            customer_id: '018f0000-0000-7000-8000-000000000002',
            kind: 'email',
            value: 'x@example.com',
            verified: 0,
            created_at: at,
          })
          .execute(),
      ).rejects.toThrow();
    } finally {
      await handle.close();
    }
  });

  it('return timestamps as ISO strings and JSON as text on both databases', async () => {
    testDb = await createTestDatabase();
    const handle = testDb.open();
    try {
      await migrateToLatest(handle.db);
      const at = '2026-11-23T01:02:03.456Z';
      await handle.db
        .insertInto('outbox')
        .values({
          id: '018f0000-0000-7000-8000-0000000000aa',
          type: 't',
          aggregate_type: 'a',
          aggregate_id: 'x',
          payload: JSON.stringify({ a: 1, 中文: '是' }),
          created_at: at,
          dispatched_at: null,
        })
        .execute();
      const row = await handle.db.selectFrom('outbox').selectAll().executeTakeFirstOrThrow();
      expect(row.created_at).toBe(at);
      expect(JSON.parse(row.payload)).toEqual({ a: 1, 中文: '是' });
      const count = await handle.db
        .selectFrom('outbox')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      expect(count.n).toBe(1);
    } finally {
      await handle.close();
    }
  });
});
