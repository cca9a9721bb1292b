import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorHeaders } from '../../../test/support/actors.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { type SmtpSink, startSmtpSink } from '../intake/mail/mail.test-support.js';
import { LOOP_JOBS } from './loop.events.js';

interface ApiError {
  error: { code: string; message: string };
}

interface FollowUpBody {
  id: string;
  feedbackId: string;
  number: string | null;
  reason: string;
  reasonLabel: string;
  assignee: { id: string; name: string } | null;
  closedAt: string;
  dueAt: string;
  status: string;
  dueNotifiedAt: string | null;
  outcome: { careMeasure: string; satisfiedAgain: boolean; note: string | null; doneAt: string } | null;
}

const BASE = 'https://cs.bank.example';
const DAY = 86_400_000;

describe('follow-up visits of major complaints, 30 days after closure', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let now = new Date('2026-11-23T02:00:00Z');
  let supervisor: Record<string, string>;
  let agent: Record<string, string>;
  let agentId = '';
  let otherAgent: Record<string, string>;
  let otherAgentId = '';
  const items: Record<'high' | 'flagged' | 'plain', { id: string; number: string }> = {
    high: { id: '', number: '' },
    flagged: { id: '', number: '' },
    plain: { id: '', number: '' },
  };
  let closedAt = '';
  let ip = 0;

  const transition = (id: string, payload: Record<string, unknown>) =>
    call(t.app, { method: 'POST', url: `/api/v1/feedback/${id}/transitions`, headers: supervisor, payload });
  const followUpsOf = (feedbackId: string) =>
    t.ctx.database.db.selectFrom('follow_ups').selectAll().where('feedback_id', '=', feedbackId).execute();
  const list = (headers: Record<string, string>, query: string, lang = 'en') =>
    call<{ data: FollowUpBody[] } & ApiError>(t.app, {
      method: 'GET',
      url: `/api/v1/follow-ups?${query}`,
      headers: { ...headers, 'accept-language': lang },
    });

  /** Signs the same user in again (sessions do not outlive a 30-day jump of the clock). */
  async function signIn(userId: string): Promise<Record<string, string>> {
    const { email } = await t.ctx.database.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    const login = await call<{ data: { csrfToken: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'correct horse battery staple' },
    });
    expect(login.status).toBe(200);
    return {
      cookie: login.response.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
      'x-csrf-token': login.body.data.csrfToken,
    };
  }

  /** Resolves the item with a closure letter and rates it through the link mailed to the customer. */
  async function resolveAndRate(item: { id: string; number: string }, score: number) {
    expect((await transition(item.id, { to: 'in_progress' })).status).toBe(200);
    const resolved = await transition(item.id, {
      to: 'resolved',
      closure: { rootCause: '系统故障', remedy: '已补偿 100 元', prevention: '加强巡检' },
    });
    expect(resolved.status).toBe(200);
    await t.drainJobs();
    const token = sink.received
      .map(
        (m) => new RegExp(`${BASE}/rate/${item.number}\\?t=([A-Za-z0-9_-]+)`).exec(m.parsed.text ?? '')?.[1],
      )
      .filter((x): x is string => x !== undefined)
      .at(-1);
    expect(token).toBeDefined();
    const rated = await call<{ data: { outcome: string } }>(t.app, {
      method: 'POST',
      url: `/api/v1/public/rating-links/${token}`,
      remoteAddress: `10.2.0.${++ip}`,
      payload: { score },
    });
    expect(rated.status).toBe(200);
    await t.drainJobs();
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      clock: () => now,
      env: {
        SMTP_URL: sink.url,
        MAIL_FROM: '客服中心 <support@bank.example>',
        PUBLIC_BASE_URL: BASE,
        PUBLIC_RATE_LIMIT_IP: '1000',
        PUBLIC_RATE_LIMIT_CONTACT: '1000',
      },
    });
    supervisor = (await actorHeaders(t, { role: 'supervisor' })).headers;
    const a = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
    agent = a.headers;
    agentId = a.userId ?? '';
    const b = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
    otherAgent = b.headers;
    otherAgentId = b.userId ?? '';
    for (const [key, email] of [
      ['high', 'zhao.lei@example.cn'],
      ['flagged', 'qian.li@example.cn'],
      ['plain', 'sun.mei@example.cn'],
    ] as const) {
      const res = await call<{ data: { id: string; number: string } }>(t.app, {
        method: 'POST',
        url: '/api/v1/public/feedback',
        payload: {
          description: `理财产品赎回资金迟迟未到账（${key}）`,
          consent: true,
          customer: { name: '客户', email },
        },
      });
      items[key] = res.body.data;
      await t.drainJobs();
      const assign = await call(t.app, {
        method: 'POST',
        url: `/api/v1/feedback/${items[key].id}/assign`,
        headers: supervisor,
        payload: { assigneeId: agentId },
      });
      expect(assign.status).toBe(200);
    }
    // Triage sets a priority of its own: pin each one (high for the first, normal for the others).
    for (const [key, priority] of [
      ['high', 'high'],
      ['flagged', 'normal'],
      ['plain', 'normal'],
    ] as const) {
      const set = await call(t.app, {
        method: 'PATCH',
        url: `/api/v1/feedback/${items[key].id}`,
        headers: supervisor,
        payload: { priority, reason: '人工复核优先级' },
      });
      expect(set.status).toBe(200);
    }
    await t.drainJobs();
  });

  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('lets whoever may update the item flag it as a major complaint, on its history', async () => {
    const flag = await call<{ data: { major: boolean; reason: string | null } }>(t.app, {
      method: 'PUT',
      url: `/api/v1/feedback/${items.flagged.id}/major-complaint`,
      headers: agent,
      payload: { major: true, reason: '客户情绪激动，扬言投诉至监管' },
    });
    expect(flag.status).toBe(200);
    expect(flag.body.data).toMatchObject({ major: true, reason: '客户情绪激动，扬言投诉至监管' });
    const read = await call<{ data: { major: boolean } }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${items.flagged.id}/major-complaint`,
      headers: agent,
    });
    expect(read.body.data.major).toBe(true);
    const analyst = (await actorHeaders(t, { role: 'analyst' })).headers;
    const refused = await call<ApiError>(t.app, {
      method: 'PUT',
      url: `/api/v1/feedback/${items.flagged.id}/major-complaint`,
      headers: { ...analyst, 'accept-language': 'zh-CN' },
      payload: { major: false },
    });
    expect(refused.status).toBe(403);
    const history = await t.ctx.database.db
      .selectFrom('feedback_events')
      .select(['type', 'reason'])
      .where('feedback_id', '=', items.flagged.id)
      .where('type', 'like', 'major_complaint.%')
      .execute();
    expect(history).toEqual([{ type: 'major_complaint.flagged', reason: '客户情绪激动，扬言投诉至监管' }]);
  });

  it('resolve → rate 2 → reopened (urgent) → resolve → rate 5 → closed → a follow-up due 30 days later, assigned to the owner, once', async () => {
    now = new Date('2026-11-23T02:30:00Z');
    await resolveAndRate(items.high, 2);
    expect(await followUpsOf(items.high.id)).toHaveLength(0);
    now = new Date('2026-11-23T03:00:00Z');
    await resolveAndRate(items.high, 5);
    const item = await t.ctx.database.db
      .selectFrom('feedback')
      .select(['status', 'closed_at'])
      .where('id', '=', items.high.id)
      .executeTakeFirstOrThrow();
    expect(item.status).toBe('closed');
    closedAt = item.closed_at ?? '';
    const rows = await followUpsOf(items.high.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      assignee_id: agentId,
      reason: 'urgent',
      status: 'open',
      closed_at: closedAt,
      due_at: new Date(Date.parse(closedAt) + 30 * DAY).toISOString(),
    });
    now = new Date('2026-11-23T04:00:00Z');
    await resolveAndRate(items.flagged, 4);
    await resolveAndRate(items.plain, 5);
    expect(await followUpsOf(items.flagged.id)).toHaveLength(1);
    expect((await followUpsOf(items.flagged.id))[0]?.reason).toBe('flagged');
    expect(await followUpsOf(items.plain.id)).toHaveLength(0);
    // Redelivering every event creates nothing more.
    await t.ctx.database.db.updateTable('outbox').set({ dispatched_at: null }).execute();
    await t.drainJobs();
    expect(await followUpsOf(items.high.id)).toHaveLength(1);
    expect(await followUpsOf(items.flagged.id)).toHaveLength(1);
    const history = await t.ctx.database.db
      .selectFrom('feedback_events')
      .select('type')
      .where('feedback_id', '=', items.high.id)
      .where('type', '=', 'follow_up.scheduled')
      .execute();
    expect(history).toHaveLength(1);
  });

  it('lists nothing due until the day comes, then mine and my department’s', async () => {
    const before = await list(agent, 'due=now');
    expect(before.status).toBe(200);
    expect(before.body.data).toEqual([]);
    const upcoming = await list(agent, 'due=all', 'zh-CN');
    expect(upcoming.body.data.map((f) => [f.number, f.reason, f.reasonLabel])).toEqual([
      [items.high.number, 'urgent', '紧急投诉'],
      [items.flagged.number, 'flagged', '坐席标记的重大投诉'],
    ]);
    now = new Date(Date.parse(closedAt) + 30 * DAY + 60_000);
    agent = await signIn(agentId);
    otherAgent = await signIn(otherAgentId);
    const due = await list(agent, 'due=now');
    expect(due.body.data.map((f) => f.number)).toEqual([items.high.number]);
    expect(due.body.data[0]?.assignee?.id).toBe(agentId);
    expect((await list(otherAgent, 'scope=mine')).body.data).toEqual([]);
    expect((await list(otherAgent, 'scope=department')).body.data.map((f) => f.number)).toEqual([
      items.high.number,
    ]);
    const bad = await list(agent, 'due=tomorrow', 'zh-CN');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });

  it('tells the owner once when a follow-up falls due', async () => {
    const notices = () =>
      t.ctx.database.db
        .selectFrom('notifications')
        .select(['user_id', 'feedback_id', 'title_zh', 'title_en'])
        .where('kind', '=', 'follow_up_due')
        .execute();
    await t.ctx.queue.enqueue(LOOP_JOBS.followUpsDue, {}, { dedupeKey: `due:${now.toISOString()}` });
    await t.drainJobs();
    await t.ctx.queue.enqueue(LOOP_JOBS.followUpsDue, {}, { dedupeKey: `due:${now.toISOString()}:again` });
    await t.drainJobs();
    const sent = await notices();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ user_id: agentId, feedback_id: items.high.id });
    expect(sent[0]?.title_zh).toContain(items.high.number);
    const [row] = await followUpsOf(items.high.id);
    expect(row?.due_notified_at).toBe(now.toISOString());
  });

  it('records the outcome once, on the item’s history', async () => {
    const [row] = await followUpsOf(items.high.id);
    const url = `/api/v1/follow-ups/${row?.id}/outcome`;
    const payload = { careMeasure: '电话回访并赠送理财体验金', satisfiedAgain: true, note: '客户表示满意' };
    const done = await call<{ data: FollowUpBody }>(t.app, { method: 'POST', url, headers: agent, payload });
    expect(done.status).toBe(200);
    expect(done.body.data).toMatchObject({
      status: 'done',
      outcome: { careMeasure: '电话回访并赠送理财体验金', satisfiedAgain: true, note: '客户表示满意' },
    });
    const again = await call<ApiError>(t.app, {
      method: 'POST',
      url,
      headers: { ...agent, 'accept-language': 'zh-CN' },
      payload,
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'follow_up_already_done',
      message: '该回访任务的结果已记录，不能重复提交。',
    });
    const missing = await call<ApiError>(t.app, {
      method: 'POST',
      url: '/api/v1/follow-ups/not-an-id/outcome',
      headers: agent,
      payload,
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('follow_up_not_found');
    const history = await t.ctx.database.db
      .selectFrom('feedback_events')
      .select(['type', 'to_value', 'reason'])
      .where('feedback_id', '=', items.high.id)
      .where('type', '=', 'follow_up.done')
      .execute();
    expect(history).toEqual([{ type: 'follow_up.done', to_value: 'satisfied', reason: '客户表示满意' }]);
    expect((await list(agent, 'due=now')).body.data).toEqual([]);
    expect((await list(agent, 'due=now&status=done')).body.data.map((f) => f.number)).toEqual([
      items.high.number,
    ]);
  });

  it('documents the loop endpoints in the OpenAPI document', async () => {
    const doc = await call<{ paths: Record<string, Record<string, unknown>> }>(t.app, {
      method: 'GET',
      url: '/api/openapi.json',
    });
    expect(doc.status).toBe(200);
    for (const [path, method] of [
      ['/api/v1/follow-ups', 'get'],
      ['/api/v1/follow-ups/{id}/outcome', 'post'],
      ['/api/v1/feedback/{id}/major-complaint', 'put'],
      ['/api/v1/public/rating-links/{token}', 'post'],
      ['/api/v1/public/rating-links/{token}/closure-letter', 'get'],
      ['/api/v1/public/tracking/{number}/closure-letter', 'get'],
    ] as const)
      expect(doc.body.paths[path]?.[method], `${method} ${path}`).toBeDefined();
  });
});
