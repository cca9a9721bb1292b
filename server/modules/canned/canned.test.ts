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
    ] as const) {
      const op = res.body.paths[path]?.[method];
      expect(op?.tags, `${method} ${path}`).toEqual(['canned-responses']);
      expect(op?.requestBody !== undefined, `${method} ${path} body`).toBe(body);
    }
  });
});
