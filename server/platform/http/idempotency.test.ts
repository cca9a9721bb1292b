import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import type { DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import {
  canonicalJson,
  idempotencyScope,
  parseIdempotencyKey,
  requestHash,
  runIdempotent,
} from './idempotency.js';

describe('idempotency helpers', () => {
  it('accepts 1–255 visible ASCII characters as a key', () => {
    expect(parseIdempotencyKey(undefined)).toBeNull();
    expect(parseIdempotencyKey('abc-123_XYZ:~!')).toBe('abc-123_XYZ:~!');
    expect(parseIdempotencyKey('k'.repeat(255))).toHaveLength(255);
    for (const bad of ['', ' ', 'a b', 'k'.repeat(256), '幂等', 'a\u0000', ['a', 'b']]) {
      expect(() => parseIdempotencyKey(bad), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ code: 'idempotency_key_invalid', status: 400 }),
      );
    }
  });

  it('hashes equal bodies equally whatever their key order', () => {
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null, u: undefined })).toBe(
      '{"a":null,"b":[1,{"c":2,"d":1}]}',
    );
    expect(requestHash({ x: 1, y: '转账' })).toBe(requestHash({ y: '转账', x: 1 }));
    expect(requestHash({ x: 1 })).not.toBe(requestHash({ x: 2 }));
  });

  it('scopes keys by actor and route', () => {
    const actor = {
      type: 'api_key' as const,
      id: 'k1',
      role: 'agent' as const,
      departmentId: null,
      name: 'k',
    };
    expect(idempotencyScope(actor, 'POST /a')).not.toBe(idempotencyScope({ ...actor, id: 'k2' }, 'POST /a'));
    expect(idempotencyScope(actor, 'POST /a')).not.toBe(idempotencyScope(actor, 'POST /b'));
    expect(idempotencyScope(null, 'POST /a', 'ip:1.2.3.4')).toBe('ip:1.2.3.4 POST /a');
  });
});

describe('runIdempotent on the database', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase();
    handle = database.open();
    await migrateToLatest(handle.db);
  });
  afterAll(async () => {
    await handle.close();
    await database.drop();
  });

  const at = '2026-11-23T00:00:00.000Z';
  let runs = 0;
  const work = (label: string) => async (trx: Parameters<Parameters<typeof runIdempotent>[2]>[0]) => {
    runs++;
    await trx
      .insertInto('tags')
      .values({ path: label, parent_path: null, name: label, label_en: null, created_at: at })
      .execute();
    return { statusCode: 201, body: { created: label }, resourceId: label };
  };

  it('runs the work once for concurrent calls with one key and replays the stored response', async () => {
    runs = 0;
    const results = await Promise.all(
      Array.from({ length: 15 }, () =>
        runIdempotent(handle, { key: 'k-1', scope: 's', body: { a: 1 }, at }, work('once')),
      ),
    );
    expect(runs).toBe(1);
    expect(results.filter((r) => !r.replayed)).toEqual([
      { statusCode: 201, body: { created: 'once' }, replayed: false },
    ]);
    for (const r of results.filter((x) => x.replayed))
      expect(r).toEqual({ statusCode: 200, body: { created: 'once' }, replayed: true });
    const row = await handle.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('key', '=', 'k-1')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ scope: 's', status_code: 201, resource_id: 'once' });
  });

  it('refuses the same key with another body, and forgets keys whose work failed', async () => {
    await expect(
      runIdempotent(handle, { key: 'k-1', scope: 's', body: { a: 2 }, at }, work('never')),
    ).rejects.toMatchObject({ code: 'idempotency_key_reused', status: 422 });
    // Same key, another scope: independent.
    const other = await runIdempotent(
      handle,
      { key: 'k-1', scope: 's2', body: { a: 2 }, at },
      work('other-scope'),
    );
    expect(other.replayed).toBe(false);
    await expect(
      runIdempotent(handle, { key: 'k-fail', scope: 's', body: {}, at }, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const retried = await runIdempotent(
      handle,
      { key: 'k-fail', scope: 's', body: {}, at },
      work('after-failure'),
    );
    expect(retried).toMatchObject({ statusCode: 201, replayed: false });
  });

  it('just runs the work in a transaction without a key', async () => {
    runs = 0;
    await runIdempotent(handle, { key: null, scope: 's', body: {}, at }, work('no-key-1'));
    await runIdempotent(handle, { key: null, scope: 's', body: {}, at }, work('no-key-2'));
    expect(runs).toBe(2);
  });
});
