import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackItem } from '../../../shared/contracts/feedback.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback, transition } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

type Actor = Awaited<ReturnType<typeof actorHeaders>>;

describe('department-scoped access to feedback', () => {
  let t: TestApp;
  let admin: Actor;
  let afterSalesAgent: Actor;
  let techAgent: Actor;
  let afterSalesMember: Actor;
  let analyst: Actor;
  let techItem: FeedbackItem;
  let afterSalesItem: FeedbackItem;
  let triageItem: FeedbackItem;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await actorHeaders(t, { role: 'admin', via: 'api_key' });
    afterSalesAgent = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
    techAgent = await actorHeaders(t, { role: 'agent', departmentCode: 'tech_support' });
    afterSalesMember = await actorHeaders(t, { role: 'department_member', departmentCode: 'after_sales' });
    analyst = await actorHeaders(t, { role: 'analyst' });
    techItem = await buildFeedback(t, techAgent.headers, { description: 'APP 闪退 (技术支持)' });
    afterSalesItem = await buildFeedback(t, afterSalesAgent.headers, {
      description: '退货运费谁承担 (售后)',
    });
    triageItem = await buildFeedback(t, admin.headers, { description: 'not routed yet' });
  });
  afterAll(async () => t.close());

  const get = (who: Actor, id: string) =>
    call<{ data: FeedbackItem; error: { code: string } }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${id}`,
      headers: who.headers,
    });
  const listIds = async (who: Actor) => {
    const res = await call<{ data: FeedbackItem[] }>(t.app, {
      method: 'GET',
      url: '/api/v1/feedback?limit=200',
      headers: who.headers,
    });
    expect(res.status).toBe(200);
    return res.body.data.map((i) => i.id).sort();
  };
  const sorted = (...items: FeedbackItem[]) => items.map((i) => i.id).sort();

  it('hides another department’s item from an agent (404, no existence leak)', async () => {
    expect(techItem.department?.code).toBe('tech_support');
    const res = await get(afterSalesAgent, techItem.id);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('feedback_not_found');
    const unknown = await get(afterSalesAgent, '018f0000-0000-7000-8000-000000000000');
    expect(unknown.body).toEqual(res.body);
    for (const url of ['messages', 'events']) {
      const sub = await call(t.app, {
        method: 'GET',
        url: `/api/v1/feedback/${techItem.id}/${url}`,
        headers: afterSalesAgent.headers,
      });
      expect(sub.status).toBe(404);
    }
    const move = await transition(t, afterSalesAgent.headers, techItem.id, { to: 'in_progress' });
    expect(move.status).toBe(404);
    const note = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${techItem.id}/messages`,
      headers: afterSalesAgent.headers,
      payload: { body: 'sneaky', internal: true },
    });
    expect(note.status).toBe(404);
    expect((await get(techAgent, techItem.id)).status).toBe(200);
  });

  it('shows items without a department only to admins, supervisors and analysts', async () => {
    expect(triageItem.department).toBeNull();
    expect((await get(afterSalesAgent, triageItem.id)).status).toBe(404);
    expect((await get(analyst, triageItem.id)).status).toBe(200);
    const supervisor = await actorHeaders(t, { role: 'supervisor', departmentCode: 'quality' });
    expect((await get(supervisor, triageItem.id)).status).toBe(200);
  });

  it('lets analysts read everything and change nothing (403)', async () => {
    expect((await get(analyst, techItem.id)).status).toBe(200);
    expect(await listIds(analyst)).toEqual(sorted(techItem, afterSalesItem, triageItem));
    const move = await transition(t, analyst.headers, techItem.id, { to: 'in_progress' });
    expect(move.status).toBe(403);
    expect(move.body.error.code).toBe('forbidden');
    for (const [method, url, payload] of [
      ['POST', `/api/v1/feedback/${techItem.id}/messages`, { body: 'hi', internal: true }],
      ['PUT', `/api/v1/feedback/${techItem.id}/tags`, { tags: ['a'] }],
      ['PATCH', `/api/v1/feedback/${techItem.id}`, { product: 'x' }],
      ['POST', `/api/v1/feedback/${techItem.id}/assign`, { assigneeId: null }],
    ] as const) {
      const res = await call(t.app, { method, url, headers: analyst.headers, payload });
      expect(res.status, `${method} ${url}`).toBe(403);
    }
  });

  it('lists only what the actor may see', async () => {
    expect(await listIds(afterSalesAgent)).toEqual(sorted(afterSalesItem));
    expect(await listIds(techAgent)).toEqual(sorted(techItem));
    expect(await listIds(afterSalesMember)).toEqual(sorted(afterSalesItem));
    expect(await listIds(admin)).toEqual(sorted(techItem, afterSalesItem, triageItem));
  });

  it('makes a shared item visible and workable for the other department, until unshared', async () => {
    const share = await call<{ data: FeedbackItem }>(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${techItem.id}/shares`,
      headers: techAgent.headers,
      payload: { departmentId: afterSalesAgent.departmentId },
    });
    expect(share.status).toBe(200);
    expect(share.body.data.sharedWith).toEqual([afterSalesAgent.departmentId]);
    // Ownership stays with the technical support department.
    expect(share.body.data.department?.code).toBe('tech_support');

    expect((await get(afterSalesAgent, techItem.id)).status).toBe(200);
    expect(await listIds(afterSalesAgent)).toEqual(sorted(techItem, afterSalesItem));
    const move = await transition(t, afterSalesAgent.headers, techItem.id, { to: 'in_progress' });
    expect(move.status).toBe(200);

    // Department members: read, internal notes and transitions; no customer replies, no assignment.
    expect((await get(afterSalesMember, techItem.id)).status).toBe(200);
    const note = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${techItem.id}/messages`,
      headers: afterSalesMember.headers,
      payload: { body: '已联系物流核实', internal: true },
    });
    expect(note.status).toBe(201);
    const reply = await call<{ error: { code: string } }>(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${techItem.id}/messages`,
      headers: afterSalesMember.headers,
      payload: { body: '您好' },
    });
    expect(reply.status).toBe(403);
    const assign = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${techItem.id}/assign`,
      headers: afterSalesMember.headers,
      payload: { assigneeId: afterSalesMember.userId },
    });
    expect(assign.status).toBe(403);

    const unshare = await call(t.app, {
      method: 'DELETE',
      url: `/api/v1/feedback/${techItem.id}/shares/${afterSalesAgent.departmentId}`,
      headers: techAgent.headers,
    });
    expect(unshare.status).toBe(200);
    expect((await get(afterSalesAgent, techItem.id)).status).toBe(404);
    expect(await listIds(afterSalesAgent)).toEqual(sorted(afterSalesItem));
    const again = await call<{ error: { code: string } }>(t.app, {
      method: 'DELETE',
      url: `/api/v1/feedback/${techItem.id}/shares/${afterSalesAgent.departmentId}`,
      headers: techAgent.headers,
    });
    expect(again.status).toBe(404);
  });

  it('shows an item to the agent it is assigned to, whatever its department', async () => {
    const assign = await call<{ data: FeedbackItem }>(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${triageItem.id}/assign`,
      headers: admin.headers,
      payload: { assigneeId: afterSalesAgent.userId, departmentId: techAgent.departmentId, reason: '专家' },
    });
    expect(assign.status).toBe(200);
    expect(assign.body.data.assignee?.id).toBe(afterSalesAgent.userId);
    expect(assign.body.data.department?.code).toBe('tech_support');
    expect((await get(afterSalesAgent, triageItem.id)).status).toBe(200);
    expect(await listIds(afterSalesAgent)).toEqual(sorted(afterSalesItem, triageItem));
  });
});
