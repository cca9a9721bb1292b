import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { countUsers, createAdminFromCli, createApiKeyFromCli } from './cli.js';
import { createDepartment } from './index.js';

describe('identity CLI helpers', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it('creates an admin who can log in, and refuses the same email twice', async () => {
    expect(await countUsers(t.ctx)).toBe(0);
    const { id } = await createAdminFromCli(t.ctx, { email: 'Root@Example.com', password: 'long-enough-pw' });
    expect(await countUsers(t.ctx)).toBe(1);
    const login = await call<{ data: { user: { id: string; role: string } } }>(t.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'root@example.com', password: 'long-enough-pw' },
    });
    expect(login.status).toBe(200);
    expect(login.body.data.user).toMatchObject({ id, role: 'admin' });
    await expect(
      createAdminFromCli(t.ctx, { email: 'root@example.com', password: 'long-enough-pw' }),
    ).rejects.toMatchObject({ code: 'email_taken' });
    await expect(
      createAdminFromCli(t.ctx, { email: 'x@example.com', password: 'short' }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('creates an API key for a department by code', async () => {
    const dept = await createDepartment(
      t.ctx.database.db,
      { code: 'after_sales', nameZh: '售后', nameEn: 'After-sales' },
      t.ctx.clock().toISOString(),
    );
    const { key } = await createApiKeyFromCli(t.ctx, {
      name: 'erp',
      role: 'agent',
      departmentCode: 'after_sales',
    });
    const row = await t.ctx.database.db.selectFrom('api_keys').selectAll().executeTakeFirstOrThrow();
    expect(row.department_id).toBe(dept.id);
    const res = await call(t.app, {
      method: 'GET',
      url: '/api/v1/departments',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(200);
    await expect(
      createApiKeyFromCli(t.ctx, { name: 'erp', role: 'agent', departmentCode: 'nope' }),
    ).rejects.toMatchObject({ code: 'department_not_found' });
  });
});
