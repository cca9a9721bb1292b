import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackItem } from '../../../shared/contracts/feedback.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let admin: Record<string, string>;
let supervisor: Record<string, string>;
let apiKey: Record<string, string>;
let afterSalesId: string;
let techId: string;
const agents: { id: string; headers: Record<string, string> }[] = [];

const COMPLAINT = '买的洗衣机收到时外壳破损，要求退货退款，客服一直推脱';

beforeAll(async () => {
  t = await createTestApp();
  admin = (await actorHeaders(t, { role: 'admin' })).headers;
  supervisor = (await actorHeaders(t, { role: 'supervisor' })).headers;
  apiKey = (await actorHeaders(t, { role: 'agent', via: 'api_key' })).headers;
  // after_sales handles the after_sales area; there is no pre-sales department.
  for (let i = 0; i < 4; i++) {
    const a = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
    agents.push({ id: a.userId!, headers: a.headers });
    afterSalesId = a.departmentId!;
  }
  techId = (await actorHeaders(t, { role: 'agent', departmentCode: 'tech_support' })).departmentId!;
});
afterAll(async () => t?.close());

async function get(id: string): Promise<FeedbackItem> {
  const res = await call<{ data: FeedbackItem }>(t.app, {
    method: 'GET',
    url: `/api/v1/feedback/${id}`,
    headers: admin,
  });
  expect(res.status).toBe(200);
  return res.body.data;
}

async function put(url: string, payload: Record<string, unknown>, headers = admin) {
  const res = await call<{ data: unknown; error?: { code: string } }>(t.app, {
    method: 'PUT',
    url,
    headers,
    payload,
  });
  return res;
}

async function queue(headers = supervisor) {
  return call<{ data: FeedbackItem[]; nextCursor: string | null }>(t.app, {
    method: 'GET',
    url: '/api/v1/triage/queue?limit=200',
    headers,
  });
}

describe('routing and auto-assignment', () => {
  it('routes by business area without assigning while auto-assignment is off (the default)', async () => {
    const created = await buildFeedback(t, apiKey, { description: COMPLAINT });
    await t.drainJobs();
    const item = await get(created.id);
    expect(item.businessArea).toBe('after_sales');
    expect(item.department?.id).toBe(afterSalesId);
    expect(item.assignee).toBeNull();
    expect(item.triage?.routing).toMatchObject({ outcome: 'routed', autoAssign: false });
  });

  it('assigns the least-loaded active agent with the skill when auto-assignment is on', async () => {
    const [busy, idle, unskilled, inactive] = agents as [
      (typeof agents)[0],
      (typeof agents)[0],
      (typeof agents)[0],
      (typeof agents)[0],
    ];
    for (const a of [busy, idle, inactive])
      expect((await put(`/api/v1/triage/skills/${a.id}`, { skills: ['after_sales', 'zh'] })).status).toBe(
        200,
      );
    expect((await put(`/api/v1/triage/skills/${unskilled.id}`, { skills: ['tech_support'] })).status).toBe(
      200,
    );
    const deactivated = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/users/${inactive.id}`,
      headers: admin,
      payload: { active: false },
    });
    expect(deactivated.status).toBe(200);
    // busy already has two open items (assigned by hand, so triage keeps them).
    for (let i = 0; i < 2; i++)
      await buildFeedback(t, apiKey, { description: COMPLAINT, assigneeId: busy.id });
    await t.drainJobs();

    const on = await put('/api/v1/triage/settings', { autoAssign: true });
    expect(on.status).toBe(200);
    expect(on.body.data).toEqual({ autoAssign: true, departments: [] });

    const first = await buildFeedback(t, apiKey, { description: COMPLAINT });
    await t.drainJobs();
    const a = await get(first.id);
    expect(a.assignee?.id).toBe(idle.id);
    expect(a.triage?.routing).toMatchObject({
      outcome: 'assigned',
      skill: 'after_sales',
      load: 0,
      autoAssign: true,
    });

    const second = await buildFeedback(t, apiKey, { description: COMPLAINT });
    await t.drainJobs();
    expect((await get(second.id)).assignee?.id).toBe(idle.id);

    // idle now has 2 open, busy 2: ties go to the lower id; a third makes it 3 vs 2.
    const third = await buildFeedback(t, apiKey, { description: COMPLAINT });
    await t.drainJobs();
    const expected = [busy.id, idle.id].sort()[0];
    expect((await get(third.id)).assignee?.id).toBe(expected);
    const fourth = await buildFeedback(t, apiKey, { description: COMPLAINT });
    await t.drainJobs();
    expect((await get(fourth.id)).assignee?.id).toBe([busy.id, idle.id].find((id) => id !== expected));

    const events = await call<{ data: { type: string; actor: { type: string }; reason: string | null }[] }>(
      t.app,
      {
        method: 'GET',
        url: `/api/v1/feedback/${first.id}/events`,
        headers: admin,
      },
    );
    const assigned = events.body.data.find((e) => e.type === 'assignee_changed')!;
    expect(assigned.actor.type).toBe('system');
    expect(assigned.reason).toContain('least-loaded');
  });

  it('a department setting overrides the global one', async () => {
    const off = await put('/api/v1/triage/settings', {
      departments: [{ departmentId: afterSalesId, autoAssign: false }],
    });
    expect(off.status).toBe(200);
    const created = await buildFeedback(t, apiKey, { description: COMPLAINT });
    await t.drainJobs();
    const item = await get(created.id);
    expect(item.department?.id).toBe(afterSalesId);
    expect(item.assignee).toBeNull();
    const back = await put('/api/v1/triage/settings', {
      departments: [{ departmentId: afterSalesId, autoAssign: null }],
    });
    expect(back.body.data).toEqual({ autoAssign: true, departments: [] });
    // Only admins change settings.
    expect((await put('/api/v1/triage/settings', { autoAssign: false }, supervisor)).status).toBe(403);
  });

  it('items that cannot be routed wait in the triage queue for supervisors', async () => {
    const praise = await buildFeedback(t, apiKey, { description: '柜台的小李服务非常热情周到，点赞！' });
    const preSales = await buildFeedback(t, apiKey, {
      description: '请问你们的信用卡年费是多少？怎么申请？',
    });
    await t.drainJobs();
    const p = await get(praise.id);
    expect(p.nature).toBe('praise');
    expect(p.department).toBeNull();
    expect(p.triage).toMatchObject({ needsRouting: true, routing: { outcome: 'no_business_area' } });
    const q = await get(preSales.id);
    expect(q.businessArea).toBe('pre_sales');
    expect(q.triage?.routing.outcome).toBe('no_department');

    const listed = await queue();
    expect(listed.status).toBe(200);
    const ids = listed.body.data.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([praise.id, preSales.id]));
    expect(listed.body.data.every((i) => i.department === null)).toBe(true);
    expect((await queue(agents[0]!.headers)).status).toBe(403);

    // Routed by hand: it leaves the queue.
    const assigned = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${praise.id}/assign`,
      headers: supervisor,
      payload: { departmentId: afterSalesId },
    });
    expect(assigned.status).toBe(200);
    expect((await queue()).body.data.map((i) => i.id)).not.toContain(praise.id);

    // Paging keeps the order and ends.
    await buildFeedback(t, apiKey, { description: 'Thank you, the staff at the branch were wonderful!' });
    await t.drainJobs();
    const page1 = await call<{ data: FeedbackItem[]; nextCursor: string | null }>(t.app, {
      method: 'GET',
      url: '/api/v1/triage/queue?limit=1',
      headers: supervisor,
    });
    expect(page1.body.data).toHaveLength(1);
    expect(page1.body.nextCursor).not.toBeNull();
    const page2 = await call<{ data: FeedbackItem[]; nextCursor: string | null }>(t.app, {
      method: 'GET',
      url: `/api/v1/triage/queue?limit=5&cursor=${page1.body.nextCursor}`,
      headers: supervisor,
    });
    expect(page2.body.data).toHaveLength(1);
    expect(page2.body.data[0]?.id).not.toBe(page1.body.data[0]?.id);
    expect(page2.body.nextCursor).toBeNull();
  });

  it('keeps a department and assignee given at creation', async () => {
    const inTech = await buildFeedback(t, apiKey, { description: COMPLAINT, departmentId: techId });
    const assigned = await buildFeedback(t, apiKey, { description: COMPLAINT, assigneeId: agents[2]!.id });
    await t.drainJobs();
    const a = await get(inTech.id);
    expect(a.businessArea).toBe('after_sales');
    expect(a.department?.id).toBe(techId);
    // Auto-assignment is on, but no agent of that department has the after_sales skill.
    expect(a.triage?.routing).toMatchObject({ outcome: 'no_agent', departmentId: techId, assigneeId: null });
    expect(a.triage?.routing.detail).toContain('department set by staff');
    const b = await get(assigned.id);
    expect(b.assignee?.id).toBe(agents[2]!.id);
    expect(b.department?.id).toBe(afterSalesId);
    expect(b.triage?.routing.outcome).toBe('kept');
  });
});
