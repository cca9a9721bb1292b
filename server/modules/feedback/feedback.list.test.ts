import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackItem } from '../../../shared/contracts/feedback.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback, CLOSURE, transition } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.js';
import { updateFeedbackFields } from './index.js';

describe('listing feedback: filters, full-text search, keyset pagination', () => {
  let t: TestApp;
  let now = Date.parse('2026-11-20T02:00:00.000Z');
  let admin: Record<string, string>;
  let agent: Awaited<ReturnType<typeof actorHeaders>>;
  let techDepartmentId: string;
  const items: Record<string, FeedbackItem> = {};

  const at = (iso: string) => {
    now = Date.parse(iso);
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: () => new Date(now) });
    admin = (await actorHeaders(t, { role: 'admin', via: 'api_key' })).headers;
    agent = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
    techDepartmentId = (await actorHeaders(t, { role: 'agent', departmentCode: 'tech_support' }))
      .departmentId!;

    at('2026-11-20T02:00:00.000Z');
    items.transfer = await buildFeedback(t, admin, {
      description: '手机银行转账失败了，一直提示系统繁忙',
      channel: 'phone',
      nature: 'complaint',
      businessArea: 'after_sales',
      priority: 'urgent',
      tags: ['功能缺陷/转账'],
      departmentId: agent.departmentId,
      customer: { email: 'li@example.com', name: '李四' },
    });
    at('2026-11-20T03:00:00.000Z');
    items.refund = await buildFeedback(t, admin, {
      subject: 'Refund not received',
      description: 'I returned the shoes two weeks ago and the money is still missing.',
      channel: 'email',
      nature: 'complaint',
      businessArea: 'after_sales',
      priority: 'high',
      tags: ['服务/退款'],
      assigneeId: agent.userId,
    });
    at('2026-11-20T04:00:00.000Z');
    items.queue = await buildFeedback(t, admin, {
      description: '网点排队时间太长，等了一个小时',
      channel: 'in_person',
      nature: 'complaint',
      businessArea: 'pre_sales',
      tags: ['服务/排队时间'],
      departmentId: techDepartmentId,
    });
    items.waiter = await buildFeedback(t, admin, {
      description: 'The waiter was very friendly',
      channel: 'review',
      nature: 'praise',
      priority: 'suggestion',
      tags: ['服务员'],
    });
    at('2026-11-20T05:00:00.000Z');
    items.idea = await buildFeedback(t, admin, {
      description: '建议增加夜间客服',
      channel: 'portal',
      nature: 'suggestion',
      businessArea: 'pre_sales',
      customer: { email: 'li@example.com' },
    });
    await transition(t, admin, items.idea.id, { to: 'in_progress' });
    await transition(t, admin, items.waiter.id, { to: 'resolved', closure: CLOSURE });
  });
  afterAll(async () => t.close());

  async function list(query: string, headers: Record<string, string> = admin) {
    const res = await call<{ data: FeedbackItem[]; nextCursor: string | null; error: { code: string } }>(
      t.app,
      {
        method: 'GET',
        url: `/api/v1/feedback?${query}`,
        headers,
      },
    );
    return res;
  }
  async function ids(query: string, headers?: Record<string, string>) {
    const res = await list(query, headers);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data.map((i) => i.id);
  }
  const idsOf = (...names: string[]) => names.map((n) => items[n]!.id);

  it('lists newest first by default', async () => {
    expect(await ids('')).toEqual(idsOf('idea', 'waiter', 'queue', 'refund', 'transfer'));
  });

  it('filters by status (several), priority, nature, business area and channel', async () => {
    expect(await ids('status=in_progress,resolved')).toEqual(idsOf('idea', 'waiter'));
    expect(await ids('status=in_progress&status=received')).toEqual(
      idsOf('idea', 'queue', 'refund', 'transfer'),
    );
    expect(await ids('priority=urgent')).toEqual(idsOf('transfer'));
    expect(await ids('priority=high,urgent')).toEqual(idsOf('refund', 'transfer'));
    expect(await ids('nature=praise')).toEqual(idsOf('waiter'));
    expect(await ids('businessArea=pre_sales')).toEqual(idsOf('idea', 'queue'));
    expect(await ids('channel=email')).toEqual(idsOf('refund'));
    expect(await ids('status=received&nature=complaint&businessArea=after_sales')).toEqual(
      idsOf('refund', 'transfer'),
    );
  });

  it('filters by department, assignee, unassigned and customer', async () => {
    expect(await ids(`departmentId=${techDepartmentId}`)).toEqual(idsOf('queue'));
    expect(await ids(`assigneeId=${agent.userId}`)).toEqual(idsOf('refund'));
    expect(await ids('assigneeId=me', agent.headers)).toEqual(idsOf('refund'));
    expect(await ids('assigneeId=unassigned')).toEqual(idsOf('idea', 'waiter', 'queue', 'transfer'));
    expect(await ids('unassigned=true&businessArea=after_sales')).toEqual(idsOf('transfer'));
    expect(items.transfer!.customer?.id).toBe(items.idea!.customer?.id);
    expect(await ids(`customerId=${items.transfer!.customer?.id}`)).toEqual(idsOf('idea', 'transfer'));
  });

  it('matches a tag and everything below it, but not a sibling sharing a prefix', async () => {
    expect(await ids(`tag=${encodeURIComponent('服务')}`)).toEqual(idsOf('queue', 'refund'));
    expect(await ids(`tag=${encodeURIComponent('服务/排队时间')}`)).toEqual(idsOf('queue'));
    expect(await ids(`tag=${encodeURIComponent('服务员')}`)).toEqual(idsOf('waiter'));
    expect(await ids(`tag=${encodeURIComponent('功能缺陷')}&status=received`)).toEqual(idsOf('transfer'));
    expect(await ids(`tag=${encodeURIComponent('不存在')}`)).toEqual([]);
  });

  it('filters by creation time range (from inclusive, to exclusive)', async () => {
    expect(await ids('createdFrom=2026-11-20T03:00:00Z&createdTo=2026-11-20T05:00:00Z')).toEqual(
      idsOf('waiter', 'queue', 'refund'),
    );
    expect(await ids(`createdTo=${encodeURIComponent('2026-11-20T11:00:00+08:00')}`)).toEqual(
      idsOf('transfer'),
    );
    expect(await ids(`createdTo=${encodeURIComponent('2026-11-20T11:00:00.001+08:00')}`)).toEqual(
      idsOf('refund', 'transfer'),
    );
  });

  it('searches Chinese and English text', async () => {
    expect(await ids(`q=${encodeURIComponent('转账失败')}`)).toEqual(idsOf('transfer'));
    expect(await ids(`q=${encodeURIComponent('排队')}`)).toEqual(idsOf('queue'));
    expect(await ids('q=refund')).toEqual(idsOf('refund'));
    expect(await ids('q=REFUND%20received')).toEqual(idsOf('refund'));
    expect(await ids('q=shoes')).toEqual(idsOf('refund'));
    expect(await ids('q=refund&status=closed')).toEqual([]);
    expect(await ids(`q=${encodeURIComponent('退款 转账 排队')}`)).toEqual([]);
    expect(await ids(`q=${encodeURIComponent('!!!')}`)).toEqual([]);
  });

  it('keeps the department scope when searching', async () => {
    expect(await ids(`q=${encodeURIComponent('排队')}`, agent.headers)).toEqual([]);
    expect(await ids('', agent.headers)).toEqual(idsOf('refund', 'transfer'));
  });

  it('sorts by resolution due time, earliest first and items without one last', async () => {
    const due: [string, string][] = [
      ['queue', '2026-11-24T01:00:00.000Z'],
      ['transfer', '2026-11-23T09:00:00.000Z'],
      ['idea', '2026-11-24T01:00:00.000Z'],
    ];
    for (const [name, resolutionDueAt] of due) {
      await t.ctx.database.db.transaction().execute((trx) =>
        updateFeedbackFields({
          trx,
          actor: SYSTEM_ACTOR,
          at: new Date(now).toISOString(),
          feedbackId: items[name]!.id,
          changes: { resolutionDueAt },
          dialect: t.ctx.database.dialect,
        }),
      );
    }
    const sameDue = idsOf('queue', 'idea').sort();
    const undated = idsOf('refund', 'waiter').sort();
    expect(await ids('sort=due')).toEqual([items.transfer!.id, ...sameDue, ...undated]);
    const page = await list('sort=due&limit=1');
    expect(page.body.data[0]?.resolutionDueAt).toBe('2026-11-23T09:00:00.000Z');
  });

  it('walks every page with a keyset cursor, with no duplicates or gaps, on both sorts', async () => {
    // Five more items at one instant, so the cursor has to break ties by id.
    at('2026-11-20T06:00:00.000Z');
    for (let i = 0; i < 5; i++) await buildFeedback(t, admin, { description: `tie ${i}` });
    for (const sort of ['created', 'due']) {
      const all = await ids(`sort=${sort}&limit=200`);
      expect(all).toHaveLength(10);
      for (const limit of [1, 2, 3, 4]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const res = await list(`sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
          expect(res.status).toBe(200);
          expect(res.body.data.length).toBeLessThanOrEqual(limit);
          seen.push(...res.body.data.map((i) => i.id));
          cursor = res.body.nextCursor;
          pages++;
        } while (cursor && pages < 50);
        expect(seen, `${sort} limit ${limit}`).toEqual(all);
      }
    }
  });

  it('refuses bad cursors and limits with 400', async () => {
    const bad = await list('cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_cursor');
    const first = await list('sort=due&limit=1');
    const mixed = await list(`sort=created&cursor=${first.body.nextCursor}`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.error.code).toBe('invalid_cursor');
    const forged = Buffer.from(JSON.stringify(['feedback:created', "x' or 1=1 --", 'y'])).toString(
      'base64url',
    );
    expect((await list(`cursor=${forged}`)).body.error.code).toBe('invalid_cursor');
    for (const q of [
      'limit=0',
      'limit=201',
      'limit=abc',
      'status=open',
      'sort=priority',
      'colour=red',
      'departmentId=x',
    ])
      expect((await list(q)).status, q).toBe(400);
  });
});
