import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Customer } from '../../../../shared/contracts/customers.js';
import { actorHeaders } from '../../../../test/support/actors.js';
import { latestEvent } from '../../../../test/support/outbox.js';
import { call, createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { REFRESH_STATS_JOB } from '../customers.events.js';

let t: TestApp;
let agent: Record<string, string>;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  agent = (await actorHeaders(t, { role: 'agent' })).headers;
  admin = (await actorHeaders(t, { role: 'admin' })).headers;
});
afterAll(async () => t?.close());

async function submit(customer: Record<string, string>, description: string) {
  const res = await call<{ data: { id: string } }>(t.app, {
    method: 'POST',
    url: '/api/v1/feedback',
    headers: agent,
    payload: { description, channel: 'phone', customer },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.id;
}

async function listed(q: string): Promise<Customer[]> {
  const res = await call<{ data: Customer[] }>(t.app, {
    method: 'GET',
    url: `/api/v1/customers?q=${encodeURIComponent(q)}`,
    headers: agent,
  });
  expect(res.status).toBe(200);
  return res.body.data;
}

describe('customers.refresh-stats job', () => {
  it('recomputes feedback count and last feedback time after feedback is created', async () => {
    await submit({ name: '陈静', phone: '138 2222 3333' }, '转账失败，页面一直转圈');
    await submit({ phone: '+86 138-2222-3333', email: 'chen.jing@example.com' }, 'Transfer failed again');

    const before = await listed('13822223333');
    expect(before).toHaveLength(1);
    expect(before[0]?.feedbackCount).toBe(0);

    await t.drainJobs();
    const [customer] = await listed('13822223333');
    expect(customer?.name).toBe('陈静');
    expect(customer?.feedbackCount).toBe(2);
    expect(customer?.lastFeedbackAt).not.toBeNull();
    expect(customer?.identities.map((i) => i.kind).sort()).toEqual(['email', 'phone']);

    const detail = await call<{ data: Customer }>(t.app, {
      method: 'GET',
      url: `/api/v1/customers/${customer?.id}`,
      headers: agent,
    });
    expect(detail.body.data).toMatchObject({ feedbackCount: 2, lastFeedbackAt: customer?.lastFeedbackAt });
  });

  it('is idempotent: a redelivered event does not count twice', async () => {
    await submit({ email: 'once@example.com' }, '希望增加夜间模式');
    await t.drainJobs();
    const [customer] = await listed('once@example.com');
    expect(customer?.feedbackCount).toBe(1);
    const event = await latestEvent(t, 'feedback.created');
    for (let i = 0; i < 2; i++) {
      await t.ctx.queue.enqueue(REFRESH_STATS_JOB, { event });
    }
    await t.drainJobs();
    const [after] = await listed('once@example.com');
    expect(after?.feedbackCount).toBe(1);
  });

  it('recounts after a merge: a merged duplicate no longer counts', async () => {
    const first = await submit({ email: 'dup@example.com' }, '快递三天没到');
    const second = await submit({ email: 'DUP@example.com' }, '快递三天没到，再问一次');
    await t.drainJobs();
    expect((await listed('dup@example.com'))[0]?.feedbackCount).toBe(2);
    const merged = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${second}/merge`,
      headers: admin,
      payload: { targetId: first, reason: 'same issue' },
    });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    await t.drainJobs();
    expect((await listed('dup@example.com'))[0]?.feedbackCount).toBe(1);
  });
});
