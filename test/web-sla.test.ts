import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackItem } from '../shared/contracts/feedback.js';
import { activeClock, SLA_COLOR } from '../web/src/sla.js';
import { actorHeaders } from './support/actors.js';
import { buildFeedback } from './support/feedback.js';
import { call, createTestApp, type TestApp } from './support/test-app.js';

// The web app's SLA badge logic (web/src/sla.ts) on the `sla` field the real API answers as an urgent
// item's first-response clock runs out (1 h on the 24×7 calendar), then after the first reply.
let now = new Date('2026-03-02T01:00:00Z');
let t: TestApp;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ clock: () => now });
  admin = (await actorHeaders(t, { role: 'admin', via: 'api_key' })).headers;
});
afterAll(async () => {
  await t.close();
});

async function get(id: string): Promise<FeedbackItem> {
  const res = await call<{ data: FeedbackItem }>(t.app, {
    method: 'GET',
    url: `/api/v1/feedback/${id}`,
    headers: admin,
  });
  expect(res.status).toBe(200);
  return res.body.data;
}

async function minutesLater(minutes: number) {
  now = new Date(now.getTime() + minutes * 60_000);
  await t.runtime.scheduler.tick();
  await t.drainJobs();
}

describe('SLA badge from the API (web/src/sla.ts)', () => {
  it('green → amber at 80 % → red when breached → green on the resolution clock after the first reply', async () => {
    const created = await buildFeedback(t, admin, { priority: 'urgent', channel: 'phone' });
    await t.drainJobs();
    let item = await get(created.id);
    expect(item.priority).toBe('urgent');
    let clock = activeClock(item.sla, item.firstRespondedAt);
    expect(clock?.clock).toBe('firstResponse');
    expect(SLA_COLOR[clock!.status]).toBe('green');
    expect(clock?.dueAt).toBe('2026-03-02T02:00:00.000Z');

    await minutesLater(48);
    item = await get(created.id);
    expect(SLA_COLOR[activeClock(item.sla, item.firstRespondedAt)!.status]).toBe('amber');

    await minutesLater(13);
    item = await get(created.id);
    clock = activeClock(item.sla, item.firstRespondedAt);
    expect(clock?.clock).toBe('firstResponse');
    expect(SLA_COLOR[clock!.status]).toBe('red');

    const reply = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${created.id}/messages`,
      headers: admin,
      payload: { body: '我们已收到，正在处理。' },
    });
    expect(reply.status).toBe(201);
    await t.drainJobs();
    item = await get(created.id);
    expect(item.firstRespondedAt).not.toBeNull();
    // Without the answer time the late first response would stay the badge for good.
    expect(activeClock(item.sla)?.clock).toBe('firstResponse');
    clock = activeClock(item.sla, item.firstRespondedAt);
    expect(clock?.clock).toBe('resolution');
    expect(SLA_COLOR[clock!.status]).toBe('green');
  });

  it('no SLA → no clock (the badge says so)', () => {
    expect(activeClock(null)).toBeNull();
  });
});
