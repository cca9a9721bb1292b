import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actorHeaders } from '../../../test/support/actors.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

interface DepartmentBody {
  data: { id: string; code: string; nameZh: string; nameEn: string; businessAreas: string[] };
}

describe('departments', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  it('creates, lists, renames and deletes a department, refusing duplicate codes', async () => {
    const admin = await actorHeaders(t, { role: 'admin' });
    const created = await call<DepartmentBody>(t.app, {
      method: 'POST',
      url: '/api/v1/departments',
      headers: admin.headers,
      payload: { code: 'pre_sales', nameZh: '售前', nameEn: 'Pre-sales', businessAreas: ['pre_sales'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      code: 'pre_sales',
      nameZh: '售前',
      businessAreas: ['pre_sales'],
    });
    const id = created.body.data.id;

    const dup = await call<{ error: { code: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/departments',
      headers: admin.headers,
      payload: { code: 'pre_sales', nameZh: '售前2', nameEn: 'Pre-sales 2' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('department_code_taken');

    const agent = await actorHeaders(t, { role: 'agent' });
    const list = await call<{ data: { code: string }[] }>(t.app, {
      method: 'GET',
      url: '/api/v1/departments',
      headers: agent.headers,
    });
    expect(list.status).toBe(200);
    expect(list.body.data.map((d) => d.code)).toEqual(['pre_sales']);
    expect((await call(t.app, { method: 'GET', url: '/api/v1/departments' })).status).toBe(401);

    const renamed = await call<DepartmentBody>(t.app, {
      method: 'PATCH',
      url: `/api/v1/departments/${id}`,
      headers: admin.headers,
      payload: { nameEn: 'Sales', businessAreas: ['pre_sales', 'after_sales'] },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data).toMatchObject({ nameEn: 'Sales', businessAreas: ['pre_sales', 'after_sales'] });

    const forbidden = await call(t.app, {
      method: 'DELETE',
      url: `/api/v1/departments/${id}`,
      headers: agent.headers,
    });
    expect(forbidden.status).toBe(403);
    const del = await call(t.app, {
      method: 'DELETE',
      url: `/api/v1/departments/${id}`,
      headers: admin.headers,
    });
    expect(del.status).toBe(204);
    const again = await call(t.app, {
      method: 'DELETE',
      url: `/api/v1/departments/${id}`,
      headers: admin.headers,
    });
    expect(again.status).toBe(404);

    const actions = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'department.created',
      'department.updated',
      'department.deleted',
    ]);
  });

  it('refuses to delete a department that users or tickets still reference', async () => {
    const admin = await actorHeaders(t, { role: 'admin' });
    const member = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
    const res = await call<{ error: { code: string; message: string } }>(t.app, {
      method: 'DELETE',
      url: `/api/v1/departments/${member.departmentId}`,
      headers: { ...admin.headers, 'accept-language': 'zh-CN' },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('department_in_use');
    expect(res.body.error.message).toMatch(/部门/);

    await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/users/${member.userId}`,
      headers: admin.headers,
      payload: { departmentId: null },
    });
    const now = new Date().toISOString();
    await t.ctx.database.db
      .insertInto('feedback')
      .values({
        id: '01900000-0000-7000-8000-000000000001',
        number: 'FB-20261123-000001',
        channel: 'portal',
        description: '退货流程太慢',
        status: 'received',
        priority: 'normal',
        department_id: member.departmentId,
        created_by_type: 'system',
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    const stillInUse = await call(t.app, {
      method: 'DELETE',
      url: `/api/v1/departments/${member.departmentId}`,
      headers: admin.headers,
    });
    expect(stillInUse.status).toBe(409);
  });
});
