import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorHeaders } from '../../../test/support/actors.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('API keys', () => {
  let t: TestApp;
  let now = Date.parse('2026-11-23T08:00:00Z');
  beforeEach(async () => {
    now = Date.parse('2026-11-23T08:00:00Z');
    t = await createTestApp({ clock: () => new Date(now) });
  });
  afterEach(async () => t.close());

  it('creates a key shown once, authenticates writes without CSRF, and stops working when revoked', async () => {
    const admin = await actorHeaders(t, { role: 'admin' });
    const created = await call<{ data: { id: string; key: string; prefix: string; role: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: admin.headers,
      payload: { name: 'CRM sync', role: 'admin' },
    });
    expect(created.status).toBe(201);
    const { id, key, prefix } = created.body.data;
    expect(key).toMatch(/^clk_[A-Za-z0-9_-]{40,}$/);
    expect(key.startsWith(prefix)).toBe(true);

    const stored = await t.ctx.database.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.key_hash).not.toContain(key);
    expect(stored.key_hash).toMatch(/^[0-9a-f]{64}$/);

    const list = await call<{ data: Record<string, unknown>[] }>(t.app, {
      method: 'GET',
      url: '/api/v1/api-keys',
      headers: admin.headers,
    });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(list.body.data.map((k) => k.id)).toContain(id);

    const bearer = { authorization: `Bearer ${key}` };
    const write = await call(t.app, {
      method: 'POST',
      url: '/api/v1/departments',
      headers: bearer,
      payload: { code: 'tech_support', nameZh: '技术支持', nameEn: 'Technical support' },
    });
    expect(write.status).toBe(201);
    const used = await t.ctx.database.db
      .selectFrom('api_keys')
      .select('last_used_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(used.last_used_at).toBe(new Date(now).toISOString());

    const revoke = await call(t.app, {
      method: 'DELETE',
      url: `/api/v1/api-keys/${id}`,
      headers: admin.headers,
    });
    expect(revoke.status).toBe(204);
    const after = await call<{ error: { code: string } }>(t.app, {
      method: 'GET',
      url: '/api/v1/departments',
      headers: bearer,
    });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('invalid_api_key');
  });

  it('answers 401 invalid_api_key for an unknown key, even on a route anyone may call', async () => {
    for (const token of ['clk_not-a-real-key', 'something-else']) {
      const res = await call<{ error: { code: string } }>(t.app, {
        method: 'GET',
        url: '/api/v1/departments',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_api_key');
    }
  });

  it('updates last_used_at at most once a minute', async () => {
    const { headers } = await actorHeaders(t, { role: 'agent', via: 'api_key' });
    const lastUsed = async () =>
      (await t.ctx.database.db.selectFrom('api_keys').select('last_used_at').executeTakeFirstOrThrow())
        .last_used_at;
    const get = () => call(t.app, { method: 'GET', url: '/api/v1/departments', headers });
    expect((await get()).status).toBe(200);
    const first = await lastUsed();
    now += 30_000;
    await get();
    expect(await lastUsed()).toBe(first);
    now += 31_000;
    await get();
    expect(await lastUsed()).toBe(new Date(now).toISOString());
  });

  it('is for admins only', async () => {
    const agent = await actorHeaders(t, { role: 'agent' });
    const res = await call<{ error: { code: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: agent.headers,
      payload: { name: 'x', role: 'admin' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(await t.ctx.database.db.selectFrom('api_keys').selectAll().execute()).toHaveLength(0);
  });
});
