import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorHeaders } from '../../../test/support/actors.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { LOOP_JOBS } from './loop.events.js';

const DAY = 86_400_000;

describe('resolved items the customer never answers are closed without rating', () => {
  let t: TestApp;
  let now = new Date('2026-11-02T01:00:00Z');
  let supervisor: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ clock: () => now, env: { RESOLUTION_CONFIRM_DAYS: '7' } });
    supervisor = (await actorHeaders(t, { role: 'supervisor', via: 'api_key' })).headers;
  });
  afterAll(async () => t.close());

  async function resolvedItem(description: string): Promise<string> {
    const created = await call<{ data: { id: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/feedback',
      headers: supervisor,
      payload: { description, customer: { email: `c${Date.now()}${Math.random()}@example.cn` } },
    });
    const id = created.body.data.id;
    const res = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${id}/transitions`,
      headers: supervisor,
      payload: {
        to: 'resolved',
        closure: { rootCause: '系统故障', remedy: '已修复', prevention: '增加监控' },
      },
    });
    expect(res.status).toBe(200);
    return id;
  }
  const statusOf = async (id: string) =>
    (
      await t.ctx.database.db
        .selectFrom('feedback')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status;
  async function sweep() {
    await t.ctx.queue.enqueue(LOOP_JOBS.closeUnrated, {}, { dedupeKey: `sweep:${now.toISOString()}` });
    await t.drainJobs();
  }

  it('closes after the confirmation period, with the reason in the history, and only once', async () => {
    const old = await resolvedItem('转账失败，钱被扣了');
    now = new Date(now.getTime() + 2 * DAY);
    const recent = await resolvedItem('App 登录不了');
    now = new Date(now.getTime() + 5 * DAY + 60_000);
    await sweep();
    expect(await statusOf(old)).toBe('closed');
    expect(await statusOf(recent)).toBe('resolved');
    const history = await t.ctx.database.db
      .selectFrom('feedback_events')
      .select(['to_value', 'reason', 'actor_type'])
      .where('feedback_id', '=', old)
      .where('type', '=', 'status_changed')
      .orderBy('created_at')
      .execute();
    expect(history.at(-1)).toEqual({
      to_value: 'closed',
      reason: '7 天内未确认，无评价自动闭环 · Closed without rating after 7 days',
      actor_type: 'system',
    });
    await sweep();
    const closings = await t.ctx.database.db
      .selectFrom('feedback_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('feedback_id', '=', old)
      .where('to_value', '=', 'closed')
      .executeTakeFirstOrThrow();
    expect(Number(closings.n)).toBe(1);
    now = new Date(now.getTime() + 2 * DAY);
    await sweep();
    expect(await statusOf(recent)).toBe('closed');
  });
});
