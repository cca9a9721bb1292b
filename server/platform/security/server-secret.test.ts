import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import { migrateToLatest } from '../db/migrate.js';
import { MIGRATIONS } from '../db/migrations/index.js';
import { serverSecret, signingKey } from './server-secret.js';

let testDb: TestDatabase | undefined;
afterEach(async () => {
  await testDb?.drop();
  testDb = undefined;
});

const clock = () => new Date('2026-11-23T02:00:00Z');

describe('server secret (platform/security)', () => {
  it('carries the mail threading secret over from mail_settings (migration 0021), so issued tokens keep working', async () => {
    testDb = await createTestDatabase();
    const handle = testDb.open();
    try {
      const names = Object.keys(MIGRATIONS).sort();
      const before = names[names.indexOf('2026-11-23-0021-loop-followups') - 1] ?? '';
      const migrator = new Migrator({
        db: handle.db,
        provider: { getMigrations: async () => MIGRATIONS },
        migrationTableName: 'schema_migrations',
        migrationLockTableName: 'schema_migrations_lock',
      });
      const partial = await migrator.migrateTo(before);
      expect(partial.error).toBeUndefined();
      await handle.db
        .insertInto('mail_settings')
        .values({ id: 'default', token_secret: 'secret-from-before', created_at: '2026-11-01T00:00:00.000Z' })
        .execute();
      await migrateToLatest(handle.db);
      expect(await serverSecret(handle.db, clock)).toBe('secret-from-before');
    } finally {
      await handle.close();
    }
  });

  it('is created once on first use, and derives a different key per purpose', async () => {
    testDb = await createTestDatabase();
    const handle = testDb.open();
    try {
      await migrateToLatest(handle.db);
      const first = await serverSecret(handle.db, clock);
      expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await serverSecret(handle.db, clock)).toBe(first);
      const rows = await handle.db.selectFrom('server_secrets').selectAll().execute();
      expect(rows.map((r) => r.secret)).toEqual([first]);
      const rating = await signingKey(handle.db, clock, 'rating-link');
      const other = await signingKey(handle.db, clock, 'other');
      expect(rating).toHaveLength(32);
      expect(rating.equals(other)).toBe(false);
      expect(rating.equals(await signingKey(handle.db, clock, 'rating-link'))).toBe(true);
    } finally {
      await handle.close();
    }
  });
});
