import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorHeaders } from '../../../test/support/actors.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { type SmtpSink, startSmtpSink } from '../intake/mail/mail.test-support.js';

interface ApiError {
  error: { code: string; message: string };
}

describe('customer tracking: one-time code to the contact on record, session, public timeline', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let now = new Date('2026-11-23T02:00:00Z');
  let supervisor: Record<string, string>;
  let agentId: string;
  let item: { id: string; number: string };
  let other: { id: string; number: string };
  let ip = 0;
  // Each step acts from its own client address, so the per-IP/number limits are tested on purpose only.
  const nextIp = () => `10.0.0.${++ip}`;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      clock: () => now,
      env: {
        SMTP_URL: sink.url,
        MAIL_FROM: '客服中心 <support@bank.example>',
        PUBLIC_RATE_LIMIT_IP: '1000',
        PUBLIC_RATE_LIMIT_CONTACT: '1000',
        // This file asks for many codes for one customer; the per-customer limit is tested in sms-delivery.test.ts.
        CUSTOMER_MESSAGES_PER_HOUR: '1000',
        CUSTOMER_MESSAGES_PER_DAY: '1000',
      },
    });
    supervisor = (await actorHeaders(t, { role: 'supervisor' })).headers;
    const agent = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
    agentId = agent.userId ?? '';
    const submit = async (email: string, description: string) =>
      (
        await call<{ data: { id: string; number: string } }>(t.app, {
          method: 'POST',
          url: '/api/v1/public/feedback',
          payload: { description, consent: true, customer: { name: '李娜', email } },
        })
      ).body.data;
    item = await submit('li.na@example.cn', '信用卡年费被重复扣了两次，请退还');
    other = await submit('zhang.wei@example.cn', '网点排队时间太长');
    await t.drainJobs();
    const assign = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${item.id}/assign`,
      headers: supervisor,
      payload: { assigneeId: agentId },
    });
    expect(assign.status).toBe(200);
    for (const payload of [
      { body: '内部备注：客户上月也投诉过，优先处理', internal: true },
      { body: '您好，我们已核实重复扣费，正在为您办理退款。' },
    ]) {
      const res = await call(t.app, {
        method: 'POST',
        url: `/api/v1/feedback/${item.id}/messages`,
        headers: agent.headers,
        payload,
      });
      expect(res.status).toBe(201);
    }
    await t.drainJobs();
    sink.received.length = 0;
  });

  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const requestCode = (number: string, contact: string, remoteAddress = nextIp()) =>
    call<{ data: { accepted: boolean; expiresInMinutes: number } } & ApiError>(t.app, {
      method: 'POST',
      url: '/api/v1/public/tracking/code',
      remoteAddress,
      headers: { 'accept-language': 'zh-CN' },
      payload: { number, contact },
    });
  const openSession = (number: string, code: string, remoteAddress = nextIp(), lang = 'en') =>
    call<{ data: { token: string; expiresAt: string } } & ApiError>(t.app, {
      method: 'POST',
      url: '/api/v1/public/tracking/session',
      remoteAddress,
      headers: { 'accept-language': lang },
      payload: { number, code },
    });
  const codesSentTo = (address: string) =>
    sink.received
      .filter((m) => m.to.includes(address))
      .map((m) => /(?:验证码：|Your code: )(\d{6})/.exec(m.parsed.text ?? '')?.[1])
      .filter((code): code is string => code !== undefined);
  async function codeFor(number: string, contact: string, address: string): Promise<string> {
    const before = codesSentTo(address).length;
    expect((await requestCode(number, contact)).status).toBe(202);
    await t.drainJobs();
    const codes = codesSentTo(address);
    expect(codes.length).toBe(before + 1);
    return codes[codes.length - 1] ?? '';
  }

  it('answers every code request alike and sends a code only to the matching contact', async () => {
    const right = await requestCode(item.number, '  LI.NA@example.cn ');
    const wrongContact = await requestCode(item.number, 'someone.else@example.cn');
    const unknownNumber = await requestCode('FB-20991231-9999', 'li.na@example.cn');
    for (const res of [right, wrongContact, unknownNumber]) {
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ data: { accepted: true, expiresInMinutes: 10 } });
    }
    await t.drainJobs();
    expect(sink.received).toHaveLength(1);
    const mail = sink.received[0];
    expect(mail?.to).toEqual(['li.na@example.cn']);
    expect(codesSentTo('li.na@example.cn')[0]).toMatch(/^\d{6}$/);
    const stored = await t.ctx.database.db.selectFrom('tracking_codes').selectAll().execute();
    expect(stored).toHaveLength(1);
    // Only a hash of the code is kept.
    expect(stored[0]?.code_hash).not.toContain(codesSentTo('li.na@example.cn')[0]);
  });

  it('refuses a wrong code and an unknown number with the same answer, then shows the public timeline', async () => {
    const code = await codeFor(item.number, 'li.na@example.cn', 'li.na@example.cn');
    const wrong = await openSession(item.number, code === '000000' ? '000001' : '000000');
    const unknown = await openSession('FB-20991231-9999', code);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error.code).toBe('tracking_code_invalid');

    const session = await openSession(item.number, code);
    expect(session.status).toBe(200);
    const token = session.body.data.token;
    // A code works once.
    expect((await openSession(item.number, code)).status).toBe(401);

    const view = await call<{
      data: Record<string, unknown> & {
        timeline: { kind: string; body: string | null; handlerName: string | null }[];
      };
    }>(t.app, {
      method: 'GET',
      url: `/api/v1/public/tracking/${item.number}`,
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'zh-CN' },
    });
    expect(view.status).toBe(200);
    const data = view.body.data;
    expect(data).toMatchObject({ number: item.number, status: 'received', statusLabel: '已受理' });
    const kinds = data.timeline.map((e) => e.kind);
    expect(kinds[0]).toBe('received');
    expect(kinds).toContain('assigned');
    expect(kinds).toContain('reply');
    const reply = data.timeline.find((e) => e.kind === 'reply');
    expect(reply?.body).toBe('您好，我们已核实重复扣费，正在为您办理退款。');
    expect(reply?.handlerName).toBe(data.handlerName);
    // Nothing internal: no note, no priority, reasons, tags, department, staff ids or emails.
    const text = JSON.stringify(view.body);
    expect(text).not.toContain('内部备注');
    expect(text).not.toContain(agentId);
    expect(text).not.toContain('@test.closeloop.local');
    for (const key of [
      'priority',
      'priorityReasons',
      'tags',
      'department',
      'assignee',
      'triage',
      'customer',
      'sla',
    ])
      expect(data).not.toHaveProperty(key);

    // The token reads only its own ticket; without one, nothing.
    const foreign = await call<ApiError>(t.app, {
      method: 'GET',
      url: `/api/v1/public/tracking/${other.number}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(foreign.status).toBe(401);
    expect(foreign.body.error.code).toBe('tracking_session_invalid');
    const anonymous = await call(t.app, { method: 'GET', url: `/api/v1/public/tracking/${item.number}` });
    expect(anonymous.status).toBe(401);

    // An hour later the session is over.
    now = new Date(now.getTime() + 61 * 60_000);
    const late = await call(t.app, {
      method: 'GET',
      url: `/api/v1/public/tracking/${item.number}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(late.status).toBe(401);
  });

  it('refuses an expired code, and kills a code after five wrong tries', async () => {
    const expired = await codeFor(item.number, 'li.na@example.cn', 'li.na@example.cn');
    now = new Date(now.getTime() + 11 * 60_000);
    const late = await openSession(item.number, expired, nextIp(), 'zh-CN');
    expect(late.status).toBe(401);
    expect(late.body.error).toEqual({
      code: 'tracking_code_expired',
      message: '验证码已过期，请重新获取。',
      details: [{ path: 'code' }],
    });

    const code = await codeFor(item.number, 'li.na@example.cn', 'li.na@example.cn');
    const wrongCode = code === '999999' ? '999998' : '999999';
    const answers: number[] = [];
    for (let i = 0; i < 5; i++) answers.push((await openSession(item.number, wrongCode)).status);
    expect(answers).toEqual([401, 401, 401, 401, 429]);
    const afterLimit = await openSession(item.number, code);
    expect(afterLimit.status).toBe(429);
    expect(afterLimit.body.error.code).toBe('tracking_attempts_exceeded');
    // A new code works again.
    const fresh = await codeFor(item.number, 'li.na@example.cn', 'li.na@example.cn');
    expect((await openSession(item.number, fresh)).status).toBe(200);
  });

  it('limits requests per client and ticket number', async () => {
    const address = '10.9.9.9';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await requestCode(other.number, 'nobody@example.cn', address)).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('shows the closure letter once resolved, without an expected completion time', async () => {
    const resolved = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${item.id}/transitions`,
      headers: supervisor,
      payload: { to: 'in_progress' },
    });
    expect(resolved.status).toBe(200);
    const done = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${item.id}/transitions`,
      headers: supervisor,
      payload: {
        to: 'resolved',
        closure: {
          rootCause: '批量扣费任务重试导致重复扣款',
          remedy: '已退还重复扣除的年费 300 元',
          prevention: '扣费任务增加幂等校验',
        },
      },
    });
    expect(done.status).toBe(200);
    const code = await codeFor(item.number, 'li.na@example.cn', 'li.na@example.cn');
    const { token } = (await openSession(item.number, code)).body.data;
    const view = await call<{
      data: {
        status: string;
        statusLabel: string;
        closure: unknown;
        expectedResolutionAt: string | null;
        timeline: { kind: string }[];
      };
    }>(t.app, {
      method: 'GET',
      url: `/api/v1/public/tracking/${item.number}`,
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' },
    });
    expect(view.body.data).toMatchObject({
      status: 'resolved',
      statusLabel: 'Resolved, awaiting your confirmation',
      expectedResolutionAt: null,
      closure: {
        rootCause: '批量扣费任务重试导致重复扣款',
        remedy: '已退还重复扣除的年费 300 元',
        prevention: '扣费任务增加幂等校验',
      },
    });
    expect(view.body.data.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['received', 'assigned', 'reply', 'in_progress', 'resolved']),
    );
  });

  it('closes on a rating of 3 or more; reopens below 3 with a raised priority and the supervisors told', async () => {
    const rate = (token: string, payload: Record<string, unknown>, lang = 'zh-CN') =>
      call<{ data: { outcome: string; status: string } } & ApiError>(t.app, {
        method: 'POST',
        url: `/api/v1/public/tracking/${item.number}/rating`,
        headers: { authorization: `Bearer ${token}`, 'accept-language': lang },
        payload,
      });
    const session = async () =>
      (await openSession(item.number, await codeFor(item.number, 'li.na@example.cn', 'li.na@example.cn')))
        .body.data.token;
    const before = await t.ctx.database.db
      .selectFrom('feedback')
      .select(['status', 'priority'])
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(before.status).toBe('resolved');

    const first = await session();
    const low = await rate(first, { score: 2, comment: '退款还没到账' });
    expect(low.status).toBe(200);
    expect(low.body.data).toEqual({ outcome: 'reopened', status: 'reopened' });
    const again = await rate(first, { score: 5 });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('rating_not_open');
    const reopened = await t.ctx.database.db
      .selectFrom('feedback')
      .select(['status', 'priority'])
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    const raised: Record<string, string> = {
      suggestion: 'normal',
      normal: 'high',
      high: 'urgent',
      urgent: 'urgent',
    };
    expect(reopened).toEqual({ status: 'reopened', priority: raised[before.priority] });
    const notices = await t.ctx.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('feedback_id', '=', item.id)
      .where('kind', '=', 'rating_low')
      .execute();
    expect(notices.length).toBeGreaterThan(0);
    expect(notices[0]?.title_zh).toBe(`工单 ${item.number} 客户评分 2/5，已重新打开`);

    now = new Date(now.getTime() + 3_600_000);
    // Resolved again, then rated 5: closed. The event reaches the outbox (webhooks' feedback.rated).
    for (const payload of [
      { to: 'in_progress' },
      {
        to: 'resolved',
        closure: { rootCause: '退款通道延迟', remedy: '已加急退款并补偿 50 元', prevention: '退款时效监控' },
      },
    ]) {
      const res = await call(t.app, {
        method: 'POST',
        url: `/api/v1/feedback/${item.id}/transitions`,
        headers: supervisor,
        payload,
      });
      expect(res.status).toBe(200);
    }
    const high = await rate(await session(), { score: 5, comment: '这次满意' }, 'en');
    expect(high.body.data).toEqual({ outcome: 'closed', status: 'closed' });
    const events = await t.ctx.database.db
      .selectFrom('outbox')
      .select(['type', 'payload'])
      .where('aggregate_id', '=', item.id)
      .where('type', '=', 'feedback.rated')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(events.map((e) => JSON.parse(e.payload).score)).toEqual([2, 5]);
    const ratings = await t.ctx.database.db
      .selectFrom('feedback_ratings')
      .select(['score', 'outcome'])
      .where('feedback_id', '=', item.id)
      .orderBy('created_at')
      .execute();
    expect(ratings.map((r) => [Number(r.score), r.outcome])).toEqual([
      [2, 'reopened'],
      [5, 'closed'],
    ]);
    // A closed ticket is not rated again.
    const late = await rate(await session(), { score: 1 }, 'en');
    expect(late.status).toBe(409);
    expect(late.body.error.message).toBe(
      'This ticket is not waiting for your confirmation, so it cannot be rated now.',
    );
  });

  it('told the customer at each key moment, once each, in their language', async () => {
    await t.drainJobs();
    const rows = await t.ctx.database.db
      .selectFrom('mail_outbound')
      .select(['subject', 'body', 'status', 'to_address', 'ref_id'])
      .where('feedback_id', '=', item.id)
      .where('purpose', '=', 'customer_notice')
      .execute();
    // In the order of the events they tell about (jobs may run in any order; the clock does not move between
    // some of them, so the mails' own times can tie).
    const events = await t.ctx.database.db
      .selectFrom('outbox')
      .select('id')
      .where('aggregate_id', '=', item.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const position = new Map(events.map((e, i) => [e.id, i]));
    const notices = rows.sort((a, b) => (position.get(a.ref_id) ?? -1) - (position.get(b.ref_id) ?? -1));
    const kinds = notices.map((n) => n.subject.replace(`[${item.number}] `, ''));
    expect(kinds).toEqual([
      '我们已受理您的反馈 / We have received your feedback',
      '已安排专人处理您的反馈 / Someone is now handling your feedback',
      '您的反馈已处理完毕，请确认并评价 / Your feedback has been resolved — please confirm and rate',
      '我们将继续处理您的反馈 / We are working on your feedback again',
      '您的反馈已处理完毕，请确认并评价 / Your feedback has been resolved — please confirm and rate',
      '您的反馈已闭环 / Your feedback is closed',
    ]);
    expect(new Set(notices.map((n) => n.to_address))).toEqual(new Set(['li.na@example.cn']));
    expect(notices.every((n) => n.status === 'sent')).toBe(true);
    expect(notices[2]?.body).toContain('问题原因：批量扣费任务重试导致重复扣款');
    expect(notices[2]?.body).toContain(`/track/${item.number}`);
    // Redelivering every event's jobs sends nothing more.
    await t.ctx.database.db
      .updateTable('outbox')
      .set({ dispatched_at: null })
      .where('aggregate_id', '=', item.id)
      .execute();
    await t.drainJobs();
    const again = await t.ctx.database.db
      .selectFrom('mail_outbound')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('feedback_id', '=', item.id)
      .where('purpose', '=', 'customer_notice')
      .executeTakeFirstOrThrow();
    expect(Number(again.n)).toBe(notices.length);
  });
});
