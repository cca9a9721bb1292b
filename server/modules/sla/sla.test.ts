import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackItem } from '../../../shared/contracts/feedback.js';
import type { Notification } from '../../../shared/contracts/notifications.js';
import type { Calendar, Policy, SlaState } from '../../../shared/contracts/sla.js';
import type { Priority } from '../../../shared/enums.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback, CLOSURE, transition } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { testDbKind } from '../../../test/support/test-database.js';
import { loadConfig } from '../../platform/config/config.js';
import { createRuntime } from '../../runtime.js';
import { addMessage } from '../feedback/index.js';
import { sweepSla } from './commands/sweep.js';

let now = new Date('2026-03-02T01:00:00Z'); // Monday 09:00 in Shanghai
let t: TestApp;
let agent: Record<string, string>;
let admin: Record<string, string>;
let supervisor: { headers: Record<string, string>; userId: string | null };
let legal: { headers: Record<string, string>; userId: string | null };
let otherSupervisor: { headers: Record<string, string>; userId: string | null };
let departmentId: string;

const setNow = (iso: string) => {
  now = new Date(iso);
};
const minutesLater = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};

beforeAll(async () => {
  t = await createTestApp({ clock: () => now });
  // API keys do not expire when the test clock jumps days ahead (sessions do).
  agent = (await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales', via: 'api_key' })).headers;
  admin = (await actorHeaders(t, { role: 'admin', via: 'api_key' })).headers;
  const sup = await actorHeaders(t, { role: 'supervisor', departmentCode: 'after_sales' });
  supervisor = sup;
  departmentId = sup.departmentId!;
  otherSupervisor = await actorHeaders(t, { role: 'supervisor', departmentCode: 'tech_support' });
  legal = await actorHeaders(t, { role: 'analyst' });
  const res = await call(t.app, {
    method: 'PUT',
    url: '/api/v1/sla/escalation-recipients',
    headers: admin,
    payload: { recipients: [{ userId: legal.userId, list: 'legal' }] },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
});
afterAll(async () => t?.close());

/** An item of the after-sales department with the given priority, its triage and SLA jobs run. */
async function item(priority: Priority, overrides: Record<string, unknown> = {}): Promise<FeedbackItem> {
  const created = await buildFeedback(t, admin, overrides);
  await t.drainJobs();
  const assign = await call(t.app, {
    method: 'POST',
    url: `/api/v1/feedback/${created.id}/assign`,
    headers: admin,
    payload: { departmentId, reason: 'test' },
  });
  expect(assign.status, JSON.stringify(assign.body)).toBe(200);
  const current = await get(created.id);
  if (current.priority !== priority) {
    const res = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/feedback/${created.id}`,
      headers: agent,
      payload: { priority, reason: 'set by the test' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  await t.drainJobs();
  return get(created.id);
}

async function get(id: string): Promise<FeedbackItem> {
  const res = await call<{ data: FeedbackItem }>(t.app, {
    method: 'GET',
    url: `/api/v1/feedback/${id}`,
    headers: agent,
  });
  expect(res.status).toBe(200);
  return res.body.data;
}

async function sla(id: string): Promise<SlaState> {
  const res = await call<{ data: SlaState }>(t.app, {
    method: 'GET',
    url: `/api/v1/feedback/${id}/sla`,
    headers: agent,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}

async function history(id: string, type: string) {
  const rows = await t.ctx.database.db
    .selectFrom('feedback_events')
    .selectAll()
    .where('feedback_id', '=', id)
    .where('type', '=', type)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows;
}

async function outbox(id: string, type: string) {
  return t.ctx.database.db
    .selectFrom('outbox')
    .select('id')
    .where('aggregate_id', '=', id)
    .where('type', '=', type)
    .execute();
}

async function notificationsOf(userId: string, feedbackId: string) {
  return t.ctx.database.db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .where('feedback_id', '=', feedbackId)
    .execute();
}

/** The scheduler's path: enqueue the minute's sweep job, then run it. */
async function scheduledSweep() {
  await t.runtime.scheduler.tick();
  await t.drainJobs();
}

describe('due times per priority (created Monday 2026-03-02 09:00 Asia/Shanghai)', () => {
  it.each([
    // urgent: 24×7 — 1 h and 24 h on the clock.
    ['urgent', '2026-03-02T02:00:00.000Z', '2026-03-03T01:00:00.000Z'],
    // high: 4 working hours (09–12, 13–14) → 14:00; 3 working days → Wed 18:00.
    ['high', '2026-03-02T06:00:00.000Z', '2026-03-04T10:00:00.000Z'],
    // normal: 24 working hours → Wed 18:00; 5 working days → Fri 18:00.
    ['normal', '2026-03-04T10:00:00.000Z', '2026-03-06T10:00:00.000Z'],
    // suggestion: 5 working days → Fri 18:00; 20 working days → Fri 3/27 18:00.
    ['suggestion', '2026-03-06T10:00:00.000Z', '2026-03-27T10:00:00.000Z'],
  ] as const)('%s', async (priority, firstResponseDueAt, resolutionDueAt) => {
    setNow('2026-03-02T01:00:00Z');
    const it = await item(priority);
    expect(it.priority).toBe(priority);
    expect(it.firstResponseDueAt).toBe(firstResponseDueAt);
    expect(it.resolutionDueAt).toBe(resolutionDueAt);
    expect(it.sla).toMatchObject({
      firstResponse: { dueAt: firstResponseDueAt, status: 'on_track' },
      resolution: { dueAt: resolutionDueAt, status: 'on_track' },
      paused: false,
    });
    const state = await sla(it.id);
    expect(state.firstResponse).toEqual({ dueAt: firstResponseDueAt, status: 'on_track' });
    expect(state.paused).toBe(false);
    const set = await history(it.id, 'sla_due_set');
    expect(set.length).toBeGreaterThan(0);
    const policies = set.map(
      (e) => (JSON.parse(e.data!) as { policy: { priority: string } }).policy.priority,
    );
    expect(policies).toContain(priority);
  });

  it('counts the make-up Saturday before the 2026 Spring Festival', async () => {
    // Fri 2/13 17:00: 17–18 on Friday, then Saturday 2/14 (调休) 09–12 → 2/14 12:00.
    setNow('2026-02-13T09:00:00Z');
    const it = await item('high');
    expect(it.firstResponseDueAt).toBe('2026-02-14T04:00:00.000Z');
    // Three working days: Fri 60 + Sat 480 + (2/15–2/23 holiday) Tue 2/24 480 + Wed 2/25 420 → Wed 17:00.
    expect(it.resolutionDueAt).toBe('2026-02-25T09:00:00.000Z');
  });

  it('recomputes when an agent changes the priority (from the item receipt)', async () => {
    setNow('2026-03-02T01:00:00Z');
    const it = await item('normal');
    minutesLater(30);
    const res = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/feedback/${it.id}`,
      headers: agent,
      payload: { priority: 'urgent', reason: '客户提到律师' },
    });
    expect(res.status).toBe(200);
    await t.drainJobs();
    const after = await get(it.id);
    expect(after.firstResponseDueAt).toBe('2026-03-02T02:00:00.000Z');
    const set = await history(it.id, 'sla_due_set');
    expect(set.map((e) => e.reason)).toContain('feedback.updated');
  });
});

describe('first response', () => {
  it('stops on the first public agent reply, not on an internal note', async () => {
    setNow('2026-03-02T01:00:00Z');
    const it = await item('high');
    minutesLater(20);
    const note = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${it.id}/messages`,
      headers: agent,
      payload: { body: '内部备注：先查日志', internal: true },
    });
    expect(note.status).toBe(201);
    await t.drainJobs();
    expect((await sla(it.id)).firstResponse.status).toBe('on_track');
    expect((await get(it.id)).firstRespondedAt).toBeNull();

    minutesLater(10);
    const reply = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${it.id}/messages`,
      headers: agent,
      payload: { body: '您好，我们已收到您的反馈，正在处理。' },
    });
    expect(reply.status).toBe(201);
    await t.drainJobs();
    const state = await sla(it.id);
    expect(state.firstResponse.status).toBe('met');
    expect(state.resolution.status).toBe('on_track');
    expect((await get(it.id)).firstRespondedAt).toBe('2026-03-02T01:30:00.000Z');

    // Long after the due time, the sweep records nothing for the first response.
    minutesLater(10 * 60);
    await scheduledSweep();
    const escalations = await t.ctx.database.db
      .selectFrom('sla_escalations')
      .selectAll()
      .where('feedback_id', '=', it.id)
      .execute();
    expect(escalations.filter((e) => e.target === 'first_response')).toEqual([]);
  });

  it('resolution stops on resolved and counts again after reopening', async () => {
    setNow('2026-03-02T01:00:00Z');
    const it = await item('urgent');
    minutesLater(30);
    expect((await transition(t, agent, it.id, { to: 'resolved', closure: CLOSURE })).status).toBe(200);
    await t.drainJobs();
    let state = await sla(it.id);
    expect(state.resolution.status).toBe('met');
    expect(state.firstResponse.status).toBe('met');
    minutesLater(60);
    expect((await transition(t, agent, it.id, { to: 'reopened', reason: '客户不满意' })).status).toBe(200);
    await t.drainJobs();
    state = await sla(it.id);
    expect(state.resolution.status).toBe('on_track');
    // 30 minutes were used before resolving; the remaining 23.5 h count from the reopen at 02:30Z.
    expect(state.resolution.dueAt).toBe('2026-03-03T02:00:00.000Z');
  });
});

describe('sweep: at risk and breached, exactly once', () => {
  it('records each level once under repeated sweeps and escalates to supervisors and the urgent list', async () => {
    setNow('2026-03-02T01:00:00Z');
    const it = await item('urgent');
    minutesLater(47);
    await scheduledSweep();
    expect(await history(it.id, 'sla.at_risk')).toHaveLength(0);

    minutesLater(1); // 48 of 60 minutes = 80 %
    await scheduledSweep();
    await scheduledSweep();
    await sweepSla(t.ctx.database.db, now.toISOString());
    expect(await history(it.id, 'sla.at_risk')).toHaveLength(1);
    expect(await outbox(it.id, 'sla.at_risk')).toHaveLength(1);
    expect((await sla(it.id)).firstResponse.status).toBe('at_risk');
    expect((await get(it.id)).sla?.firstResponse.status).toBe('at_risk');
    expect(await notificationsOf(supervisor.userId!, it.id)).toHaveLength(1);
    expect(await notificationsOf(legal.userId!, it.id)).toHaveLength(1);
    expect(await notificationsOf(otherSupervisor.userId!, it.id)).toHaveLength(0);

    minutesLater(13);
    for (let i = 0; i < 3; i++) await scheduledSweep();
    const breached = await history(it.id, 'sla.breached');
    expect(breached).toHaveLength(1);
    expect(breached[0]!.actor_type).toBe('system');
    expect(JSON.parse(breached[0]!.data!)).toMatchObject({ target: 'first_response', level: 'breached' });
    expect(await outbox(it.id, 'sla.breached')).toHaveLength(1);
    expect((await sla(it.id)).firstResponse.status).toBe('breached');
    expect(await notificationsOf(supervisor.userId!, it.id)).toHaveLength(2);

    const res = await call<{ data: Notification[]; unreadCount: number }>(t.app, {
      method: 'GET',
      url: '/api/v1/notifications',
      headers: { ...supervisor.headers, 'accept-language': 'zh-CN' },
    });
    expect(res.status).toBe(200);
    const mine = res.body.data.filter((n) => n.feedbackId === it.id);
    expect(mine.map((n) => n.kind)).toEqual(['sla.breached', 'sla.at_risk']);
    expect(mine[0]!.title).toBe(`工单 ${it.number}：首次响应已超时`);
    expect(mine[0]!.titleEn).toBe(`Ticket ${it.number}: first response breached`);
    const read = await call(t.app, {
      method: 'POST',
      url: `/api/v1/notifications/${mine[0]!.id}/read`,
      headers: supervisor.headers,
    });
    expect(read.status).toBe(200);
    const other = await call(t.app, {
      method: 'POST',
      url: `/api/v1/notifications/${mine[0]!.id}/read`,
      headers: otherSupervisor.headers,
    });
    expect(other.status).toBe(404);
  });

  it('does not escalate a normal item to the urgent list', async () => {
    setNow('2026-03-02T01:00:00Z');
    const it = await item('normal');
    setNow('2026-03-03T10:00:00Z'); // Tuesday 18:00: 960 of 1440 working minutes
    await scheduledSweep();
    expect(await history(it.id, 'sla.at_risk')).toHaveLength(0);
    setNow('2026-03-04T06:00:00Z'); // Wed 14:00: 1200 of 1440 (83 %)
    await scheduledSweep();
    expect(await history(it.id, 'sla.at_risk')).toHaveLength(1);
    expect(await notificationsOf(supervisor.userId!, it.id)).toHaveLength(1);
    expect(await notificationsOf(legal.userId!, it.id)).toHaveLength(0);
  });

  it('two concurrent sweeps and a restarted app on the same database escalate once', async () => {
    setNow('2026-03-02T01:00:00Z');
    const items = [await item('urgent'), await item('urgent'), await item('high')];
    setNow('2026-03-02T07:00:00Z'); // urgent and high first responses are past due

    const second = await createRuntime(
      loadConfig({ DATABASE_URL: t.database.url, LOG_LEVEL: 'silent' }, { dotenv: false }),
      { database: t.database.open(), httpLogger: false, clock: () => now },
    );
    try {
      const at = now.toISOString();
      // Postgres: two apps' sweeps really interleave. SQLite: better-sqlite3 waits for a lock
      // synchronously, so two connections in one process cannot interleave; the sweeps of one app do
      // (one connection, transactions queued), and the second app sweeps right after.
      const pools =
        testDbKind() === 'postgres' ? [t.ctx.database.db, second.ctx.database.db] : [t.ctx.database.db];
      await Promise.all(
        pools.flatMap((db) => [sweepSla(db, at, { batchSize: 1 }), sweepSla(db, at), sweepSla(db, at)]),
      );
      await sweepSla(second.ctx.database.db, at);
      await second.scheduler.tick();
      await second.ctx.queue.runDue(100);
      await scheduledSweep();
    } finally {
      await second.close();
    }
    // A fresh app (a restart) sweeps again.
    const restarted = await createRuntime(
      loadConfig({ DATABASE_URL: t.database.url, LOG_LEVEL: 'silent' }, { dotenv: false }),
      { database: t.database.open(), httpLogger: false, clock: () => now },
    );
    try {
      await sweepSla(restarted.ctx.database.db, now.toISOString());
    } finally {
      await restarted.close();
    }
    for (const it of items) {
      const breached = await history(it.id, 'sla.breached');
      expect(breached.map((e) => JSON.parse(e.data!).target)).toEqual(['first_response']);
      expect(await outbox(it.id, 'sla.breached')).toHaveLength(1);
      expect(await notificationsOf(supervisor.userId!, it.id)).toHaveLength(1);
      // Both thresholds had passed by the first sweep: the breach is recorded, not a late at-risk.
      expect(await history(it.id, 'sla.at_risk')).toHaveLength(0);
    }
  });
});

describe('progress updates (high: every working hour after the first reply)', () => {
  it('escalates each overdue cycle once; a public reply starts a new cycle', async () => {
    setNow('2026-03-02T01:00:00Z');
    const it = await item('high');
    expect((await sla(it.id)).progressUpdate).toBeNull();
    const reply = async () => {
      const res = await call(t.app, {
        method: 'POST',
        url: `/api/v1/feedback/${it.id}/messages`,
        headers: agent,
        payload: { body: '处理进展：已联系物流' },
      });
      expect(res.status).toBe(201);
      await t.drainJobs();
    };
    minutesLater(30);
    await reply(); // 09:30 → next update due 10:30
    expect((await sla(it.id)).progressUpdate).toEqual({
      dueAt: '2026-03-02T02:30:00.000Z',
      status: 'on_track',
    });
    setNow('2026-03-02T02:31:00Z');
    await scheduledSweep();
    await scheduledSweep();
    const progressBreaches = async () =>
      (await history(it.id, 'sla.breached')).filter((e) => JSON.parse(e.data!).target === 'progress');
    expect(await progressBreaches()).toHaveLength(1);
    expect((await sla(it.id)).progressUpdate?.status).toBe('breached');

    setNow('2026-03-02T02:40:00Z');
    await reply(); // 10:40 → due 11:40
    expect((await sla(it.id)).progressUpdate).toEqual({
      dueAt: '2026-03-02T03:40:00.000Z',
      status: 'on_track',
    });
    setNow('2026-03-02T03:00:00Z');
    await scheduledSweep();
    expect(await progressBreaches()).toHaveLength(1);
    setNow('2026-03-02T03:41:00Z');
    await scheduledSweep();
    await scheduledSweep();
    expect(await progressBreaches()).toHaveLength(2);
    const notes = await notificationsOf(supervisor.userId!, it.id);
    expect(notes.filter((n) => n.title_en.endsWith('progress update breached'))).toHaveLength(2);

    // Resolving stops the progress clock (its last cycle stays breached); later sweeps add nothing.
    expect((await transition(t, agent, it.id, { to: 'resolved', closure: CLOSURE })).status).toBe(200);
    await t.drainJobs();
    expect((await sla(it.id)).progressUpdate?.status).toBe('breached');
    minutesLater(180);
    await scheduledSweep();
    expect(await progressBreaches()).toHaveLength(2);
  });
});

describe('pause while waiting on the customer', () => {
  it('pauses and resumes, moving the due time by the paused working time', async () => {
    setNow('2026-03-02T01:00:00Z');
    const it = await item('normal');
    expect(it.firstResponseDueAt).toBe('2026-03-04T10:00:00.000Z');
    minutesLater(60);
    const pause = await call<{ data: SlaState }>(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${it.id}/sla/pause`,
      headers: agent,
      payload: { reason: '等待客户提供订单截图' },
    });
    expect(pause.status, JSON.stringify(pause.body)).toBe(200);
    expect(pause.body.data.paused).toBe(true);
    expect((await history(it.id, 'sla.paused'))[0]!.reason).toBe('等待客户提供订单截图');
    const again = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${it.id}/sla/pause`,
      headers: agent,
      payload: {},
    });
    expect(again.status).toBe(409);

    setNow('2026-03-05T01:00:00Z'); // Thursday 09:00, past the original due time
    await scheduledSweep();
    expect(await history(it.id, 'sla.breached')).toHaveLength(0);
    expect(await history(it.id, 'sla.at_risk')).toHaveLength(0);

    const resume = await call<{ data: SlaState }>(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${it.id}/sla/resume`,
      headers: agent,
    });
    expect(resume.status, JSON.stringify(resume.body)).toBe(200);
    expect(resume.body.data.paused).toBe(false);
    // 60 of 1440 minutes used; 1380 left from Thu 09:00: Thu 480, Fri 480, Mon 3/9 09–12 + 13–17 → 17:00.
    expect(resume.body.data.firstResponse).toEqual({ dueAt: '2026-03-09T09:00:00.000Z', status: 'on_track' });
    expect((await get(it.id)).firstResponseDueAt).toBe('2026-03-09T09:00:00.000Z');
    expect(await history(it.id, 'sla.resumed')).toHaveLength(1);
  });

  it('a message from the customer resumes the clocks', async () => {
    setNow('2026-03-02T01:00:00Z');
    const it = await item('high');
    const pause = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${it.id}/sla/pause`,
      headers: agent,
      payload: {},
    });
    expect(pause.status).toBe(200);
    minutesLater(120);
    await t.ctx.database.db.transaction().execute(async (trx) => {
      await addMessage({
        trx,
        actor: { type: 'system', id: null, role: 'admin', departmentId: null, name: 'email intake' },
        at: now.toISOString(),
        feedbackId: it.id,
        kind: 'customer',
        body: '截图已上传',
      });
    });
    await t.drainJobs();
    const state = await sla(it.id);
    expect(state.paused).toBe(false);
    // Paused at once (0 used): 240 working minutes from 11:00 → 11–12, 13–16 → 16:00.
    expect(state.firstResponse.dueAt).toBe('2026-03-02T08:00:00.000Z');
    expect((await history(it.id, 'sla.resumed'))[0]!.reason).toBe('customer replied');
  });

  it('urgent items cannot be paused (policy)', async () => {
    setNow('2026-03-02T01:00:00Z');
    const it = await item('urgent');
    const res = await call<{ error: { code: string } }>(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${it.id}/sla/pause`,
      headers: agent,
      payload: {},
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('sla_not_pausable');
  });
});

describe('admin API', () => {
  it('lists the shipped calendars with the official holidays and edits them', async () => {
    const list = await call<{ data: Calendar[] }>(t.app, {
      method: 'GET',
      url: '/api/v1/sla/calendars',
      headers: agent,
    });
    expect(list.status).toBe(200);
    const business = list.body.data.find((c) => c.code === 'cn-business')!;
    expect(business).toMatchObject({ kind: 'business', timeZone: 'Asia/Shanghai', isDefault: true });
    expect(business.weekHours[0]).toEqual([
      ['09:00', '12:00'],
      ['13:00', '18:00'],
    ]);
    expect(list.body.data.find((c) => c.code === '24x7')?.kind).toBe('24x7');

    const detail = await call<{ data: Calendar & { days: { date: string; kind: string }[] } }>(t.app, {
      method: 'GET',
      url: `/api/v1/sla/calendars/${business.id}?from=2026-02-01&to=2026-02-28`,
      headers: agent,
    });
    expect(detail.status).toBe(200);
    expect(detail.body.data.days.filter((d) => d.kind === 'workday').map((d) => d.date)).toEqual([
      '2026-02-14',
      '2026-02-28',
    ]);
    expect(detail.body.data.days.filter((d) => d.kind === 'holiday')).toHaveLength(9);

    const forbidden = await call(t.app, {
      method: 'PUT',
      url: `/api/v1/sla/calendars/${business.id}/days/2026-12-31`,
      headers: agent,
      payload: { kind: 'holiday', name: '公司年会' },
    });
    expect(forbidden.status).toBe(403);
    const put = await call(t.app, {
      method: 'PUT',
      url: `/api/v1/sla/calendars/${business.id}/days/2026-12-31`,
      headers: admin,
      payload: { kind: 'holiday', name: '公司年会', nameEn: 'Company day' },
    });
    expect(put.status).toBe(200);
    const invalid = await call(t.app, {
      method: 'PUT',
      url: `/api/v1/sla/calendars/${business.id}/days/2026-02-30`,
      headers: admin,
      payload: { kind: 'holiday', name: '不存在的日期' },
    });
    expect(invalid.status).toBe(400);
    const del = await call(t.app, {
      method: 'DELETE',
      url: `/api/v1/sla/calendars/${business.id}/days/2026-12-31`,
      headers: admin,
    });
    expect(del.status).toBe(204);

    const bad = await call<{ error: { code: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/sla/calendars',
      headers: admin,
      payload: { code: 'ny', nameZh: '纽约', nameEn: 'New York', timeZone: 'America/Nowhere' },
    });
    expect(bad.body.error.code).toBe('sla_invalid_time_zone');
    const ny = await call<{ data: Calendar }>(t.app, {
      method: 'POST',
      url: '/api/v1/sla/calendars',
      headers: admin,
      payload: { code: 'ny', nameZh: '纽约', nameEn: 'New York', timeZone: 'America/New_York' },
    });
    expect(ny.status, JSON.stringify(ny.body)).toBe(201);
    expect(ny.body.data.weekHours[5]).toEqual([]);
  });

  it('moves the due times of open items when an admin adds or removes a holiday', async () => {
    setNow('2026-03-02T01:00:00Z');
    const it = await item('normal');
    expect(it.firstResponseDueAt).toBe('2026-03-04T10:00:00.000Z');
    const calendars = await call<{ data: Calendar[] }>(t.app, {
      method: 'GET',
      url: '/api/v1/sla/calendars',
      headers: agent,
    });
    const business = calendars.body.data.find((c) => c.code === 'cn-business')!;
    const put = await call(t.app, {
      method: 'PUT',
      url: `/api/v1/sla/calendars/${business.id}/days/2026-03-03`,
      headers: admin,
      payload: { kind: 'holiday', name: '临时停业', nameEn: 'Office closed' },
    });
    expect(put.status).toBe(200);
    await t.drainJobs();
    // Tuesday no longer counts: 24 working hours end on Thursday 18:00.
    expect((await get(it.id)).firstResponseDueAt).toBe('2026-03-05T10:00:00.000Z');
    const reasons = (await history(it.id, 'sla_due_set')).map((e) => e.reason);
    expect(reasons).toContain('sla.recompute');
    const del = await call(t.app, {
      method: 'DELETE',
      url: `/api/v1/sla/calendars/${business.id}/days/2026-03-03`,
      headers: admin,
    });
    expect(del.status).toBe(204);
    await t.drainJobs();
    expect((await get(it.id)).firstResponseDueAt).toBe('2026-03-04T10:00:00.000Z');
  });

  it('adds a nature-specific policy that wins over the priority fallback', async () => {
    const policies = await call<{ data: Policy[] }>(t.app, {
      method: 'GET',
      url: '/api/v1/sla/policies',
      headers: agent,
    });
    expect(
      policies.body.data
        .filter((p) => p.nature === '*')
        .map((p) => p.priority)
        .sort(),
    ).toEqual(['high', 'normal', 'suggestion', 'urgent']);
    const calendars = await call<{ data: Calendar[] }>(t.app, {
      method: 'GET',
      url: '/api/v1/sla/calendars',
      headers: agent,
    });
    const business = calendars.body.data.find((c) => c.code === 'cn-business')!;
    const created = await call<{ data: Policy }>(t.app, {
      method: 'POST',
      url: '/api/v1/sla/policies',
      headers: admin,
      payload: {
        priority: 'normal',
        nature: 'inquiry',
        name: '咨询 / Inquiry',
        calendarId: business.id,
        firstResponseMinutes: 120,
        resolutionMinutes: 480,
        pausable: true,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const dup = await call(t.app, {
      method: 'POST',
      url: '/api/v1/sla/policies',
      headers: admin,
      payload: { ...created.body.data, id: undefined, createdAt: undefined, updatedAt: undefined },
    });
    expect(dup.status).toBe(409);

    setNow('2026-03-02T01:00:00Z');
    const it = await item('normal', { nature: 'inquiry' });
    if (it.nature === 'inquiry') expect(it.firstResponseDueAt).toBe('2026-03-02T03:00:00.000Z');

    const removed = await call(t.app, {
      method: 'DELETE',
      url: `/api/v1/sla/policies/${created.body.data.id}`,
      headers: admin,
    });
    expect(removed.status).toBe(204);
    const fallback = policies.body.data.find((p) => p.priority === 'normal')!;
    const cannot = await call(t.app, {
      method: 'DELETE',
      url: `/api/v1/sla/policies/${fallback.id}`,
      headers: admin,
    });
    expect(cannot.status).toBe(409);
  });
});
