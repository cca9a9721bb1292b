import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackItem } from '../../../shared/contracts/feedback.js';
import type { Notification } from '../../../shared/contracts/notifications.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback, CLOSURE, transition } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

// Monday 2 March 2026, 09:00 in Shanghai: a working day of the default business calendar.
let now = new Date('2026-03-02T01:00:00Z');
const setNow = (iso: string) => {
  now = new Date(iso);
};

describe('progress-update reminders of high-priority items (PRODUCT §3: every hour until resolved)', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let handler: { headers: Record<string, string>; userId: string | null; departmentId: string | null };
  let colleague: { userId: string | null };
  let supervisor: { userId: string | null };
  let queueAgents: { userId: string | null; departmentId: string | null }[];
  let outsider: { userId: string | null };

  beforeAll(async () => {
    t = await createTestApp({ clock: () => now });
    admin = (await actorHeaders(t, { role: 'admin', via: 'api_key' })).headers;
    handler = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
    colleague = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
    supervisor = await actorHeaders(t, { role: 'supervisor', departmentCode: 'after_sales' });
    queueAgents = [
      await actorHeaders(t, { role: 'agent', departmentCode: 'tech_support' }),
      await actorHeaders(t, { role: 'agent', departmentCode: 'tech_support' }),
    ];
    outsider = await actorHeaders(t, { role: 'agent', departmentCode: 'pre_sales' });
  });
  afterAll(async () => t?.close());

  async function highItem(departmentId: string, assigneeId: string | null): Promise<FeedbackItem> {
    const created = await buildFeedback(t, admin);
    await t.drainJobs();
    const assign = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${created.id}/assign`,
      headers: admin,
      payload: assigneeId ? { departmentId, assigneeId, reason: 'test' } : { departmentId, reason: 'test' },
    });
    expect(assign.status, JSON.stringify(assign.body)).toBe(200);
    const res = await call<{ data: FeedbackItem }>(t.app, {
      method: 'PATCH',
      url: `/api/v1/feedback/${created.id}`,
      headers: admin,
      payload: { priority: 'high', reason: 'test' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await t.drainJobs();
    return res.body.data;
  }
  async function reply(id: string) {
    const res = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${id}/messages`,
      headers: admin,
      payload: { body: '处理进展：已联系物流 / we contacted the carrier' },
    });
    expect(res.status).toBe(201);
    await t.drainJobs();
  }
  async function sweep() {
    await t.runtime.scheduler.tick();
    await t.drainJobs();
  }
  async function notes(userId: string | null, feedbackId: string, kind: string) {
    const rows = await t.ctx.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', userId!)
      .where('feedback_id', '=', feedbackId)
      .where('kind', '=', kind)
      .orderBy('created_at')
      .execute();
    return rows;
  }
  async function history(feedbackId: string, type: string) {
    return t.ctx.database.db
      .selectFrom('feedback_events')
      .selectAll()
      .where('feedback_id', '=', feedbackId)
      .where('type', '=', type)
      .execute();
  }

  it('reminds the assignee once per cycle ahead of the due time; the overdue cycle still goes to supervisors', async () => {
    setNow('2026-03-02T01:00:00Z');
    const item = await highItem(handler.departmentId!, handler.userId);
    setNow('2026-03-02T01:30:00Z');
    await reply(item.id); // 09:30 → the next update is due 10:30; the reminder comes at 80 % = 10:18

    setNow('2026-03-02T02:17:00Z');
    await sweep();
    expect(await notes(handler.userId, item.id, 'sla.progress_reminder')).toHaveLength(0);
    setNow('2026-03-02T02:18:00Z');
    await sweep();
    await sweep();
    const first = await notes(handler.userId, item.id, 'sla.progress_reminder');
    expect(first).toHaveLength(1);
    expect(first[0]!.title_zh).toBe(`工单 ${item.number}：请在 10:30 前向客户发送进展更新`);
    // Only the handler: not the colleague, the supervisor or another department.
    for (const other of [colleague, supervisor, outsider])
      expect(await notes(other.userId, item.id, 'sla.progress_reminder')).toHaveLength(0);
    const reminded = await history(item.id, 'sla.progress_reminder');
    expect(reminded).toHaveLength(1);
    expect(JSON.parse(reminded[0]!.data!)).toMatchObject({
      notified: [handler.userId],
      dueAt: '2026-03-02T02:30:00.000Z',
    });

    // The handler reads it in English through the API.
    const mine = await call<{ data: Notification[] }>(t.app, {
      method: 'GET',
      url: '/api/v1/notifications',
      headers: { ...handler.headers, 'accept-language': 'en' },
    });
    expect(mine.body.data.map((n) => n.title)).toContain(
      `Ticket ${item.number}: send the customer a progress update by 10:30`,
    );

    // Not sent: the cycle is overdue → the supervisors are told, and the handler is not reminded twice.
    setNow('2026-03-02T02:31:00Z');
    await sweep();
    expect(await notes(supervisor.userId, item.id, 'sla.breached')).toHaveLength(1);
    expect(await notes(handler.userId, item.id, 'sla.progress_reminder')).toHaveLength(1);

    // A public reply starts the next cycle: due 11:40, reminder at 11:28, once.
    setNow('2026-03-02T02:40:00Z');
    await reply(item.id);
    setNow('2026-03-02T03:27:00Z');
    await sweep();
    expect(await notes(handler.userId, item.id, 'sla.progress_reminder')).toHaveLength(1);
    setNow('2026-03-02T03:29:00Z');
    await sweep();
    await sweep();
    const second = await notes(handler.userId, item.id, 'sla.progress_reminder');
    expect(second).toHaveLength(2);
    expect(second[1]!.title_en).toBe(`Ticket ${item.number}: send the customer a progress update by 11:40`);

    // Resolved: the clock stops and no reminder follows, however long we wait.
    setNow('2026-03-02T03:35:00Z');
    expect((await transition(t, admin, item.id, { to: 'resolved', closure: CLOSURE })).status).toBe(200);
    await t.drainJobs();
    for (const at of ['2026-03-02T04:40:00Z', '2026-03-02T06:00:00Z', '2026-03-03T03:00:00Z']) {
      setNow(at);
      await sweep();
    }
    expect(await notes(handler.userId, item.id, 'sla.progress_reminder')).toHaveLength(2);
    expect(await history(item.id, 'sla.progress_reminder')).toHaveLength(2);
  });

  it('without an assignee reminds the department’s agents; after downtime the reminder comes with the breach, once', async () => {
    setNow('2026-03-03T01:00:00Z'); // Tuesday 09:00
    const item = await highItem(queueAgents[0]!.departmentId!, null);
    setNow('2026-03-03T01:10:00Z');
    await reply(item.id); // due 10:10
    // Nobody swept between 09:58 (reminder) and 10:10 (due): one sweep at 10:30 records both, once.
    setNow('2026-03-03T02:30:00Z');
    await sweep();
    await sweep();
    for (const a of queueAgents) {
      const got = await notes(a.userId, item.id, 'sla.progress_reminder');
      expect(got).toHaveLength(1);
      expect(got[0]!.title_zh).toContain('10:10');
    }
    expect(await notes(outsider.userId, item.id, 'sla.progress_reminder')).toHaveLength(0);
    expect(await notes(handler.userId, item.id, 'sla.progress_reminder')).toHaveLength(0);
    expect(await history(item.id, 'sla.progress_reminder')).toHaveLength(1);
    const breaches = (await history(item.id, 'sla.breached')).filter(
      (e) => JSON.parse(e.data!).target === 'progress',
    );
    expect(breaches).toHaveLength(1);
    const outbox = await t.ctx.database.db
      .selectFrom('outbox')
      .select('type')
      .where('aggregate_id', '=', item.id)
      .where('type', '=', 'sla.progress_reminder')
      .execute();
    expect(outbox).toHaveLength(1);
  });
});
