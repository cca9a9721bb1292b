import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackEvent, FeedbackItem } from '../../../../shared/contracts/feedback.js';
import type { Subtask } from '../../../../shared/contracts/subtasks.js';
import { actorHeaders } from '../../../../test/support/actors.js';
import { buildFeedback } from '../../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../../test/support/test-app.js';

interface ErrorBody {
  error: { code: string; message: string };
}
type Actor = { headers: Record<string, string>; userId: string | null; departmentId: string | null };

describe('sub-tasks for another department', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let ownerAgent: Actor;
  let helperAgent: Actor;
  let helperColleague: Actor;
  let helperMember: Actor;
  let outsider: Actor;

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await actorHeaders(t, { role: 'admin', via: 'api_key' })).headers;
    ownerAgent = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
    helperAgent = await actorHeaders(t, { role: 'agent', departmentCode: 'tech_support' });
    helperColleague = await actorHeaders(t, { role: 'agent', departmentCode: 'tech_support' });
    helperMember = await actorHeaders(t, { role: 'department_member', departmentCode: 'tech_support' });
    outsider = await actorHeaders(t, { role: 'agent', departmentCode: 'pre_sales' });
  });
  afterAll(async () => t.close());

  async function ownedItem(): Promise<FeedbackItem> {
    const created = await buildFeedback(t, admin, { departmentId: ownerAgent.departmentId });
    const res = await call<{ data: FeedbackItem }>(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${created.id}/assign`,
      headers: admin,
      payload: { departmentId: ownerAgent.departmentId, assigneeId: ownerAgent.userId, reason: 'test' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await t.drainJobs();
    return res.body.data;
  }
  function spawn(id: string, payload: Record<string, unknown>, headers = ownerAgent.headers) {
    return call<{ data: Subtask } & ErrorBody>(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${id}/subtasks`,
      headers,
      payload,
    });
  }
  function patch(sid: string, payload: Record<string, unknown>, headers = helperAgent.headers) {
    return call<{ data: Subtask } & ErrorBody>(t.app, {
      method: 'PATCH',
      url: `/api/v1/subtasks/${sid}`,
      headers,
      payload,
    });
  }
  async function get(id: string, headers: Record<string, string>) {
    return call<{ data: FeedbackItem } & ErrorBody>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${id}`,
      headers,
    });
  }
  async function history(id: string): Promise<FeedbackEvent[]> {
    const res = await call<{ data: FeedbackEvent[] }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${id}/events?limit=100`,
      headers: admin,
    });
    return res.body.data;
  }
  async function notes(userId: string | null, kind: string) {
    return t.ctx.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', userId!)
      .where('kind', '=', kind)
      .execute();
  }

  it('spawns a sub-task owned by the other department; the parent keeps its owner and is read-only to them', async () => {
    const item = await ownedItem();
    const created = await spawn(item.id, {
      departmentId: helperAgent.departmentId,
      title: '核查服务器日志 / check the server logs',
      description: '客户称登录超时',
      assigneeId: helperAgent.userId,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const sub = created.body.data;
    expect(sub).toMatchObject({
      status: 'open',
      department: { id: helperAgent.departmentId, code: 'tech_support' },
      assignee: { id: helperAgent.userId },
      parent: { id: item.id, number: item.number, department: { id: ownerAgent.departmentId } },
    });
    expect(sub.parent.sla?.resolution.dueAt).toBeTruthy();

    // The parent's owner and assignee did not change; its history notes the sub-task.
    const parent = (await get(item.id, admin)).body.data;
    expect(parent.department?.id).toBe(ownerAgent.departmentId);
    expect(parent.assignee?.id).toBe(ownerAgent.userId);
    const created_ = (await history(item.id)).filter((e) => e.type === 'subtask_created');
    expect(created_).toHaveLength(1);
    expect(created_[0]!.to).toBe(helperAgent.departmentId);
    expect(await notes(helperAgent.userId, 'subtask.created')).toHaveLength(1);

    // The helping department sees the parent (read-only) with the same SLA, in its list too.
    for (const who of [helperAgent, helperColleague, helperMember]) {
      const seen = await get(item.id, who.headers);
      expect(seen.status).toBe(200);
      expect(seen.body.data.sla).toEqual(sub.parent.sla);
    }
    const list = await call<{ data: FeedbackItem[] }>(t.app, {
      method: 'GET',
      url: '/api/v1/feedback?limit=50',
      headers: helperColleague.headers,
    });
    expect(list.body.data.map((i) => i.id)).toContain(item.id);
    const writes = [
      {
        method: 'PATCH' as const,
        url: `/api/v1/feedback/${item.id}`,
        payload: { subject: 'x', reason: 'x' },
      },
      {
        method: 'POST' as const,
        url: `/api/v1/feedback/${item.id}/messages`,
        payload: { body: '内部说明', internal: true },
      },
      {
        method: 'POST' as const,
        url: `/api/v1/feedback/${item.id}/transitions`,
        payload: { to: 'in_progress' },
      },
    ];
    for (const w of writes) {
      for (const who of [helperColleague, helperMember]) {
        const res = await call<ErrorBody>(t.app, {
          ...w,
          headers: { ...who.headers, 'accept-language': 'zh-CN' },
        });
        expect(res.status, `${w.method} ${w.url}`).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
    }
    // Nor may the helpers spawn sub-tasks of someone else's item.
    expect(
      (await spawn(item.id, { departmentId: outsider.departmentId, title: 'x' }, helperAgent.headers)).status,
    ).toBe(403);
    // A third department sees neither the parent nor the sub-task.
    expect((await get(item.id, outsider.headers)).status).toBe(404);
    const hidden = await call<ErrorBody>(t.app, {
      method: 'GET',
      url: `/api/v1/subtasks/${sub.id}`,
      headers: outsider.headers,
    });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('subtask_not_found');

    // Both departments list it: the owner on the item, the helpers in their department's list.
    const onItem = await call<{ data: Subtask[] }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${item.id}/subtasks`,
      headers: ownerAgent.headers,
    });
    expect(onItem.body.data.map((s) => s.id)).toEqual([sub.id]);
    const theirs = await call<{ data: Subtask[] }>(t.app, {
      method: 'GET',
      url: '/api/v1/subtasks?status=open',
      headers: helperMember.headers,
    });
    expect(theirs.body.data.map((s) => s.id)).toContain(sub.id);
    const ownersList = await call<{ data: Subtask[] }>(t.app, {
      method: 'GET',
      url: '/api/v1/subtasks',
      headers: ownerAgent.headers,
    });
    expect(ownersList.body.data.map((s) => s.id)).not.toContain(sub.id);
  });

  it('is changed by its own department only; closing it notes the outcome on the parent, once', async () => {
    const item = await ownedItem();
    const sub = (await spawn(item.id, { departmentId: helperAgent.departmentId, title: '退款核对' })).body
      .data;
    expect(sub.assignee).toBeNull();

    // The owner's department does not run the other department's work; outsiders do not see it.
    const byOwner = await patch(sub.id, { status: 'in_progress' }, ownerAgent.headers);
    expect(byOwner.status).toBe(403);
    expect((await patch(sub.id, { status: 'in_progress' }, outsider.headers)).status).toBe(404);
    const badAssignee = await patch(
      sub.id,
      { assigneeId: outsider.userId },
      { ...helperAgent.headers, 'accept-language': 'en' },
    );
    expect(badAssignee.status).toBe(400);
    expect(badAssignee.body.error.message).toBe(
      'The assignee must be an active user of the sub-task’s department.',
    );

    const started = await patch(sub.id, { status: 'in_progress', assigneeId: helperColleague.userId });
    expect(started.status).toBe(200);
    expect(started.body.data).toMatchObject({
      status: 'in_progress',
      assignee: { id: helperColleague.userId },
    });
    expect((await history(item.id)).filter((e) => e.type === 'subtask_closed')).toHaveLength(0);

    const done = await patch(
      sub.id,
      { status: 'done', outcome: '已核对，退款已原路退回' },
      helperColleague.headers,
    );
    expect(done.status).toBe(200);
    expect(done.body.data.closedAt).not.toBeNull();
    const closed = (await history(item.id)).filter((e) => e.type === 'subtask_closed');
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({ to: 'done', reason: '已核对，退款已原路退回' });
    expect(await notes(ownerAgent.userId, 'subtask.closed')).toHaveLength(1);

    const again = await patch(
      sub.id,
      { status: 'cancelled' },
      { ...helperAgent.headers, 'accept-language': 'zh-CN' },
    );
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'subtask_closed',
      message: '该协办任务已完成或已取消，不能再修改。',
    });
    expect((await history(item.id)).filter((e) => e.type === 'subtask_closed')).toHaveLength(1);
    const parent = (await get(item.id, admin)).body.data;
    expect(parent.department?.id).toBe(ownerAgent.departmentId);
    expect(parent.assignee?.id).toBe(ownerAgent.userId);
  });

  it('refuses the item’s own department and unknown departments, in the caller’s language', async () => {
    const item = await ownedItem();
    const same = await spawn(
      item.id,
      { departmentId: ownerAgent.departmentId, title: 'x' },
      { ...ownerAgent.headers, 'accept-language': 'zh-CN' },
    );
    expect(same.status).toBe(400);
    expect(same.body.error).toMatchObject({
      code: 'subtask_same_department',
      message: '协办任务只能交给其他部门，该工单已属于此部门。',
    });
    const unknown = await spawn(item.id, {
      departmentId: '0190c0de-0000-7000-8000-000000000000',
      title: 'x',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('department_not_found');
    const wrongPerson = await spawn(item.id, {
      departmentId: helperAgent.departmentId,
      title: 'x',
      assigneeId: ownerAgent.userId,
    });
    expect(wrongPerson.status).toBe(400);
    expect(wrongPerson.body.error.code).toBe('subtask_assignee_invalid');
    expect(
      (
        await call<{ data: Subtask[] }>(t.app, {
          method: 'GET',
          url: `/api/v1/feedback/${item.id}/subtasks`,
          headers: ownerAgent.headers,
        })
      ).body.data,
    ).toEqual([]);
  });

  it('sharing with the helping department for collaboration lifts the read-only access', async () => {
    const item = await ownedItem();
    await spawn(item.id, { departmentId: helperAgent.departmentId, title: '协助排查' });
    const note = {
      method: 'POST' as const,
      url: `/api/v1/feedback/${item.id}/messages`,
      payload: { body: '排查记录', internal: true },
    };
    expect((await call(t.app, { ...note, headers: helperColleague.headers })).status).toBe(403);
    const share = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${item.id}/shares`,
      headers: ownerAgent.headers,
      payload: { departmentId: helperAgent.departmentId },
    });
    expect(share.status).toBe(200);
    expect((await call(t.app, { ...note, headers: helperColleague.headers })).status).toBe(201);
    expect((await history(item.id)).map((e) => e.type)).toContain('shared');
  });

  it('documents its routes in the OpenAPI document', async () => {
    const res = await call<{
      paths: Record<string, Record<string, { tags?: string[]; requestBody?: unknown }>>;
    }>(t.app, { method: 'GET', url: '/api/openapi.json' });
    for (const [path, method] of [
      ['/api/v1/feedback/{id}/subtasks', 'post'],
      ['/api/v1/feedback/{id}/subtasks', 'get'],
      ['/api/v1/subtasks', 'get'],
      ['/api/v1/subtasks/{subtaskId}', 'get'],
      ['/api/v1/subtasks/{subtaskId}', 'patch'],
    ] as const)
      expect(res.body.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['subtasks']);
    // Both events can be subscribed to by outbound webhooks.
    const types = await call<{ data: string[] }>(t.app, {
      method: 'GET',
      url: '/api/v1/webhooks/event-types',
      headers: admin,
    });
    expect(types.body.data).toEqual(
      expect.arrayContaining(['feedback.subtask_created', 'feedback.subtask_closed']),
    );
  });
});
