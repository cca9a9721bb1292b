import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CannedResponse } from '../../../shared/contracts/canned.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

interface ErrorBody {
  error: { code: string; message: string };
}

const BODY_ZH =
  '{{customer.name}}您好，您的工单 {{ ticket.number }} 由{{agent.name}}处理，预计 {{ticket.expectedResolution}} 前完成。';
const BODY_EN =
  'Dear {{customer.name}}, ticket {{ticket.number}} is handled by {{agent.name}} and should be done by {{ticket.expectedResolution}}.';

describe('canned responses', () => {
  let t: TestApp;
  let supervisor: Record<string, string>;
  let agent: { headers: Record<string, string>; departmentId: string | null };
  let otherAgent: Record<string, string>;
  let analyst: Record<string, string>;

  function create(payload: Record<string, unknown>, headers = supervisor, lang = 'zh-CN') {
    return call<{ data: CannedResponse } & ErrorBody>(t.app, {
      method: 'POST',
      url: '/api/v1/canned-responses',
      headers: { ...headers, 'accept-language': lang },
      payload,
    });
  }
  function list(headers: Record<string, string>) {
    return call<{ data: CannedResponse[] } & ErrorBody>(t.app, {
      method: 'GET',
      url: '/api/v1/canned-responses',
      headers,
    });
  }
  function render(feedbackId: string, cid: string, language: string, headers = agent.headers) {
    return call<{ data: { text: string; language: string } } & ErrorBody>(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${feedbackId}/canned-responses/${cid}/render`,
      headers,
      payload: { language },
    });
  }

  beforeAll(async () => {
    t = await createTestApp();
    supervisor = (await actorHeaders(t, { role: 'supervisor', departmentCode: 'after_sales' })).headers;
    const a = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
    agent = { headers: a.headers, departmentId: a.departmentId };
    otherAgent = (await actorHeaders(t, { role: 'agent', departmentCode: 'pre_sales' })).headers;
    analyst = (await actorHeaders(t, { role: 'analyst' })).headers;
  });
  afterAll(async () => t.close());

  it('refuses an unknown variable at save time, naming it, in the caller’s language', async () => {
    const zh = await create({
      titleZh: '问候',
      titleEn: 'Greeting',
      bodyZh: '您好 {{customer.nmae}}',
      bodyEn: 'Hi',
    });
    expect(zh.status).toBe(400);
    expect(zh.body.error.code).toBe('canned_variable_unknown');
    expect(zh.body.error.message).toContain('{{customer.nmae}}');
    expect(zh.body.error.message).toContain('变量');
    const en = await create(
      { titleZh: '问候', titleEn: 'Greeting', bodyZh: '您好', bodyEn: 'Hi {{ order.total }}' },
      supervisor,
      'en',
    );
    expect(en.status).toBe(400);
    expect(en.body.error.message).toBe(
      'Unknown variable "{{order.total}}" in the text; see the list of variables.',
    );
    expect(await list(supervisor).then((r) => r.body.data)).toEqual([]);
  });

  it('lets supervisors keep the catalogue; agents see global and own-department ones and cannot write', async () => {
    const global = await create({
      titleZh: '进度告知',
      titleEn: 'Progress',
      bodyZh: BODY_ZH,
      bodyEn: BODY_EN,
    });
    expect(global.status).toBe(201);
    expect(global.body.data.variables).toEqual([
      'customer.name',
      'ticket.number',
      'agent.name',
      'ticket.expectedResolution',
    ]);
    expect(global.body.data.title).toBe('进度告知');
    const scoped = await create({
      titleZh: '退货说明',
      titleEn: 'Returns',
      bodyZh: '退货请联系{{department.name}}',
      bodyEn: 'For returns contact {{department.name}}',
      departmentId: agent.departmentId,
    });
    expect(scoped.status).toBe(201);

    const mine = await list(agent.headers);
    expect(mine.body.data.map((r) => r.titleEn).sort()).toEqual(['Progress', 'Returns']);
    const theirs = await list(otherAgent);
    expect(theirs.body.data.map((r) => r.titleEn)).toEqual(['Progress']);
    const hidden = await call<ErrorBody>(t.app, {
      method: 'GET',
      url: `/api/v1/canned-responses/${scoped.body.data.id}`,
      headers: otherAgent,
    });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('canned_response_not_found');

    expect(
      (await create({ titleZh: 'x', titleEn: 'x', bodyZh: 'x', bodyEn: 'x' }, agent.headers)).status,
    ).toBe(403);
    expect((await list(analyst)).status).toBe(403);

    const patched = await call<{ data: CannedResponse } & ErrorBody>(t.app, {
      method: 'PATCH',
      url: `/api/v1/canned-responses/${scoped.body.data.id}`,
      headers: supervisor,
      payload: { bodyEn: 'Returns: {{ticket.nope}}' },
    });
    expect(patched.status).toBe(400);
    expect(patched.body.error.code).toBe('canned_variable_unknown');
    const ok = await call<{ data: CannedResponse }>(t.app, {
      method: 'PATCH',
      url: `/api/v1/canned-responses/${scoped.body.data.id}`,
      headers: { ...supervisor, 'accept-language': 'en' },
      payload: { bodyEn: 'Returns: ask {{department.name}} about {{ticket.subject}}' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data.title).toBe('Returns');
    expect(ok.body.data.variables).toEqual(['department.name', 'ticket.subject']);

    const del = await call(t.app, {
      method: 'DELETE',
      url: `/api/v1/canned-responses/${scoped.body.data.id}`,
      headers: supervisor,
    });
    expect(del.status).toBe(204);
    expect((await list(agent.headers)).body.data.map((r) => r.titleEn)).toEqual(['Progress']);
    const again = await call<ErrorBody>(t.app, {
      method: 'DELETE',
      url: `/api/v1/canned-responses/${scoped.body.data.id}`,
      headers: supervisor,
    });
    expect(again.status).toBe(404);
  });

  it('renders for an item in either language as plain text, without expanding values again', async () => {
    const c = await create({ titleZh: '模板', titleEn: 'Template', bodyZh: BODY_ZH, bodyEn: BODY_EN });
    const item = await buildFeedback(t, agent.headers, {
      customer: { name: '{{agent.name}} 王', phone: '13900001111' },
      departmentId: agent.departmentId,
    });
    const zh = await render(item.id, c.body.data.id, 'zh-CN');
    expect(zh.status).toBe(200);
    const due = (
      await call<{ data: { resolutionDueAt: string | null } }>(t.app, {
        method: 'GET',
        url: `/api/v1/feedback/${item.id}`,
        headers: agent.headers,
      })
    ).body.data;
    expect(zh.body.data.text.startsWith('{{agent.name}} 王您好，您的工单 ')).toBe(true);
    expect(zh.body.data.text).toContain(item.number);
    expect(zh.body.data.text).not.toMatch(/\{\{\s*(ticket|customer\.name\s*\}\})/);
    const en = await render(item.id, c.body.data.id, 'en');
    expect(en.body.data.text).toContain(`ticket ${item.number} is handled by agent `);
    expect(en.body.data.text).toContain('Dear {{agent.name}} 王,');
    if (due.resolutionDueAt === null) expect(en.body.data.text).toContain('done by to be confirmed.');
    else expect(en.body.data.text).toMatch(/done by \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}\.$/);

    // Another department's agent cannot see the item: 404, existence not revealed.
    const foreign = await render(item.id, c.body.data.id, 'en', otherAgent);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('feedback_not_found');
    const bad = await render(item.id, c.body.data.id, 'fr');
    expect(bad.status).toBe(400);
  });

  it('applies a macro: the reply, tags added, priority with the macro as reason, status — in one transaction', async () => {
    const noActions = await create({
      titleZh: '空',
      titleEn: 'Empty',
      bodyZh: 'x',
      bodyEn: 'x',
      actions: {},
    });
    expect(noActions.status).toBe(400);
    expect(noActions.body.error.code).toBe('canned_action_invalid');
    const resolvedMacro = await create({
      titleZh: '直接解决',
      titleEn: 'Resolve',
      bodyZh: 'x',
      bodyEn: 'x',
      actions: { status: 'resolved' },
    });
    expect(resolvedMacro.status).toBe(400);

    const macro = await create({
      titleZh: '已解决-退款',
      titleEn: 'Refund',
      bodyZh: '{{customer.name}}您好，工单 {{ticket.number}} 的退款已提交。',
      bodyEn: 'Dear {{customer.name}}, the refund for {{ticket.number}} is on its way.',
      actions: { status: 'in_progress', addTags: ['退款/信用卡'], priority: 'high' },
    });
    expect(macro.status).toBe(201);
    expect(macro.body.data.actions).toEqual({
      status: 'in_progress',
      addTags: ['退款/信用卡'],
      priority: 'high',
    });
    const item = await buildFeedback(t, agent.headers, {
      customer: { name: '李雷', phone: '13900002222' },
      departmentId: agent.departmentId,
      tags: ['服务'],
    });
    const apply = (headers = agent.headers, payload: Record<string, unknown> = { language: 'zh-CN' }) =>
      call<
        {
          data: {
            text: string;
            messageId: string;
            applied: { status: unknown; addedTags: string[]; priority: unknown };
            item: { status: string; tags: string[]; priority: string };
          };
        } & ErrorBody
      >(t.app, {
        method: 'POST',
        url: `/api/v1/feedback/${item.id}/canned-responses/${macro.body.data.id}/apply`,
        headers,
        payload,
      });
    expect((await apply(otherAgent)).status).toBe(404);

    const res = await apply();
    expect(res.status).toBe(200);
    expect(res.body.data.text).toBe(`李雷您好，工单 ${item.number} 的退款已提交。`);
    expect(res.body.data.applied).toEqual({
      status: { from: 'received', to: 'in_progress' },
      addedTags: ['退款/信用卡'],
      priority: { from: item.priority, to: 'high' },
    });
    expect(res.body.data.item.status).toBe('in_progress');
    expect(res.body.data.item.tags.sort()).toEqual(['服务', '退款/信用卡']);
    expect(res.body.data.item.priority).toBe('high');

    const messages = await call<{ data: { id: string; kind: string; body: string }[] }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${item.id}/messages`,
      headers: agent.headers,
    });
    const reply = messages.body.data.find((m) => m.id === res.body.data.messageId);
    expect(reply).toMatchObject({ kind: 'agent', body: res.body.data.text });
    const events = await call<{ data: { type: string; reason: string | null; to: string | null }[] }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${item.id}/events`,
      headers: agent.headers,
    });
    const byType = (type: string) => events.body.data.find((e) => e.type === type);
    expect(byType('status_changed')).toMatchObject({ to: 'in_progress', reason: '已解决-退款' });
    expect(byType('priority_changed')).toMatchObject({ to: 'high', reason: '已解决-退款' });
    expect(byType('tags_changed')?.reason).toBe('已解决-退款');

    // Again with an edited text: the actions that would change nothing are skipped.
    const second = await apply(agent.headers, { language: 'en', body: 'Edited by the agent.' });
    expect(second.status).toBe(200);
    expect(second.body.data.text).toBe('Edited by the agent.');
    expect(second.body.data.applied).toEqual({ status: null, addedTags: [], priority: null });

    // A move the lifecycle refuses undoes everything, the reply included.
    const reopen = await create({
      titleZh: '重新处理',
      titleEn: 'Reopen',
      bodyZh: '我们会继续处理。',
      bodyEn: 'We are on it again.',
      actions: { status: 'reopened', addTags: ['复查'] },
    });
    const count = async () =>
      (
        await call<{ data: unknown[] }>(t.app, {
          method: 'GET',
          url: `/api/v1/feedback/${item.id}/messages`,
          headers: agent.headers,
        })
      ).body.data.length;
    const before = await count();
    const refused = await call<ErrorBody>(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${item.id}/canned-responses/${reopen.body.data.id}/apply`,
      headers: { ...agent.headers, 'accept-language': 'zh-CN' },
      payload: { language: 'zh-CN' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('invalid_transition');
    expect(await count()).toBe(before);
    const after = await call<{ data: { tags: string[]; status: string } }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${item.id}`,
      headers: agent.headers,
    });
    expect(after.body.data.tags).not.toContain('复查');
    expect(after.body.data.status).toBe('in_progress');
  });

  it('documents its routes in the OpenAPI document', async () => {
    const res = await call<{
      paths: Record<string, Record<string, { tags?: string[]; requestBody?: unknown }>>;
    }>(t.app, { method: 'GET', url: '/api/openapi.json' });
    for (const [path, method, body] of [
      ['/api/v1/canned-responses', 'get', false],
      ['/api/v1/canned-responses', 'post', true],
      ['/api/v1/canned-responses/{id}', 'patch', true],
      ['/api/v1/canned-responses/{id}', 'delete', false],
      ['/api/v1/canned-responses/variables', 'get', false],
      ['/api/v1/feedback/{id}/canned-responses/{cid}/render', 'post', true],
      ['/api/v1/feedback/{id}/canned-responses/{cid}/apply', 'post', true],
    ] as const) {
      const op = res.body.paths[path]?.[method];
      expect(op?.tags, `${method} ${path}`).toEqual(['canned-responses']);
      expect(op?.requestBody !== undefined, `${method} ${path} body`).toBe(body);
    }
  });
});
