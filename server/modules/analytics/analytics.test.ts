import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Overview } from '../../../shared/contracts/analytics.js';
import type { FeedbackItem } from '../../../shared/contracts/feedback.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback, transition } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

let now = new Date('2026-03-02T01:00:00Z'); // Monday 09:00 in Asia/Shanghai
const setNow = (iso: string) => {
  now = new Date(iso);
};

describe('GET /api/v1/analytics/overview', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let afterSalesAgent: Record<string, string>;
  let afterSales: string;
  let techSupport: string;

  beforeAll(async () => {
    t = await createTestApp({ clock: () => now });
    admin = (await actorHeaders(t, { role: 'admin', via: 'api_key' })).headers;
    const agent = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales', via: 'api_key' });
    afterSalesAgent = agent.headers;
    afterSales = agent.departmentId!;
    techSupport = (await actorHeaders(t, { role: 'agent', departmentCode: 'tech_support', via: 'api_key' }))
      .departmentId!;
  });
  afterAll(async () => t?.close());

  async function overview(headers: Record<string, string>, query = '') {
    return call<{ data: Overview; error: { code: string; message: string } }>(t.app, {
      method: 'GET',
      url: `/api/v1/analytics/overview${query}`,
      headers,
    });
  }

  async function item(overrides: Record<string, unknown>, departmentId: string, priority?: string) {
    const created = await buildFeedback(t, admin, overrides);
    await t.drainJobs();
    const res = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${created.id}/assign`,
      headers: admin,
      payload: { departmentId, reason: 'test' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    if (priority) {
      const patched = await call(t.app, {
        method: 'PATCH',
        url: `/api/v1/feedback/${created.id}`,
        headers: admin,
        payload: { priority, reason: 'set by the test' },
      });
      expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    }
    await t.drainJobs();
    return created as FeedbackItem;
  }

  it('counts what the caller sees: today by channel, open by priority and status, SLA and daily volume', async () => {
    // Yesterday (Sunday 1 March, local) one email, resolved and closed later.
    setNow('2026-03-01T03:00:00Z');
    const yesterday = await item({ channel: 'email' }, afterSales, 'normal');
    // Today: two urgent after-sales items (phone, email) at 09:00 local, one tech-support web item.
    setNow('2026-03-02T01:00:00Z');
    const urgentA = await item({ channel: 'phone', description: '转账失败，资金损失' }, afterSales, 'urgent');
    await item({ channel: 'email', description: 'refund never arrived' }, afterSales, 'urgent');
    await item({ channel: 'portal', description: '页面打不开' }, techSupport, 'high');
    const done = await transition(t, admin, yesterday.id, { to: 'in_progress' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);

    // 09:50 local: the urgent 1-hour first responses are past 80 % (at risk), not yet due.
    setNow('2026-03-02T01:50:00Z');
    let res = await overview(admin, '?timeZone=Asia/Shanghai&days=3');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    let o = res.body.data;
    expect(o.timeZone).toBe('Asia/Shanghai');
    expect(o.today.from).toBe('2026-03-01T16:00:00.000Z');
    expect(o.today.total).toBe(3);
    expect(o.today.byChannel).toMatchObject({ phone: 1, email: 1, portal: 1, widget: 0 });
    expect(o.open.total).toBe(4);
    expect(o.open.byPriority).toEqual({ urgent: 2, high: 1, normal: 1, suggestion: 0 });
    expect(o.open.byStatus).toEqual({ received: 3, in_progress: 1, reopened: 0 });
    expect(o.open.unassigned).toBe(4);
    expect(o.sla).toEqual({ atRisk: 2, breached: 0 });
    expect(o.daily.map((d) => [d.date, d.total])).toEqual([
      ['2026-02-28', 0],
      ['2026-03-01', 1],
      ['2026-03-02', 3],
    ]);

    // 10:30 local: both urgent first responses are breached; a reply to one stops its first-response
    // clock (its resolution clock runs on, on track).
    setNow('2026-03-02T02:30:00Z');
    const reply = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${urgentA.id}/messages`,
      headers: admin,
      payload: { body: '我们正在核实，稍后回复您。' },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    await t.drainJobs();
    o = (await overview(admin)).body.data;
    expect(o.sla).toEqual({ atRisk: 0, breached: 1 });

    // The after-sales agent sees only their department's items.
    res = await overview(afterSalesAgent, '?days=1');
    o = res.body.data;
    expect(o.timeZone).toBe('Asia/Shanghai');
    expect(o.today.total).toBe(2);
    expect(o.today.byChannel).toMatchObject({ phone: 1, email: 1, portal: 0 });
    expect(o.open.total).toBe(3);
    expect(o.open.byPriority.high).toBe(0);
    expect(o.daily).toHaveLength(1);

    // "Today" in New York is still 1 March at 10:30 Shanghai time.
    o = (await overview(admin, '?timeZone=America/New_York&days=2')).body.data;
    expect(o.today.from).toBe('2026-03-01T05:00:00.000Z');
    expect(o.today.total).toBe(3);
    expect(o.daily.map((d) => d.date)).toEqual(['2026-02-28', '2026-03-01']);
  });

  it('refuses an unknown time zone and a bad day count, in the caller’s language', async () => {
    const res = await call<{ error: { code: string; message: string } }>(t.app, {
      method: 'GET',
      url: '/api/v1/analytics/overview?timeZone=Mars/Olympus',
      headers: { ...admin, 'accept-language': 'zh-CN' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_time_zone');
    expect(res.body.error.message).toContain('未知的时区');
    const days = await overview(admin, '?days=400');
    expect(days.status).toBe(400);
    expect(days.body.error.code).toBe('validation_failed');
  });

  it('needs a login', async () => {
    const res = await overview({});
    expect(res.status).toBe(401);
  });
});
