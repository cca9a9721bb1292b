import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackItem } from '../../../shared/contracts/feedback.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

interface Original {
  id: string;
  channel: string;
  source: string;
  payload: string | null;
  payloadEncoding: string;
  outcome: string;
  feedbackId: string | null;
  remoteIp: string | null;
}

describe('phone calls and raw originals', () => {
  let t: TestApp;
  let agent: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    agent = (await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' })).headers;
  });
  afterAll(async () => t.close());

  const logCall = (headers: Record<string, string>, payload: Record<string, unknown>) =>
    call<{ data: FeedbackItem; error: { code: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/intake/calls',
      headers,
      payload,
    });
  const originals = (headers: Record<string, string>, id: string) =>
    call<{ data: Original[]; error: { code: string } }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${id}/originals`,
      headers,
    });

  it('creates a phone item, creating the caller by number, then links the next call to the same customer', async () => {
    const first = await logCall(agent, {
      callerName: '李雷',
      phone: '021-6888 1234',
      startedAt: '2026-11-23T09:30:00+08:00',
      durationSeconds: 420,
      notes: '客户来电投诉信用卡年费被重复扣收',
      nature: 'complaint',
      product: '信用卡',
    });
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ channel: 'phone', nature: 'complaint', product: '信用卡' });
    expect(first.body.data.occurredAt).toBe('2026-11-23T01:30:00.000Z');
    expect(first.body.data.customer?.name).toBe('李雷');
    const customerId = first.body.data.customer!.id;

    const second = await logCall(agent, {
      phone: '+86 21 6888 1234',
      startedAt: '2026-11-23T10:00:00+08:00',
      durationSeconds: 60,
      notes: '客户回电询问处理进度',
      direction: 'outbound',
    });
    expect(second.status).toBe(201);
    expect(second.body.data.customer?.id).toBe(customerId);

    const kept = await originals(agent, second.body.data.id);
    expect(kept.status).toBe(200);
    expect(kept.body.data).toHaveLength(1);
    expect(kept.body.data[0]).toMatchObject({ channel: 'phone', source: 'phone', outcome: 'created' });
    expect(JSON.parse(kept.body.data[0]!.payload!)).toMatchObject({
      phone: '+86 21 6888 1234',
      durationSeconds: 60,
      direction: 'outbound',
      notes: '客户回电询问处理进度',
    });
  });

  it('is refused to analysts and anonymous callers, and an invalid number is 400', async () => {
    const analyst = (await actorHeaders(t, { role: 'analyst' })).headers;
    const body = {
      phone: '13812345678',
      startedAt: '2026-11-23T09:30:00+08:00',
      durationSeconds: 1,
      notes: 'x',
    };
    expect((await logCall(analyst, body)).status).toBe(403);
    expect((await logCall({}, body)).status).toBe(401);
    const bad = await logCall(agent, { ...body, phone: '123456' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_phone');
    expect((await logCall(agent, { ...body, extra: true })).status).toBe(400);
  });

  it('accepts API keys with an agent role', async () => {
    const key = (await actorHeaders(t, { role: 'agent', via: 'api_key' })).headers;
    const res = await logCall(key, {
      phone: '13900001111',
      startedAt: '2026-11-23T11:00:00+08:00',
      durationSeconds: 30,
      notes: 'Caller asked about branch opening hours',
    });
    expect(res.status).toBe(201);
  });

  it('shows a public submission’s original only to staff who may see the item and its contact details', async () => {
    const payload = {
      description: '手机银行转账失败',
      customer: { email: 'originals@example.cn' },
      consent: true,
    };
    const created = await call<{ data: { id: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/public/feedback',
      payload,
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id;

    const admin = (await actorHeaders(t, { role: 'admin' })).headers;
    const seen = await originals(admin, id);
    expect(seen.status).toBe(200);
    expect(seen.body.data[0]).toMatchObject({ source: 'public', channel: 'portal', feedbackId: id });
    expect(JSON.parse(seen.body.data[0]!.payload!)).toEqual(payload);

    // The item is in the triage queue (no department): an agent of a department does not see it at all.
    const otherAgent = (await actorHeaders(t, { role: 'agent', departmentCode: 'tech_support' })).headers;
    expect((await originals(otherAgent, id)).status).toBe(404);
    // Analysts see every item but not raw contact details.
    const analyst = (await actorHeaders(t, { role: 'analyst' })).headers;
    expect((await originals(analyst, id)).status).toBe(403);
    expect((await originals({}, id)).status).toBe(401);
    expect((await originals(admin, '0190d3a8-0000-7000-8000-000000000000')).status).toBe(404);
  });

  it('scrubs raw originals when the customer is erased', async () => {
    const created = await call<{ data: { id: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/public/feedback',
      payload: { description: '请删除我的信息', customer: { phone: '13700001234' }, consent: true },
    });
    const admin = (await actorHeaders(t, { role: 'admin' })).headers;
    const item = await call<{ data: FeedbackItem }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${created.body.data.id}`,
      headers: admin,
    });
    const erased = await call(t.app, {
      method: 'POST',
      url: `/api/v1/customers/${item.body.data.customer!.id}/erase`,
      headers: admin,
      payload: {},
    });
    expect([200, 204]).toContain(erased.status);
    await t.drainJobs();
    const after = await originals(admin, created.body.data.id);
    expect(after.body.data[0]).toMatchObject({ payload: null, remoteIp: null });
  });
});
