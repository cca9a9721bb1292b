import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorHeaders } from '../../../test/support/actors.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

interface AuditPage {
  data: { id: string; action: string; entityType: string; actorId: string | null; createdAt: string }[];
  nextCursor: string | null;
}

describe('audit log', () => {
  let t: TestApp;
  let now = Date.parse('2026-11-23T08:00:00Z');
  beforeEach(async () => {
    now = Date.parse('2026-11-23T08:00:00Z');
    // Every reading of the clock is one second later, so entries have distinct, ordered times.
    const tick = () => {
      now += 1000;
      return new Date(now);
    };
    t = await createTestApp({ clock: tick });
  });
  afterEach(async () => t.close());

  it('records logins, logouts and admin writes, filterable and paged newest first', async () => {
    const admin = await actorHeaders(t, { role: 'admin' });
    for (const code of ['d1', 'd2', 'd3']) {
      const res = await call(t.app, {
        method: 'POST',
        url: '/api/v1/departments',
        headers: admin.headers,
        payload: { code, nameZh: `部门${code}`, nameEn: `Dept ${code}` },
      });
      expect(res.status).toBe(201);
    }
    const get = (query: string) =>
      call<AuditPage>(t.app, { method: 'GET', url: `/api/v1/audit-log?${query}`, headers: admin.headers });

    const all = await get('limit=200');
    expect(all.status).toBe(200);
    const actions = all.body.data.map((e) => e.action);
    expect(actions).toContain('auth.login');
    expect(actions).toContain('user.created');
    expect(actions.filter((a) => a === 'department.created')).toHaveLength(3);

    const byType = await get('entityType=department&limit=2');
    expect(byType.body.data.map((e) => e.action)).toEqual(['department.created', 'department.created']);
    expect(byType.body.nextCursor).not.toBeNull();
    const next = await get(`entityType=department&limit=2&cursor=${byType.body.nextCursor}`);
    expect(next.body.data).toHaveLength(1);
    expect(next.body.nextCursor).toBeNull();
    const ids = [...byType.body.data, ...next.body.data].map((e) => e.id);
    expect(new Set(ids).size).toBe(3);

    const byActor = await get(`actorId=${admin.userId}&action=auth.login`);
    expect(byActor.body.data).toHaveLength(1);

    const first = byType.body.data[1]?.createdAt ?? '';
    const window = await get(`entityType=department&from=${encodeURIComponent(first)}`);
    expect(window.body.data).toHaveLength(2);
    const until = await get(`entityType=department&to=${encodeURIComponent(first)}`);
    expect(until.body.data).toHaveLength(1);

    expect((await get('cursor=nonsense')).status).toBe(400);
  });

  it('is readable by supervisors but not agents', async () => {
    const supervisor = await actorHeaders(t, { role: 'supervisor' });
    const agent = await actorHeaders(t, { role: 'agent' });
    expect(
      (await call(t.app, { method: 'GET', url: '/api/v1/audit-log', headers: supervisor.headers })).status,
    ).toBe(200);
    expect(
      (await call(t.app, { method: 'GET', url: '/api/v1/audit-log', headers: agent.headers })).status,
    ).toBe(403);
  });

  it('records a failed login and a logout', async () => {
    const agent = await actorHeaders(t, { role: 'agent' });
    await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'ghost@example.com', password: 'whatever' },
    });
    await call(t.app, { method: 'POST', url: '/api/v1/auth/logout', headers: agent.headers });
    const rows = await t.ctx.database.db.selectFrom('audit_log').select(['action', 'actor_id']).execute();
    expect(rows).toContainEqual({ action: 'auth.login_failed', actor_id: null });
    expect(rows).toContainEqual({ action: 'auth.logout', actor_id: agent.userId });
  });
});
