import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorHeaders } from '../../../test/support/actors.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createUser } from './index.js';

const PASSWORD = 's3cret-password';

describe('auth: login, me, logout, CSRF', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await createUser(
      t.ctx.database.db,
      { email: 'agent@example.com', name: '王小明', password: PASSWORD, role: 'agent' },
      t.ctx.clock().toISOString(),
    );
  });
  afterEach(async () => t.close());

  async function login(
    email = 'agent@example.com',
    password = PASSWORD,
    headers: Record<string, string> = {},
  ) {
    return call<{ data: { user: Record<string, unknown>; csrfToken: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      headers,
    });
  }

  it('logs in with a session cookie, answers /me, and logs out', async () => {
    const res = await login('Agent@Example.com');
    expect(res.status).toBe(200);
    expect(res.body.data.user).toMatchObject({ email: 'agent@example.com', name: '王小明', role: 'agent' });
    expect(res.body.data.user).not.toHaveProperty('passwordHash');
    expect(res.body.data.csrfToken).toEqual(expect.any(String));
    const setCookie = res.response.cookies.find((c) => c.name === 'closeloop_session');
    expect(setCookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const cookie = `closeloop_session=${setCookie?.value}`;

    const me = await call<{ data: { user: { email: string }; csrfToken: string } }>(t.app, {
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie },
    });
    expect(me.status).toBe(200);
    expect(me.body.data.user.email).toBe('agent@example.com');

    const out = await call(t.app, {
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'x-csrf-token': me.body.data.csrfToken },
    });
    expect(out.status).toBe(204);
    const after = await call<{ error: { code: string } }>(t.app, {
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie },
    });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
    expect(await t.ctx.database.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
  });

  it('refuses a wrong password and an unknown email alike, in the caller language', async () => {
    const wrong = await login('agent@example.com', 'nope-nope', { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: { code: 'invalid_credentials', message: '邮箱或密码错误。' } });
    const unknown = await login('nobody@example.com', PASSWORD);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({
      error: { code: 'invalid_credentials', message: 'Wrong email or password.' },
    });
  });

  it('does not let an inactive user log in', async () => {
    await t.ctx.database.db.updateTable('users').set({ active: 0 }).execute();
    expect((await login()).status).toBe(401);
  });

  it('needs the CSRF token for cookie-authenticated writes', async () => {
    const admin = await actorHeaders(t, { role: 'admin' });
    const body = { code: 'after_sales', nameZh: '售后', nameEn: 'After-sales' };
    const without = await call<{ error: { code: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/departments',
      headers: { cookie: admin.headers.cookie ?? '' },
      payload: body,
    });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('csrf_invalid');
    const forged = await call<{ error: { code: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/departments',
      headers: { cookie: admin.headers.cookie ?? '', 'x-csrf-token': 'abc-def' },
      payload: body,
    });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('csrf_invalid');
    const ok = await call(t.app, {
      method: 'POST',
      url: '/api/v1/departments',
      headers: admin.headers,
      payload: body,
    });
    expect(ok.status).toBe(201);
  });

  it('does not accept a CSRF token issued for another session', async () => {
    const a = await actorHeaders(t, { role: 'admin' });
    const b = await actorHeaders(t, { role: 'admin' });
    const res = await call<{ error: { code: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/departments',
      headers: { cookie: a.headers.cookie ?? '', 'x-csrf-token': b.headers['x-csrf-token'] ?? '' },
      payload: { code: 'x1', nameZh: '甲', nameEn: 'X' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_invalid');
  });

  it('treats an expired session as anonymous and slides the expiry while in use', async () => {
    let now = Date.parse('2026-11-23T08:00:00Z');
    await t.close();
    t = await createTestApp({ clock: () => new Date(now), env: { SESSION_TTL_HOURS: '1' } });
    const agent = await actorHeaders(t, { role: 'agent' });
    const me = () => call(t.app, { method: 'GET', url: '/api/v1/auth/me', headers: agent.headers });
    now += 50 * 60_000;
    expect((await me()).status).toBe(200);
    now += 50 * 60_000; // 100 minutes after login, but only 50 after the last request
    expect((await me()).status).toBe(200);
    now += 61 * 60_000;
    expect((await me()).status).toBe(401);
  });
});
