import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackItem } from '../../../shared/contracts/feedback.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { createFeedback } from './index.js';

// 17:30 UTC is already the next day in Asia/Shanghai: numbers carry the business day.
const NOW = new Date('2026-11-23T17:30:00.000Z');
const DAY = '20261124';

describe('creating feedback', () => {
  let t: TestApp;
  let key: Record<string, string>;
  let agent: Awaited<ReturnType<typeof actorHeaders>>;

  beforeAll(async () => {
    t = await createTestApp({ clock: () => NOW });
    key = (await actorHeaders(t, { role: 'agent', via: 'api_key' })).headers;
    agent = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
  });
  afterAll(async () => t.close());

  const post = (headers: Record<string, string>, payload: unknown) =>
    call<{ data: FeedbackItem; error: { code: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/feedback',
      headers,
      payload: payload as Record<string, unknown>,
    });

  it('stores the record, first message, tags, history and outbox event', async () => {
    const res = await post(agent.headers, {
      description: '手机银行转账失败了，提示系统繁忙',
      subject: '转账失败',
      channel: 'phone',
      nature: 'complaint',
      businessArea: 'after_sales',
      product: '手机银行',
      branch: '上海分行',
      region: '华东',
      priority: 'high',
      occurredAt: '2026-11-23T08:00:00+08:00',
      customer: { name: '张三', email: 'Zhang.San@example.com', phone: '13800138000' },
      tags: ['服务/排队时间', ' 功能缺陷 / 转账 '],
      customFields: { accountType: 'debit', amount: 5000 },
    });
    expect(res.status).toBe(201);
    const item = res.body.data;
    expect(item.number).toMatch(new RegExp(`^FB-${DAY}-\\d{6}$`));
    expect(item).toMatchObject({
      status: 'received',
      priority: 'high',
      nature: 'complaint',
      businessArea: 'after_sales',
      channel: 'phone',
      subject: '转账失败',
      product: '手机银行',
      tags: ['功能缺陷/转账', '服务/排队时间'],
      sentiment: null,
      assignee: null,
      occurredAt: '2026-11-23T00:00:00.000Z',
      customFields: { accountType: 'debit', amount: 5000 },
      createdAt: NOW.toISOString(),
      version: 1,
      allowedTransitions: ['in_progress', 'resolved', 'closed'],
    });
    // An agent's item without a department lands in the agent's own department.
    expect(item.department).toMatchObject({ id: agent.departmentId, code: 'after_sales', nameZh: '售后' });
    expect(item.customer).toMatchObject({ name: '张三', tier: 'normal' });

    const messages = await call<{ data: { kind: string; body: string }[] }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${item.id}/messages`,
      headers: agent.headers,
    });
    expect(messages.body.data).toEqual([
      expect.objectContaining({ kind: 'customer', body: '手机银行转账失败了，提示系统繁忙' }),
    ]);
    const events = await call<{ data: { type: string; to: string; actor: { id: string } }[] }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${item.id}/events`,
      headers: agent.headers,
    });
    expect(events.body.data).toEqual([
      expect.objectContaining({
        type: 'created',
        to: 'received',
        actor: expect.objectContaining({ id: agent.userId }),
      }),
    ]);
    const outbox = await t.ctx.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('aggregate_id', '=', item.id)
      .execute();
    expect(outbox.map((o) => o.type)).toEqual(['feedback.created']);
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({
      number: item.number,
      customerId: item.customer?.id,
    });
    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', item.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['feedback.created']);
    const tree = await call<{ data: { path: string; children: { path: string }[] }[] }>(t.app, {
      method: 'GET',
      url: '/api/v1/tags',
      headers: agent.headers,
    });
    expect(tree.body.data.map((n) => n.path)).toEqual(expect.arrayContaining(['服务', '功能缺陷']));
    expect(tree.body.data.find((n) => n.path === '服务')?.children.map((c) => c.path)).toEqual([
      '服务/排队时间',
    ]);
  });

  it('writes the outbox event in the same transaction as the item', async () => {
    const db = t.ctx.database.db;
    const before = await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const failed = db.transaction().execute(async (trx) => {
      await createFeedback({
        trx,
        actor: SYSTEM_ACTOR,
        at: NOW.toISOString(),
        dialect: t.ctx.database.dialect,
        timeZone: 'Asia/Shanghai',
        input: { description: 'rolled back', source: 'test', sourceId: 'rollback-1' },
      });
      throw new Error('abort after the item was written');
    });
    await expect(failed).rejects.toThrow('abort');
    const item = await db
      .selectFrom('feedback')
      .select('id')
      .where('source_id', '=', 'rollback-1')
      .executeTakeFirst();
    expect(item).toBeUndefined();
    const after = await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('allocates 200 unique, sequential ticket numbers under 200 concurrent creates', async () => {
    const fresh = await createTestApp({ clock: () => NOW });
    try {
      const headers = (await actorHeaders(fresh, { role: 'agent', via: 'api_key' })).headers;
      const responses = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          call<{ data: FeedbackItem }>(fresh.app, {
            method: 'POST',
            url: '/api/v1/feedback',
            headers,
            payload: { description: `concurrent create ${i}`, channel: 'api' },
          }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(200).fill(201));
      const numbers = responses.map((r) => r.body.data.number);
      expect(new Set(numbers).size).toBe(200);
      for (const n of numbers) expect(n).toMatch(/^FB-\d{8}-\d{6}$/);
      const expected = Array.from({ length: 200 }, (_, i) => `FB-${DAY}-${String(i + 1).padStart(6, '0')}`);
      expect([...numbers].sort()).toEqual(expected);
      const count = await fresh.ctx.database.db
        .selectFrom('feedback')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(200);
    } finally {
      await fresh.close();
    }
  });

  it('starts a new sequence on the next business day', async () => {
    let now = new Date('2026-11-25T15:59:59.000Z');
    const app = await createTestApp({ clock: () => now });
    try {
      const headers = (await actorHeaders(app, { role: 'admin', via: 'api_key' })).headers;
      expect((await buildFeedback(app, headers)).number).toBe('FB-20261125-000001');
      expect((await buildFeedback(app, headers)).number).toBe('FB-20261125-000002');
      now = new Date('2026-11-25T16:00:00.000Z');
      expect((await buildFeedback(app, headers)).number).toBe('FB-20261126-000001');
    } finally {
      await app.close();
    }
  });

  it('refuses unknown fields, bad values and missing descriptions with 400 validation_failed', async () => {
    for (const payload of [
      { description: 'x', color: 'red' },
      { description: 'x', customer: { email: 'a@b.cn', vip: true } },
      { description: '' },
      { channel: 'email' },
      { description: 'x', channel: 'carrier_pigeon' },
      { description: 'x', priority: 'whenever' },
      { description: 'x', occurredAt: 'yesterday' },
      { description: 'x', customer: { email: 'not-an-email' } },
      { description: 'x', departmentId: 'nope' },
    ]) {
      const res = await post(key, payload);
      expect(res.status, JSON.stringify(payload)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  it('answers 404 for an unknown department or assignee, and writes nothing', async () => {
    const db = t.ctx.database.db;
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('feedback')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const dep = await post(key, { description: 'x', departmentId: '018f0000-0000-7000-8000-000000000000' });
    expect(dep.status).toBe(404);
    expect(dep.body.error.code).toBe('department_not_found');
    const user = await post(key, { description: 'x', assigneeId: '018f0000-0000-7000-8000-000000000000' });
    expect(user.status).toBe(404);
    expect(user.body.error.code).toBe('user_not_found');
    expect(await count()).toBe(before);
  });

  it('lets only admins, supervisors and agents create', async () => {
    expect((await post({}, { description: 'x' })).status).toBe(401);
    for (const role of ['analyst', 'department_member'] as const) {
      const h = await actorHeaders(t, { role, departmentCode: 'after_sales' });
      const res = await post(h.headers, { description: 'x' });
      expect(res.status, role).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    const supervisor = await actorHeaders(t, { role: 'supervisor', departmentCode: 'after_sales' });
    const res = await post(supervisor.headers, { description: 'triage me' });
    expect(res.status).toBe(201);
    // A supervisor's item without a department goes to triage (no department).
    expect(res.body.data.department).toBeNull();
  });
});
