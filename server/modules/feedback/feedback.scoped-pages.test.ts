import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackItem } from '../../../shared/contracts/feedback.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

type Actor = Awaited<ReturnType<typeof actorHeaders>>;

// A scoped inbox is read branch by branch (own department, own assignments, shares) and merged:
// walking it one item per page must still give every visible item exactly once, in order.
describe('keyset pages of a scoped inbox', () => {
  let t: TestApp;
  let admin: Actor;
  let agent: Actor;
  let techAgent: Actor;
  const visible: FeedbackItem[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await actorHeaders(t, { role: 'admin', via: 'api_key' });
    agent = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
    techAgent = await actorHeaders(t, { role: 'agent', departmentCode: 'tech_support' });
    const post = (url: string, payload: Record<string, string | null>) =>
      call<{ data: FeedbackItem }>(t.app, { method: 'POST', url, headers: admin.headers, payload });

    for (let i = 0; i < 3; i++) visible.push(await buildFeedback(t, agent.headers));
    // Own department and assigned to me: matches two branches, listed once.
    const both = await buildFeedback(t, agent.headers);
    expect((await post(`/api/v1/feedback/${both.id}/assign`, { assigneeId: agent.userId })).status).toBe(200);
    visible.push(both);
    // Another department's item assigned to me.
    const assigned = await buildFeedback(t, techAgent.headers);
    const a = await post(`/api/v1/feedback/${assigned.id}/assign`, { assigneeId: agent.userId });
    expect(a.status).toBe(200);
    visible.push(assigned);
    // Another department's item shared with mine, and also assigned to me.
    for (const assign of [false, true]) {
      const shared = await buildFeedback(t, techAgent.headers);
      const s = await post(`/api/v1/feedback/${shared.id}/shares`, { departmentId: agent.departmentId });
      expect(s.status).toBe(200);
      if (assign) await post(`/api/v1/feedback/${shared.id}/assign`, { assigneeId: agent.userId });
      visible.push(shared);
    }
    // Not visible to the agent.
    for (let i = 0; i < 2; i++) await buildFeedback(t, techAgent.headers);
  });
  afterAll(async () => t.close());

  const walk = async (who: Actor, query: string) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const res: { status: number; body: { data: FeedbackItem[]; nextCursor: string | null } } = await call(
        t.app,
        {
          method: 'GET',
          url: `/api/v1/feedback?limit=1&${query}${cursor ? `&cursor=${cursor}` : ''}`,
          headers: who.headers,
        },
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((i) => i.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    return seen;
  };

  it('walks every visible item once, newest first, as the unscoped list orders them', async () => {
    const all = await walk(admin, 'sort=created');
    const ids = new Set(visible.map((i) => i.id));
    const expected = all.filter((id) => ids.has(id));
    expect(expected).toHaveLength(visible.length);
    expect(await walk(agent, 'sort=created')).toEqual(expected);
  });

  it('walks by due time the same way, and keeps other filters inside each branch', async () => {
    const ids = new Set(visible.map((i) => i.id));
    const expected = (await walk(admin, 'sort=due')).filter((id) => ids.has(id));
    expect(await walk(agent, 'sort=due')).toEqual(expected);
    const mine = new Set([3, 4, 6].map((i) => visible[i]?.id));
    expect(await walk(agent, 'assigneeId=me&sort=due')).toEqual(expected.filter((id) => mine.has(id)));
  });
});
