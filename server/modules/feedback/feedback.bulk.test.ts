import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackEvent, FeedbackItem } from '../../../shared/contracts/feedback.js';
import type { BulkFeedbackResponse } from '../../../shared/contracts/feedback-bulk.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback, transition } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

type Actor = Awaited<ReturnType<typeof actorHeaders>>;
type Bulk = BulkFeedbackResponse['data'];
type ErrorBody = { error: { code: string; message: string; details?: unknown } };

const UNKNOWN_ID = '01900000-0000-7000-8000-000000000000';

describe('POST /api/v1/feedback/bulk', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let agent: Actor;
  let techAgent: Actor;
  let member: Actor;

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await actorHeaders(t, { role: 'admin', via: 'api_key' })).headers;
    agent = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
    techAgent = await actorHeaders(t, { role: 'agent', departmentCode: 'tech_support' });
    member = await actorHeaders(t, { role: 'department_member', departmentCode: 'after_sales' });
  });
  afterAll(async () => t.close());

  const bulk = (payload: Record<string, unknown>, headers = agent.headers, locale = 'en') =>
    call<{ data: Bulk } & ErrorBody>(t.app, {
      method: 'POST',
      url: '/api/v1/feedback/bulk',
      headers: { ...headers, 'accept-language': locale },
      payload,
    });
  const get = async (id: string) =>
    (
      await call<{ data: FeedbackItem }>(t.app, {
        method: 'GET',
        url: `/api/v1/feedback/${id}`,
        headers: admin,
      })
    ).body.data;
  const history = async (id: string) =>
    (
      await call<{ data: FeedbackEvent[] }>(t.app, {
        method: 'GET',
        url: `/api/v1/feedback/${id}/events`,
        headers: admin,
      })
    ).body.data.filter((e) => e.type !== 'created' && e.type !== 'triaged');
  const outboxTypes = async (id: string) =>
    (
      await t.ctx.database.db
        .selectFrom('outbox')
        .select('type')
        .where('aggregate_id', '=', id)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    ).map((r) => r.type);
  const auditActions = async (id: string) =>
    (
      await t.ctx.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', id)
        .orderBy('created_at')
        .execute()
    ).map((r) => r.action);

  it('changes what it may, reports each refusal per item, and never rolls back the others', async () => {
    const a = await buildFeedback(t, agent.headers);
    const b = await buildFeedback(t, agent.headers);
    const closed = await buildFeedback(t, agent.headers);
    expect((await transition(t, agent.headers, closed.id, { to: 'closed', reason: '重复' })).status).toBe(
      200,
    );
    const hidden = await buildFeedback(t, techAgent.headers);

    const ids = [a.id, closed.id, UNKNOWN_ID, 'not-an-id', hidden.id, b.id];
    const res = await bulk({ ids, action: { kind: 'status', to: 'in_progress', reason: '批量处理' } });
    expect(res.status).toBe(200);
    expect(res.body.data.succeeded).toBe(2);
    expect(res.body.data.failed).toBe(4);
    expect(res.body.data.results.map((r) => r.id)).toEqual(ids);
    const [ra, rClosed, rUnknown, rGarbage, rHidden, rb] = res.body.data.results;
    expect(ra).toEqual({ id: a.id, number: a.number, ok: true });
    expect(rb).toEqual({ id: b.id, number: b.number, ok: true });
    expect(rClosed).toEqual({
      id: closed.id,
      number: closed.number,
      ok: false,
      error: {
        code: 'invalid_transition',
        message: 'A ticket in status "closed" cannot move to "in progress".',
      },
    });
    // Unknown, malformed and out-of-scope ids look the same: not found, no number.
    for (const r of [rUnknown, rGarbage, rHidden])
      expect(r).toEqual({
        id: r?.id,
        ok: false,
        error: { code: 'feedback_not_found', message: 'Feedback item not found.' },
      });

    for (const item of [a, b]) {
      const now = await get(item.id);
      expect(now.status).toBe('in_progress');
      expect(now.version).toBe(item.version + 1);
      const events = await history(item.id);
      expect(events.map((e) => [e.type, e.from, e.to, e.reason])).toEqual([
        ['status_changed', 'received', 'in_progress', '批量处理'],
      ]);
      expect(events[0]?.actor).toMatchObject({ type: 'user', id: agent.userId });
      expect(await outboxTypes(item.id)).toContain('feedback.status_changed');
      expect(await auditActions(item.id)).toContain('feedback.status_changed');
    }
    expect((await get(closed.id)).status).toBe('closed');
    expect((await get(hidden.id)).status).toBe('received');
    expect(await history(hidden.id)).toEqual([]);
  });

  it('answers in the caller’s language', async () => {
    const closed = await buildFeedback(t, agent.headers);
    await transition(t, agent.headers, closed.id, { to: 'closed' });
    const res = await bulk(
      { ids: [closed.id, UNKNOWN_ID], action: { kind: 'status', to: 'in_progress' } },
      agent.headers,
      'zh-CN',
    );
    expect(res.body.data.results.map((r) => (r.ok ? null : r.error.message))).toEqual([
      '工单当前状态为"已闭环"，不能变更为"处理中"。',
      '未找到该反馈工单。',
    ]);
  });

  it('refuses resolving per item: a closure letter is needed for each', async () => {
    const a = await buildFeedback(t, agent.headers);
    await transition(t, agent.headers, a.id, { to: 'in_progress' });
    const closed = await buildFeedback(t, agent.headers);
    await transition(t, agent.headers, closed.id, { to: 'closed' });
    const res = await bulk({ ids: [a.id, closed.id], action: { kind: 'status', to: 'resolved' } });
    expect(res.status).toBe(200);
    expect(res.body.data.results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'closure_required',
      'invalid_transition',
    ]);
    expect((await get(a.id)).status).toBe('in_progress');
  });

  it('assigns to a person or a department, with history and events per item', async () => {
    const a = await buildFeedback(t, agent.headers);
    const b = await buildFeedback(t, agent.headers);
    const res = await bulk({
      ids: [a.id, b.id],
      action: { kind: 'assign', assigneeId: agent.userId, reason: '我来跟进' },
    });
    expect(res.body.data).toMatchObject({ succeeded: 2, failed: 0 });
    for (const item of [a, b]) {
      expect((await get(item.id)).assignee?.id).toBe(agent.userId);
      expect((await history(item.id)).map((e) => [e.type, e.to, e.reason])).toEqual([
        ['assignee_changed', agent.userId, '我来跟进'],
      ]);
      expect(await outboxTypes(item.id)).toContain('feedback.assigned');
    }
    // Handing them to another department; an admin may, the unknown user is refused per item.
    const move = await bulk(
      { ids: [a.id, b.id], action: { kind: 'assign', departmentId: techAgent.departmentId } },
      admin,
    );
    expect(move.body.data.succeeded).toBe(2);
    expect((await get(a.id)).department?.id).toBe(techAgent.departmentId);
    // Now out of the agent's department (still assigned to them, so still theirs to work on).
    const unassign = await bulk(
      { ids: [a.id], action: { kind: 'assign', assigneeId: UNKNOWN_ID } },
      agent.headers,
    );
    expect(unassign.body.data.results[0]).toMatchObject({ ok: false, error: { code: 'user_not_found' } });
  });

  it('adds and removes tags, keeping the other tags of each item', async () => {
    const a = await buildFeedback(t, agent.headers, { tags: ['物流/延误', '服务/态度'] });
    const b = await buildFeedback(t, agent.headers, { tags: ['产品/质量'] });
    const res = await bulk({
      ids: [a.id, b.id],
      action: { kind: 'tag', add: ['批量/已核实'], remove: ['服务/态度'] },
    });
    expect(res.body.data).toMatchObject({ succeeded: 2, failed: 0 });
    expect((await get(a.id)).tags).toEqual(['批量/已核实', '物流/延误']);
    expect((await get(b.id)).tags).toEqual(['产品/质量', '批量/已核实']);
    const events = await history(a.id);
    expect(events.filter((e) => e.type === 'tags_changed').at(-1)?.data).toEqual({
      added: ['批量/已核实'],
      removed: ['服务/态度'],
    });
    expect(await outboxTypes(b.id)).toContain('feedback.tags_changed');
    // The same again changes nothing and still succeeds.
    const version = (await get(a.id)).version;
    const again = await bulk({ ids: [a.id], action: { kind: 'tag', add: ['批量/已核实'] } });
    expect(again.body.data.succeeded).toBe(1);
    expect((await get(a.id)).version).toBe(version);
    expect((await history(a.id)).filter((e) => e.type === 'tags_changed')).toHaveLength(
      events.filter((e) => e.type === 'tags_changed').length,
    );
  });

  it('sets the priority with its reason', async () => {
    const a = await buildFeedback(t, agent.headers, { priority: 'normal' });
    const res = await bulk({
      ids: [a.id],
      action: { kind: 'priority', priority: 'urgent', reason: '客户投诉到监管' },
    });
    expect(res.body.data.succeeded).toBe(1);
    expect((await get(a.id)).priority).toBe('urgent');
    expect(
      (await history(a.id)).filter((e) => e.type === 'priority_changed').map((e) => [e.to, e.reason]),
    ).toEqual([['urgent', '客户投诉到监管']]);
    expect(await outboxTypes(a.id)).toContain('feedback.updated');
    const noReason = await bulk({ ids: [a.id], action: { kind: 'priority', priority: 'high' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('validation_failed');
  });

  it('applies each role’s policy per item: a department member may transition but not assign', async () => {
    const a = await buildFeedback(t, agent.headers);
    const assign = await bulk(
      { ids: [a.id], action: { kind: 'assign', assigneeId: member.userId } },
      member.headers,
    );
    expect(assign.body.data.results).toEqual([
      {
        id: a.id,
        number: a.number,
        ok: false,
        error: { code: 'forbidden', message: 'You are not allowed to do this.' },
      },
    ]);
    const move = await bulk({ ids: [a.id], action: { kind: 'status', to: 'in_progress' } }, member.headers);
    expect(move.body.data.succeeded).toBe(1);
    const analyst = await actorHeaders(t, { role: 'analyst' });
    const analystTry = await bulk({ ids: [a.id], action: { kind: 'tag', add: ['x'] } }, analyst.headers);
    expect(analystTry.body.data.results[0]).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses changes to a merged item like the single-item endpoints', async () => {
    const source = await buildFeedback(t, agent.headers);
    const target = await buildFeedback(t, agent.headers);
    const merge = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${source.id}/merge`,
      headers: agent.headers,
      payload: { targetId: target.id },
    });
    expect(merge.status).toBe(200);
    const res = await bulk({ ids: [source.id, target.id], action: { kind: 'tag', add: ['重复'] } });
    expect(res.body.data.results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['feedback_merged', 'ok']);
  });

  it('validates the request as a whole', async () => {
    const a = await buildFeedback(t, agent.headers);
    const cases: Record<string, unknown>[] = [
      { ids: [], action: { kind: 'status', to: 'closed' } },
      { ids: [a.id, a.id], action: { kind: 'status', to: 'closed' } },
      { ids: Array.from({ length: 201 }, (_, i) => `id-${i}`), action: { kind: 'status', to: 'closed' } },
      { ids: [a.id], action: { kind: 'delete' } },
      { ids: [a.id], action: { kind: 'assign' } },
      { ids: [a.id], action: { kind: 'tag' } },
      { ids: [a.id], action: { kind: 'status', to: 'gone' } },
      { ids: [a.id], action: { kind: 'status', to: 'closed', extra: 1 } },
    ];
    for (const payload of cases) {
      const res = await bulk(payload);
      expect(res.status, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await get(a.id)).version).toBe(a.version);
    const anonymous = await call<ErrorBody>(t.app, {
      method: 'POST',
      url: '/api/v1/feedback/bulk',
      payload: { ids: [a.id], action: { kind: 'status', to: 'closed' } },
    });
    expect(anonymous.status).toBe(401);
  });

  it('is documented in the OpenAPI document', async () => {
    const res = await call<{
      paths: Record<string, Record<string, { requestBody?: unknown; tags?: string[] }>>;
    }>(t.app, { method: 'GET', url: '/api/openapi.json' });
    const op = res.body.paths['/api/v1/feedback/bulk']?.post;
    expect(op?.tags).toEqual(['feedback']);
    expect(JSON.stringify(op?.requestBody)).toContain('priority');
  });
});
