import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../../shared/contracts/customers.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

type One = { data: Customer };
type Page = { data: Customer[]; nextCursor: string | null };
type Err = { error: { code: string; message: string } };

let t: TestApp;
let agent: Record<string, string>;
let admin: Record<string, string>;
let analyst: Record<string, string>;
let member: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  agent = (await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' })).headers;
  admin = (await actorHeaders(t, { role: 'admin' })).headers;
  analyst = (await actorHeaders(t, { role: 'analyst' })).headers;
  member = (await actorHeaders(t, { role: 'department_member', departmentCode: 'tech_support' })).headers;
});
afterAll(async () => t?.close());

const create = (headers: Record<string, string>, payload: Record<string, unknown>) =>
  call<One & Err>(t.app, { method: 'POST', url: '/api/v1/customers', headers, payload });

async function auditActions(customerId: string): Promise<string[]> {
  const rows = await t.ctx.database.db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_type', '=', 'customer')
    .where('entity_id', '=', customerId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => r.action);
}

describe('customers API', () => {
  it('requires authentication', async () => {
    expect((await call(t.app, { method: 'GET', url: '/api/v1/customers' })).status).toBe(401);
    expect((await call(t.app, { method: 'POST', url: '/api/v1/customers', payload: {} })).status).toBe(401);
  });

  it('lets an agent create a customer and see full identities, normalised', async () => {
    const res = await create(agent, {
      name: '李娜',
      tier: 'vip',
      notes: '老客户',
      identities: [
        { kind: 'email', value: ' Jane.Li@Example.com ' },
        { kind: 'phone', value: '138 1234 5678' },
      ],
    });
    expect(res.status).toBe(201);
    const c = res.body.data;
    expect(c).toMatchObject({ name: '李娜', tier: 'vip', notes: '老客户', erased: false, piiMasked: false });
    expect(c.identities.map((i) => [i.kind, i.value, i.masked])).toEqual([
      ['email', 'jane.li@example.com', false],
      ['phone', '+8613812345678', false],
    ]);
    expect(c.feedbackCount).toBe(0);
    expect(c.links.feedback).toBe(`/api/v1/feedback?customerId=${c.id}`);
    expect(await auditActions(c.id)).toEqual(['customer.created']);
  });

  it('rejects writes from analysts and department members with 403, and unknown fields with 400', async () => {
    for (const headers of [analyst, member]) {
      const res = await create(headers, { name: 'X' });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    const { body } = await create(agent, { name: 'Target' });
    const patch = await call<Err>(t.app, {
      method: 'PATCH',
      url: `/api/v1/customers/${body.data.id}`,
      headers: analyst,
      payload: { tier: 'vip' },
    });
    expect(patch.status).toBe(403);
    const unknown = await create(agent, { name: 'X', vip: true });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('validation_failed');
    const badPhone = await create(agent, { identities: [{ kind: 'phone', value: '123' }] });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.code).toBe('invalid_phone');
  });

  it('masks contact details in lists, and everywhere for analysts', async () => {
    const { body } = await create(agent, {
      name: 'John Smith',
      identities: [
        { kind: 'email', value: 'john@example.com' },
        { kind: 'phone', value: '+86 139-8765-4321' },
      ],
    });
    const id = body.data.id;
    const list = await call<Page>(t.app, {
      method: 'GET',
      url: '/api/v1/customers?q=john',
      headers: agent,
    });
    expect(list.status).toBe(200);
    const row = list.body.data.find((c) => c.id === id);
    expect(row?.identities.map((i) => i.value).sort()).toEqual(['+86 139****4321', 'j***@example.com']);
    expect(row?.notes).toBeNull();
    expect(row?.name).toBe('John Smith');
    expect(JSON.stringify(list.body)).not.toContain('john@example.com');

    const detail = await call<One>(t.app, {
      method: 'GET',
      url: `/api/v1/customers/${id}`,
      headers: analyst,
    });
    expect(detail.status).toBe(200);
    expect(detail.body.data.piiMasked).toBe(true);
    expect(detail.body.data.name).toBe('J**');
    expect(JSON.stringify(detail.body)).not.toMatch(/john@example\.com|13987654321/);
    const memberList = await call<Page>(t.app, { method: 'GET', url: '/api/v1/customers', headers: member });
    expect(memberList.status).toBe(200);
    expect(JSON.stringify(memberList.body)).not.toContain('john@example.com');
  });

  it('searches by name, email and phone in any format, filters by tier and pages by cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { body } = await create(agent, {
        name: `翻页客户 ${i}`,
        tier: i % 2 === 0 ? 'vip' : 'normal',
        identities: [{ kind: 'phone', value: `1370000000${i}` }],
      });
      ids.push(body.data.id);
    }
    const byPhone = await call<Page>(t.app, {
      method: 'GET',
      url: `/api/v1/customers?q=${encodeURIComponent('+86 137-0000-0003')}`,
      headers: agent,
    });
    expect(byPhone.body.data.map((c) => c.id)).toEqual([ids[3]]);
    const byEmail = await call<Page>(t.app, {
      method: 'GET',
      url: '/api/v1/customers?q=JANE.LI@',
      headers: agent,
    });
    expect(byEmail.body.data.map((c) => c.name)).toEqual(['李娜']);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/customers?q=${encodeURIComponent('翻页')}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await call<Page>(t.app, { method: 'GET', url, headers: agent });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((c) => c.id));
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());

    const vip = await call<Page>(t.app, {
      method: 'GET',
      url: `/api/v1/customers?q=${encodeURIComponent('翻页')}&tier=vip`,
      headers: agent,
    });
    expect(vip.body.data.map((c) => c.id)).toEqual([ids[4], ids[2], ids[0]]);

    const bad = await call<Err>(t.app, {
      method: 'GET',
      url: '/api/v1/customers?cursor=bm9wZQ',
      headers: agent,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_cursor');
  });

  it('updates a customer with an audit entry', async () => {
    const { body } = await create(agent, { name: '待更新' });
    const res = await call<One>(t.app, {
      method: 'PATCH',
      url: `/api/v1/customers/${body.data.id}`,
      headers: agent,
      payload: { name: '已更新', tier: 'vip', locale: 'en', notes: null },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: '已更新', tier: 'vip', locale: 'en' });
    expect(await auditActions(body.data.id)).toEqual(['customer.created', 'customer.updated']);
    const missing = await call<Err>(t.app, {
      method: 'PATCH',
      url: '/api/v1/customers/01900000-0000-7000-8000-000000000000',
      headers: agent,
      payload: { tier: 'vip' },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('customer_not_found');
  });

  it('adds and removes identities; one owned by another customer is 409 identity_taken', async () => {
    await create(agent, { identities: [{ kind: 'email', value: 'owner@example.com' }] });
    const { body } = await create(agent, { name: '新客户' });
    const id = body.data.id;
    const url = `/api/v1/customers/${id}/identities`;
    const taken = await call<Err>(t.app, {
      method: 'POST',
      url,
      headers: { ...agent, 'accept-language': 'zh-CN' },
      payload: { kind: 'email', value: 'OWNER@example.com' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('identity_taken');
    expect(taken.body.error.message).toContain('email');
    const onCreate = await create(agent, { identities: [{ kind: 'email', value: 'owner@example.com' }] });
    expect(onCreate.status).toBe(409);

    const added = await call<One>(t.app, {
      method: 'POST',
      url,
      headers: agent,
      payload: { kind: 'phone', value: '008613566667777' },
    });
    expect(added.status).toBe(201);
    const again = await call<One>(t.app, {
      method: 'POST',
      url,
      headers: agent,
      payload: { kind: 'phone', value: '135 6666 7777' },
    });
    expect(again.status).toBe(200);
    expect(again.body.data.identities).toHaveLength(1);
    const identityId = added.body.data.identities[0]?.id;
    const removed = await call<One>(t.app, {
      method: 'DELETE',
      url: `${url}/${identityId}`,
      headers: agent,
    });
    expect(removed.status).toBe(200);
    expect(removed.body.data.identities).toEqual([]);
    const gone = await call<Err>(t.app, { method: 'DELETE', url: `${url}/${identityId}`, headers: agent });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('identity_not_found');
    expect(await auditActions(id)).toEqual([
      'customer.created',
      'customer.identity_added',
      'customer.identity_removed',
    ]);
  });

  it('erases personal data (admin only), keeps the row, and frees the identities', async () => {
    const { body } = await create(agent, {
      name: '王小明',
      notes: '身份证 110101199001011234',
      identities: [
        { kind: 'email', value: 'erase.me@example.com' },
        { kind: 'phone', value: '13700001111' },
      ],
    });
    const id = body.data.id;
    const url = `/api/v1/customers/${id}/erase`;
    expect((await call(t.app, { method: 'POST', url, headers: agent, payload: {} })).status).toBe(403);
    const erased = await call<One>(t.app, {
      method: 'POST',
      url,
      headers: admin,
      payload: { reason: 'PIPL request #42' },
    });
    expect(erased.status).toBe(200);
    expect(erased.body.data).toMatchObject({ erased: true, name: null, notes: null, identities: [] });
    expect(erased.body.data.erasedAt).not.toBeNull();
    const again = await call<One>(t.app, { method: 'POST', url, headers: admin });
    expect(again.status).toBe(200);

    const row = await t.ctx.database.db
      .selectFrom('customers')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: null, notes: null });
    const patch = await call<Err>(t.app, {
      method: 'PATCH',
      url: `/api/v1/customers/${id}`,
      headers: agent,
      payload: { name: 'back' },
    });
    expect(patch.status).toBe(409);
    expect(patch.body.error.code).toBe('customer_erased');
    const reuse = await create(agent, { identities: [{ kind: 'email', value: 'erase.me@example.com' }] });
    expect(reuse.status).toBe(201);
    expect(reuse.body.data.id).not.toBe(id);
    expect(await auditActions(id)).toEqual(['customer.created', 'customer.erased']);
    const events = await t.ctx.database.db
      .selectFrom('outbox')
      .select('type')
      .where('aggregate_id', '=', id)
      .execute();
    expect(events.map((e) => e.type)).toEqual(['customer.erased']);
  });

  it('accepts API keys with a writing role', async () => {
    const key = await actorHeaders(t, { role: 'agent', via: 'api_key' });
    expect((await create(key.headers, { name: 'via key' })).status).toBe(201);
    const readOnly = await actorHeaders(t, { role: 'analyst', via: 'api_key' });
    expect((await create(readOnly.headers, { name: 'via key' })).status).toBe(403);
  });

  it('documents its routes under the customers tag', async () => {
    const doc = await call<{ paths: Record<string, Record<string, { tags?: string[]; summary?: string }>> }>(
      t.app,
      { method: 'GET', url: '/api/openapi.json' },
    );
    const op = doc.body.paths['/api/v1/customers/{id}/identities']?.post;
    expect(op?.tags).toEqual(['customers']);
    expect(op?.summary).toBeTruthy();
  });
});
