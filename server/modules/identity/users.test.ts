import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorHeaders } from '../../../test/support/actors.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

interface UserBody {
  data: { id: string; email: string; role: string; active: boolean; departmentId: string | null };
}

describe('users admin', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  const newUser = { email: 'li.lei@example.com', name: '李雷', password: 'password-123', role: 'agent' };

  it('lets an admin create a user, stored with an argon2id hash that is never returned', async () => {
    const admin = await actorHeaders(t, { role: 'admin', departmentCode: 'after_sales' });
    const res = await call<UserBody>(t.app, {
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { ...newUser, departmentId: admin.departmentId },
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ email: 'li.lei@example.com', role: 'agent', active: true });
    expect(res.response.body).not.toMatch(/password|argon/i);
    const row = await t.ctx.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', res.body.data.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(row.password_hash).not.toContain('password-123');

    const dup = await call<{ error: { code: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { ...newUser, email: 'LI.LEI@example.com' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('email_taken');
  });

  it('refuses user creation to non-admins but lets every staff role list colleagues', async () => {
    for (const role of ['agent', 'supervisor', 'department_member'] as const) {
      const who = await actorHeaders(t, { role });
      const res = await call<{ error: { code: string } }>(t.app, {
        method: 'POST',
        url: '/api/v1/users',
        headers: who.headers,
        payload: newUser,
      });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
      const list = await call<{ data: unknown[] }>(t.app, {
        method: 'GET',
        url: '/api/v1/users',
        headers: who.headers,
      });
      expect(list.status).toBe(200);
      expect(list.response.body).not.toContain('argon2');
    }
    expect((await call(t.app, { method: 'GET', url: '/api/v1/users' })).status).toBe(401);
  });

  it('pages through users with a cursor', async () => {
    const admin = await actorHeaders(t, { role: 'admin' });
    for (let i = 0; i < 4; i++) await actorHeaders(t, { role: 'agent' });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await call<{ data: { id: string }[]; nextCursor: string | null }>(t.app, {
        method: 'GET',
        url,
        headers: admin.headers,
      });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((u) => u.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const bad = await call(t.app, { method: 'GET', url: '/api/v1/users?cursor=zzz', headers: admin.headers });
    expect(bad.status).toBe(400);
  });

  it('deactivates a user (ending their sessions), resets passwords, and keeps the last admin', async () => {
    const admin = await actorHeaders(t, { role: 'admin' });
    const agent = await actorHeaders(t, { role: 'agent' });
    const patch = (id: string, payload: Record<string, unknown>) =>
      call<UserBody & { error: { code: string } }>(t.app, {
        method: 'PATCH',
        url: `/api/v1/users/${id}`,
        headers: admin.headers,
        payload,
      });

    const deactivated = await patch(agent.userId ?? '', { active: false });
    expect(deactivated.status).toBe(200);
    expect(deactivated.body.data.active).toBe(false);
    const me = await call(t.app, { method: 'GET', url: '/api/v1/auth/me', headers: agent.headers });
    expect(me.status).toBe(401);

    const reset = await patch(agent.userId ?? '', { active: true, password: 'a-new-password' });
    expect(reset.status).toBe(200);
    const email = reset.body.data.email;
    const login = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'a-new-password' },
    });
    expect(login.status).toBe(200);

    const demoteSelf = await patch(admin.userId ?? '', { role: 'agent' });
    expect(demoteSelf.status).toBe(409);
    expect(demoteSelf.body.error.code).toBe('conflict');

    expect((await patch('00000000-0000-7000-8000-000000000000', { name: 'x' })).status).toBe(404);
    expect((await patch('not-a-uuid', { name: 'x' })).status).toBe(404);
    expect((await patch(agent.userId ?? '', { passwordHash: 'x' })).status).toBe(400);
  });

  it('writes an audit entry for each change', async () => {
    const admin = await actorHeaders(t, { role: 'admin' });
    const created = await call<UserBody>(t.app, {
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: newUser,
    });
    await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/users/${created.body.data.id}`,
      headers: admin.headers,
      payload: { role: 'supervisor', password: 'another-password' },
    });
    const rows = await t.ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', created.body.data.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.action, r.actor_type, r.actor_id])).toEqual([
      ['user.created', 'user', admin.userId],
      ['user.updated', 'user', admin.userId],
    ]);
    expect(rows[1]?.details).not.toContain('another-password');
    expect(JSON.parse(rows[1]?.details ?? '{}')).toMatchObject({
      changes: { role: 'supervisor' },
      passwordReset: true,
    });
  });
});
