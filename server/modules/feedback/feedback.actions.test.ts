import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackEvent, FeedbackItem, FeedbackMessage } from '../../../shared/contracts/feedback.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback, CLOSURE, transition } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

type Res<T> = { data: T; error: { code: string; details?: unknown } };

describe('working on an item: assign, messages, tags, fields, merge', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let agent: Awaited<ReturnType<typeof actorHeaders>>;
  let techAgent: Awaited<ReturnType<typeof actorHeaders>>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await actorHeaders(t, { role: 'admin', via: 'api_key' })).headers;
    agent = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
    techAgent = await actorHeaders(t, { role: 'agent', departmentCode: 'tech_support' });
  });
  afterAll(async () => t.close());

  const send = <T>(
    method: 'POST' | 'PUT' | 'PATCH' | 'GET',
    url: string,
    payload?: unknown,
    headers = agent.headers,
  ) =>
    call<Res<T>>(t.app, {
      method,
      url: `/api/v1${url}`,
      headers,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const history = async (id: string) =>
    (await send<FeedbackEvent[]>('GET', `/feedback/${id}/events`, undefined, admin)).body.data;
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

  it('assigns and reassigns with a reason, and can clear the assignee', async () => {
    const item = await buildFeedback(t, agent.headers);
    const res = await send<FeedbackItem>('POST', `/feedback/${item.id}/assign`, {
      assigneeId: agent.userId,
      reason: '本人跟进',
    });
    expect(res.status).toBe(200);
    expect(res.body.data.assignee).toEqual({ id: agent.userId, name: expect.any(String) });
    expect(res.body.data.version).toBe(item.version + 1);
    const move = await send<FeedbackItem>('POST', `/feedback/${item.id}/assign`, {
      assigneeId: techAgent.userId,
      departmentId: techAgent.departmentId,
      reason: '转技术支持',
    });
    expect(move.body.data.department?.code).toBe('tech_support');
    const clear = await send<FeedbackItem>(
      'POST',
      `/feedback/${item.id}/assign`,
      { assigneeId: null },
      admin,
    );
    expect(clear.body.data.assignee).toBeNull();
    const events = (await history(item.id)).filter((e) => e.type !== 'created');
    expect(events.map((e) => [e.type, e.from, e.to, e.reason])).toEqual([
      ['assignee_changed', null, agent.userId, '本人跟进'],
      ['assignee_changed', agent.userId, techAgent.userId, '转技术支持'],
      ['department_changed', agent.departmentId, techAgent.departmentId, '转技术支持'],
      ['assignee_changed', techAgent.userId, null, null],
    ]);
    expect(events[0]?.actor).toMatchObject({ type: 'user', id: agent.userId });
    expect(await outboxTypes(item.id)).toEqual([
      'feedback.created',
      'feedback.assigned',
      'feedback.assigned',
      'feedback.assigned',
    ]);

    const unknown = await send(
      'POST',
      `/feedback/${item.id}/assign`,
      { assigneeId: '018f0000-0000-7000-8000-000000000000' },
      admin,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('user_not_found');
    expect((await send('POST', `/feedback/${item.id}/assign`, {}, admin)).status).toBe(400);
  });

  it('adds replies and internal notes; the first reply stops the first-response clock', async () => {
    const item = await buildFeedback(t, agent.headers);
    expect(item.firstRespondedAt).toBeNull();
    const note = await send<FeedbackMessage>('POST', `/feedback/${item.id}/messages`, {
      body: '先查一下订单',
      internal: true,
    });
    expect(note.status).toBe(201);
    expect(note.body.data).toMatchObject({
      kind: 'note',
      body: '先查一下订单',
      author: { id: agent.userId },
    });
    let current = (await send<FeedbackItem>('GET', `/feedback/${item.id}`)).body.data;
    expect(current.firstRespondedAt).toBeNull();

    const reply = await send<FeedbackMessage>('POST', `/feedback/${item.id}/messages`, {
      body: '您好，已为您加急处理。',
    });
    expect(reply.body.data.kind).toBe('agent');
    current = (await send<FeedbackItem>('GET', `/feedback/${item.id}`)).body.data;
    expect(current.firstRespondedAt).toBe(reply.body.data.createdAt);
    await send('POST', `/feedback/${item.id}/messages`, { body: '第二次回复' });
    const after = (await send<FeedbackItem>('GET', `/feedback/${item.id}`)).body.data;
    expect(after.firstRespondedAt).toBe(current.firstRespondedAt);
    expect(after.version).toBe(item.version + 3);

    const messages = await send<FeedbackMessage[]>('GET', `/feedback/${item.id}/messages`);
    expect(messages.body.data.map((m) => m.kind)).toEqual(['customer', 'note', 'agent', 'agent']);
    const paged = await send<FeedbackMessage[]>('GET', `/feedback/${item.id}/messages?limit=3`);
    expect(paged.body.data).toHaveLength(3);
    const rest = await send<FeedbackMessage[]>(
      'GET',
      `/feedback/${item.id}/messages?limit=3&cursor=${(paged.body as unknown as { nextCursor: string }).nextCursor}`,
    );
    expect(rest.body.data.map((m) => m.body)).toEqual(['第二次回复']);
    expect((await history(item.id)).filter((e) => e.type === 'message_added').map((e) => e.to)).toEqual([
      'note',
      'agent',
      'agent',
    ]);
    expect((await send('POST', `/feedback/${item.id}/messages`, { body: '  ' })).status).toBe(400);
    expect((await send('POST', `/feedback/${item.id}/messages`, { body: 'x', cc: 'boss' })).status).toBe(400);
  });

  it('replaces tags, creating parents in the tree, and records what was added and removed', async () => {
    const item = await buildFeedback(t, agent.headers, { tags: ['服务/排队时间'] });
    const res = await send<FeedbackItem>('PUT', `/feedback/${item.id}/tags`, {
      tags: ['产品/手机银行/登录', '服务/排队时间', '产品/手机银行/登录'],
    });
    expect(res.status).toBe(200);
    expect(res.body.data.tags).toEqual(['产品/手机银行/登录', '服务/排队时间']);
    const replaced = await send<FeedbackItem>('PUT', `/feedback/${item.id}/tags`, { tags: ['UI问题'] });
    expect(replaced.body.data.tags).toEqual(['UI问题']);
    const same = await send<FeedbackItem>('PUT', `/feedback/${item.id}/tags`, { tags: ['UI问题'] });
    expect(same.body.data.version).toBe(replaced.body.data.version);
    const tagEvents = (await history(item.id)).filter((e) => e.type === 'tags_changed');
    expect(tagEvents.map((e) => e.data)).toEqual([
      { added: ['产品/手机银行/登录'], removed: [] },
      { added: ['UI问题'], removed: ['产品/手机银行/登录', '服务/排队时间'] },
    ]);
    const tree = await send<{ path: string; children: { path: string; children: { path: string }[] }[] }[]>(
      'GET',
      '/tags',
    );
    const product = tree.body.data.find((n) => n.path === '产品');
    expect(product?.children[0]?.path).toBe('产品/手机银行');
    expect(product?.children[0]?.children[0]?.path).toBe('产品/手机银行/登录');
    expect(await outboxTypes(item.id)).toEqual([
      'feedback.created',
      'feedback.tags_changed',
      'feedback.tags_changed',
    ]);
  });

  it('creates tags in the tree for admins and supervisors only', async () => {
    const created = await send<{ path: string; labelEn: string }>(
      'POST',
      '/tags',
      { path: '渠道 / 网点', labelEn: 'Branch' },
      admin,
    );
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({ path: '渠道/网点', name: '网点', labelEn: 'Branch' });
    const again = await send('POST', '/tags', { path: '渠道/网点' }, admin);
    expect(again.status).toBe(200);
    expect((await send('POST', '/tags', { path: '渠道/短信' })).status).toBe(403);
    expect((await send('POST', '/tags', { path: ' / ' }, admin)).status).toBe(400);
  });

  it('updates record fields, one history row per change; a priority change needs a reason', async () => {
    const item = await buildFeedback(t, agent.headers, {
      subject: 'Login broken',
      customFields: { os: 'iOS', build: 17 },
    });
    const noReason = await send('PATCH', `/feedback/${item.id}`, { priority: 'urgent' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('priority_reason_required');
    const res = await send<FeedbackItem>('PATCH', `/feedback/${item.id}`, {
      priority: 'urgent',
      reason: '涉及资金损失',
      nature: 'complaint',
      businessArea: 'tech_support',
      subject: '登录失败 after upgrade',
      customFields: { build: null, appVersion: '5.2.0' },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      priority: 'urgent',
      nature: 'complaint',
      businessArea: 'tech_support',
      subject: '登录失败 after upgrade',
      customFields: { os: 'iOS', appVersion: '5.2.0' },
      version: item.version + 1,
    });
    const changes = (await history(item.id)).filter((e) => e.type.endsWith('_changed'));
    expect(changes.map((e) => e.type).sort()).toEqual(
      [
        'business_area_changed',
        'custom_fields_changed',
        'nature_changed',
        'priority_changed',
        'subject_changed',
      ].sort(),
    );
    expect(changes.find((e) => e.type === 'priority_changed')).toMatchObject({
      from: 'normal',
      to: 'urgent',
      reason: '涉及资金损失',
    });
    // The new subject is searchable, the old one is not.
    const found = await send<FeedbackItem[]>('GET', `/feedback?q=${encodeURIComponent('登录失败')}`);
    expect(found.body.data.map((i) => i.id)).toEqual([item.id]);
    expect((await send<FeedbackItem[]>('GET', '/feedback?q=broken')).body.data).toEqual([]);

    const same = await send<FeedbackItem>('PATCH', `/feedback/${item.id}`, { nature: 'complaint' });
    expect(same.body.data.version).toBe(item.version + 1);
    expect((await send('PATCH', `/feedback/${item.id}`, { status: 'closed' })).status).toBe(400);
    expect((await send('PATCH', `/feedback/${item.id}`, { nature: 'rant' })).status).toBe(400);
  });

  it('merges a duplicate: messages and tags move, both histories record it, one outbox event', async () => {
    const target = await buildFeedback(t, agent.headers, {
      description: '信用卡被盗刷',
      tags: ['风险/盗刷'],
    });
    const source = await buildFeedback(t, agent.headers, {
      description: '信用卡被盗刷（重复提交）',
      tags: ['风险/盗刷', '渠道/电话'],
    });
    await send('POST', `/feedback/${source.id}/messages`, { body: '客户再次来电', internal: true });

    const self = await send('POST', `/feedback/${source.id}/merge`, { targetId: source.id });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('merge_target_invalid');

    const res = await send<{ source: FeedbackItem; target: FeedbackItem }>(
      'POST',
      `/feedback/${source.id}/merge`,
      {
        targetId: target.id,
        reason: '同一客户同一问题',
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.data.source).toMatchObject({
      status: 'merged',
      mergedIntoId: target.id,
      tags: [],
      allowedTransitions: [],
    });
    expect(res.body.data.target.tags).toEqual(['渠道/电话', '风险/盗刷']);
    const targetMessages = await send<FeedbackMessage[]>('GET', `/feedback/${target.id}/messages`);
    expect(targetMessages.body.data.map((m) => m.body)).toEqual([
      '信用卡被盗刷',
      '信用卡被盗刷（重复提交）',
      '客户再次来电',
    ]);
    expect((await history(source.id)).at(-1)).toMatchObject({
      type: 'status_changed',
      from: 'received',
      to: 'merged',
      reason: '同一客户同一问题',
    });
    expect((await history(target.id)).at(-1)).toMatchObject({
      type: 'merged_from',
      from: source.number,
      data: expect.objectContaining({ sourceId: source.id }),
    });
    expect(await outboxTypes(source.id)).toContain('feedback.merged');
    expect(await outboxTypes(target.id)).not.toContain('feedback.merged');

    const other = await buildFeedback(t, agent.headers);
    const intoMerged = await send('POST', `/feedback/${other.id}/merge`, { targetId: source.id });
    expect(intoMerged.status).toBe(409);
    expect(intoMerged.body.error.code).toBe('merge_target_invalid');
    const onMerged = await send('POST', `/feedback/${source.id}/messages`, { body: 'late' });
    expect(onMerged.status).toBe(409);
    expect(onMerged.body.error.code).toBe('feedback_merged');
    const again = await transition(t, agent.headers, source.id, { to: 'in_progress' });
    expect(again.status).toBe(409);

    await transition(t, agent.headers, other.id, { to: 'resolved', closure: CLOSURE });
    const resolved = await send('POST', `/feedback/${other.id}/merge`, { targetId: target.id });
    expect(resolved.status).toBe(409);
    expect(resolved.body.error.code).toBe('invalid_transition');
    const hidden = await buildFeedback(t, techAgent.headers);
    const invisible = await send('POST', `/feedback/${other.id}/merge`, { targetId: hidden.id });
    expect(invisible.status).toBe(404);
  });

  it('serialises concurrent changes to one item: no lost version bumps or history rows', async () => {
    const item = await buildFeedback(t, agent.headers);
    const notes = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        send('POST', `/feedback/${item.id}/messages`, { body: `note ${i}`, internal: true }),
      ),
    );
    expect(notes.map((n) => n.status)).toEqual(Array(10).fill(201));
    const after = (await send<FeedbackItem>('GET', `/feedback/${item.id}`)).body.data;
    expect(after.version).toBe(item.version + 10);
    expect((await history(item.id)).filter((e) => e.type === 'message_added')).toHaveLength(10);
    const moves = await Promise.all(
      ['in_progress', 'closed', 'resolved'].map((to) =>
        transition(t, agent.headers, item.id, { to, ...(to === 'resolved' ? { closure: CLOSURE } : {}) }),
      ),
    );
    // Each transition saw the state the previous one left; the illegal ones were refused.
    const ok = moves.filter((m) => m.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const m of moves) expect([200, 409]).toContain(m.status);
    const changes = (await history(item.id)).filter((e) => e.type === 'status_changed');
    expect(changes).toHaveLength(ok.length);
    for (let i = 1; i < changes.length; i++) expect(changes[i]?.from).toBe(changes[i - 1]?.to);
  });

  it('writes an audit entry for every change', async () => {
    const item = await buildFeedback(t, agent.headers);
    await transition(t, agent.headers, item.id, { to: 'in_progress', reason: '开始处理' });
    await send('POST', `/feedback/${item.id}/messages`, { body: 'hello' });
    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'ip'])
      .where('entity_id', '=', item.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'feedback.created',
      'feedback.status_changed',
      'feedback.message_added',
    ]);
    expect(audit.every((a) => a.actor_id === agent.userId && a.ip !== null)).toBe(true);
  });
});
