import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SmtpSink, startSmtpSink } from '../server/modules/intake/mail/mail.test-support.js';
import { actorHeaders } from './support/actors.js';
import { call, createTestApp, type TestApp } from './support/test-app.js';

const DAY = 86_400_000;
const BASE = 'https://cs.bank.example';

/**
 * The whole loop in one story, on the real app and database, with a real SMTP peer catching every mail:
 * submit → triage → assign → reply (mailed) → resolve with a closure letter → the customer rates 2 → reopened with
 * a raised priority and the supervisor told → resolved again → rates 5 → closed → a follow-up due 30 days later.
 */
describe('closing the loop, end to end', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let now = new Date('2026-11-23T02:00:00Z');
  let supervisor: { headers: Record<string, string>; userId: string | null };
  let agent: { headers: Record<string, string>; userId: string | null };
  let ip = 0;

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
        CUSTOMER_MESSAGES_PER_HOUR: '100',
        CUSTOMER_MESSAGES_PER_DAY: '100',
      },
    });
    supervisor = await actorHeaders(t, { role: 'supervisor', departmentCode: 'after_sales' });
    agent = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const mailsTo = (address: string) => sink.received.filter((m) => m.to.includes(address));
  async function rateWithCode(number: string, email: string, score: number, comment: string) {
    await call(t.app, {
      method: 'POST',
      url: '/api/v1/public/tracking/code',
      remoteAddress: `10.7.0.${++ip}`,
      payload: { number, contact: email },
    });
    await t.drainJobs();
    const code = mailsTo(email)
      .map((m) => /(?:验证码：|Your code: )(\d{6})/.exec(m.parsed.text ?? '')?.[1])
      .filter((c): c is string => c !== undefined)
      .at(-1);
    const session = await call<{ data: { token: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/public/tracking/session',
      remoteAddress: `10.7.0.${++ip}`,
      payload: { number, code },
    });
    expect(session.status).toBe(200);
    const rated = await call<{ data: { outcome: string } }>(t.app, {
      method: 'POST',
      url: `/api/v1/public/tracking/${number}/rating`,
      headers: { authorization: `Bearer ${session.body.data.token}` },
      payload: { score, comment },
    });
    expect(rated.status).toBe(200);
    await t.drainJobs();
    return rated.body.data.outcome;
  }
  const transition = async (id: string, payload: Record<string, unknown>) => {
    const res = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${id}/transitions`,
      headers: agent.headers,
      payload,
    });
    expect(res.status).toBe(200);
    await t.drainJobs();
  };
  const itemRow = (id: string) =>
    t.ctx.database.db
      .selectFrom('feedback')
      .select(['status', 'priority', 'nature', 'assignee_id', 'department_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('runs from submission to the follow-up visit', async () => {
    const email = 'zhou.min@example.cn';
    // 1. The customer submits on the portal; triage classifies it within the job pipeline.
    const submitted = await call<{ data: { id: string; number: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/public/feedback',
      payload: {
        description: '手机银行转账失败，钱已经扣了但对方没收到，非常着急',
        consent: true,
        customer: { name: '周敏', email },
      },
    });
    expect(submitted.status).toBe(201);
    const { id, number } = submitted.body.data;
    await t.drainJobs();
    const triaged = await itemRow(id);
    expect(triaged.nature).toBe('complaint');
    expect(['high', 'urgent']).toContain(triaged.priority);

    // 2. Assigned to the agent; 3. the agent replies, and the reply reaches the customer's mailbox.
    const assigned = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${id}/assign`,
      headers: supervisor.headers,
      payload: { assigneeId: agent.userId },
    });
    expect(assigned.status).toBe(200);
    const reply = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${id}/messages`,
      headers: agent.headers,
      payload: { body: '您好，我们已联系清算中心核查这笔转账，今天内给您答复。' },
    });
    expect(reply.status).toBe(201);
    await t.drainJobs();
    expect(mailsTo(email).some((m) => (m.parsed.text ?? '').includes('我们已联系清算中心核查这笔转账'))).toBe(
      true,
    );

    // 4. Resolved with a closure letter.
    await transition(id, { to: 'in_progress' });
    await transition(id, {
      to: 'resolved',
      closure: { rootCause: '清算通道超时', remedy: '资金已原路退回', prevention: '增加超时自动冲正' },
    });

    // 5. The customer rates 2: reopened, one tier higher, the supervisor told.
    expect(await rateWithCode(number, email, 2, '钱退回来了但花了三天')).toBe('reopened');
    const reopened = await itemRow(id);
    expect(reopened.status).toBe('reopened');
    const raise: Record<string, string> = { normal: 'high', high: 'urgent', urgent: 'urgent' };
    expect(reopened.priority).toBe(raise[triaged.priority]);
    const notices = await t.ctx.database.db
      .selectFrom('notifications')
      .select(['user_id', 'kind'])
      .where('feedback_id', '=', id)
      .where('kind', '=', 'rating_low')
      .execute();
    expect(notices.map((n) => n.user_id)).toContain(supervisor.userId);

    // 6. Resolved again; 7. rated 5: closed.
    now = new Date(now.getTime() + 3_600_000);
    await transition(id, { to: 'in_progress' });
    await transition(id, {
      to: 'resolved',
      closure: {
        rootCause: '清算通道超时',
        remedy: '资金已退回并补偿手续费',
        prevention: '增加超时自动冲正',
      },
    });
    expect(await rateWithCode(number, email, 5, '满意')).toBe('closed');
    expect((await itemRow(id)).status).toBe('closed');

    // 8. A major complaint: a follow-up visit due 30 days after closure, for the owner.
    const followUps = await t.ctx.database.db
      .selectFrom('follow_ups')
      .select(['due_at', 'assignee_id', 'status'])
      .where('feedback_id', '=', id)
      .execute();
    expect(followUps).toEqual([
      { due_at: new Date(now.getTime() + 30 * DAY).toISOString(), assignee_id: agent.userId, status: 'open' },
    ]);
  });
});
