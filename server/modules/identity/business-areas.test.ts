import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusinessArea } from '../../../shared/contracts/catalog.js';
import type { FeedbackItem } from '../../../shared/contracts/feedback.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

interface ErrorBody {
  error: { code: string; message: string };
}
type Res<T> = { data: T } & ErrorBody;

describe('business-area catalogue', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let agent: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await actorHeaders(t, { role: 'admin' })).headers;
    agent = (await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' })).headers;
  });
  afterAll(async () => t.close());

  const areas = (headers = agent, query = '') =>
    call<Res<BusinessArea[]>>(t.app, { method: 'GET', url: `/api/v1/business-areas${query}`, headers });
  const send = <T>(
    method: 'POST' | 'PATCH' | 'DELETE' | 'PUT',
    url: string,
    payload?: Record<string, unknown>,
    headers = admin,
    lang = 'en',
  ) =>
    call<Res<T>>(t.app, {
      method,
      url: `/api/v1${url}`,
      headers: { ...headers, 'accept-language': lang },
      ...(payload !== undefined ? { payload } : {}),
    });

  it('is seeded with the three default areas, each with the departments that receive it', async () => {
    const res = await areas();
    expect(res.status).toBe(200);
    expect(res.body.data.map((a) => [a.code, a.labelZh, a.active])).toEqual([
      ['pre_sales', '售前', true],
      ['after_sales', '售后', true],
      ['tech_support', '技术支持', true],
    ]);
    const after = res.body.data.find((a) => a.code === 'after_sales')!;
    expect(after.departments.map((d) => d.code)).toEqual(['after_sales']);
    expect(after.labelEn).toBe('After-sales');
    expect((await call(t.app, { method: 'GET', url: '/api/v1/business-areas' })).status).toBe(401);
  });

  it('lets admins add and edit areas (audited); others are refused; codes are unique slugs', async () => {
    expect(
      (await send('POST', '/business-areas', { code: 'x', labelZh: 'x', labelEn: 'x' }, agent)).status,
    ).toBe(403);
    const bad = await send('POST', '/business-areas', { code: 'Membership!', labelZh: '会员', labelEn: 'M' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');

    const created = await send<BusinessArea>('POST', '/business-areas', {
      code: 'membership',
      labelZh: '会员服务',
      labelEn: 'Membership',
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      code: 'membership',
      active: true,
      sortOrder: 40,
      departments: [],
    });

    const again = await send(
      'POST',
      '/business-areas',
      { code: 'membership', labelZh: '会员', labelEn: 'M' },
      admin,
      'zh-CN',
    );
    expect(again.status).toBe(409);
    expect(again.body.error).toEqual({
      code: 'business_area_code_taken',
      message: '该业务分类编码已被使用。',
    });

    const patched = await send<BusinessArea>('PATCH', '/business-areas/membership', {
      labelEn: 'Membership services',
      sortOrder: 5,
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({
      labelZh: '会员服务',
      labelEn: 'Membership services',
      sortOrder: 5,
    });
    expect((await areas()).body.data[0]!.code).toBe('membership');
    expect((await send('PATCH', '/business-areas/nope', { labelEn: 'x' })).status).toBe(404);
    expect((await send('PATCH', '/business-areas/membership', { code: 'other' })).status).toBe(400);

    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity_type', '=', 'business_area')
      .orderBy('created_at')
      .execute();
    expect(audit).toEqual([
      { action: 'business_area.created', entity_id: 'membership' },
      { action: 'business_area.updated', entity_id: 'membership' },
    ]);
  });

  it('refuses unknown or inactive areas on items, departments and triage rules (422, localized)', async () => {
    await send('POST', '/business-areas', { code: 'old_line', labelZh: '旧业务', labelEn: 'Old line' });
    const unknown = await send(
      'POST',
      '/feedback',
      { description: '会员积分没到账', channel: 'email', businessArea: 'vip_club' },
      admin,
      'zh-CN',
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toEqual({
      code: 'business_area_unknown',
      message: '业务分类“vip_club”不存在，请从业务分类列表中选择。',
    });

    const item = await buildFeedback(t, admin, { businessArea: 'old_line' });
    expect(item.businessArea).toBe('old_line');
    const dept = await send<{ id: string; businessAreas: string[] }>('POST', '/departments', {
      code: 'old_team',
      nameZh: '旧业务组',
      nameEn: 'Old team',
      businessAreas: ['old_line'],
    });
    expect(dept.status).toBe(201);

    expect((await send('PATCH', '/business-areas/old_line', { active: false })).status).toBe(200);
    expect((await areas(agent, '?active=true')).body.data.map((a) => a.code)).not.toContain('old_line');
    expect((await areas(agent, '?active=false')).body.data.map((a) => a.code)).toEqual(['old_line']);

    // a new use of a deactivated area is refused …
    const inactive = await send('POST', '/feedback', {
      description: 'x',
      channel: 'email',
      businessArea: 'old_line',
    });
    expect(inactive.status).toBe(422);
    expect(inactive.body.error).toEqual({
      code: 'business_area_inactive',
      message: 'The business area "old_line" is deactivated and cannot be chosen.',
    });
    const other = await buildFeedback(t, admin);
    const patchItem = await send('PATCH', `/feedback/${other.id}`, { businessArea: 'old_line' });
    expect(patchItem.status).toBe(422);
    expect(patchItem.body.error.code).toBe('business_area_inactive');
    const deptInactive = await send('POST', '/departments', {
      code: 'new_team',
      nameZh: '新组',
      nameEn: 'New team',
      businessAreas: ['pre_sales', 'old_line'],
    });
    expect(deptInactive.status).toBe(422);
    expect(
      (await send('PATCH', `/departments/${dept.body.data.id}`, { businessAreas: ['x_y'] })).body.error.code,
    ).toBe('business_area_unknown');
    const rule = await send('POST', '/triage/rules', {
      name: 'old',
      conditions: { keywordsAny: ['积分'] },
      actions: { businessArea: 'old_line' },
    });
    expect(rule.status).toBe(422);
    expect(rule.body.error.code).toBe('business_area_inactive');

    // … while what already has it may keep it and be edited
    const keep = await send<{ businessAreas: string[] }>('PATCH', `/departments/${dept.body.data.id}`, {
      nameEn: 'Old team 2',
      businessAreas: ['old_line', 'pre_sales'],
    });
    expect(keep.status).toBe(200);
    expect(keep.body.data.businessAreas).toEqual(['old_line', 'pre_sales']);
    const same = await send<FeedbackItem>('PATCH', `/feedback/${item.id}`, {
      businessArea: 'old_line',
      product: 'P',
    });
    expect(same.status).toBe(200);
    const changed = await send<FeedbackItem>('PATCH', `/feedback/${item.id}`, {
      businessArea: 'tech_support',
    });
    expect(changed.status).toBe(200);
    expect(changed.body.data.businessArea).toBe('tech_support');
    expect((await send('PATCH', `/feedback/${item.id}`, { businessArea: null })).status).toBe(200);

    const ok = await send('POST', '/triage/rules', {
      name: 'pre',
      conditions: { keywordsAny: ['开户'] },
      actions: { businessArea: 'pre_sales' },
    });
    expect(ok.status).toBe(201);
  });

  it('never deletes an area in use (409 with the counts); an unused one can go', async () => {
    const inUse = await send('DELETE', '/business-areas/old_line', undefined, admin, 'zh-CN');
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe('business_area_in_use');
    expect(inUse.body.error.message).toContain('1 个部门');
    expect((await send('DELETE', '/business-areas/pre_sales')).status).toBe(409);
    expect((await send('DELETE', '/business-areas/membership', undefined, agent)).status).toBe(403);
    expect((await send('DELETE', '/business-areas/membership')).status).toBe(204);
    expect((await areas()).body.data.map((a) => a.code)).not.toContain('membership');
    expect((await send('DELETE', '/business-areas/membership')).status).toBe(404);
  });

  it('is in the OpenAPI document', async () => {
    const doc = await call<{ paths: Record<string, Record<string, unknown>> }>(t.app, {
      method: 'GET',
      url: '/api/openapi.json',
    });
    expect(Object.keys(doc.body.paths['/api/v1/business-areas/{code}'] ?? {}).sort()).toEqual([
      'delete',
      'patch',
    ]);
    expect(Object.keys(doc.body.paths['/api/v1/business-areas'] ?? {}).sort()).toEqual(['get', 'post']);
  });
});
