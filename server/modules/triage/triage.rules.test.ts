import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackEvent, FeedbackItem } from '../../../shared/contracts/feedback.js';
import type { TriageResult, TriageRule } from '../../../shared/contracts/triage.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { correctionsFromDatabase } from '../../cli/export-corrections.command.js';
import { exportCorrections } from './index.js';

let t: TestApp;
let admin: Record<string, string>;
let supervisor: Record<string, string>;
let agent: { headers: Record<string, string>; userId: string | null };
let apiKey: Record<string, string>;
let techId: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = (await actorHeaders(t, { role: 'admin' })).headers;
  supervisor = (await actorHeaders(t, { role: 'supervisor' })).headers;
  const a = await actorHeaders(t, { role: 'agent', departmentCode: 'tech_support' });
  agent = { headers: a.headers, userId: a.userId };
  techId = a.departmentId!;
  await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
  apiKey = (await actorHeaders(t, { role: 'agent', via: 'api_key' })).headers;
});
afterAll(async () => t?.close());

function rules(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path = '',
  payload?: Record<string, unknown>,
  headers = admin,
) {
  return call<{ data: TriageRule; error: { code: string; message: string; details?: unknown } }>(t.app, {
    method,
    url: `/api/v1/triage/rules${path}`,
    headers,
    ...(payload !== undefined ? { payload } : {}),
  });
}

describe('rules admin API', () => {
  it('creates, lists in order, changes and deletes rules (admin only), with audit entries', async () => {
    const a = await rules('POST', '', {
      name: '刷脸支付问题',
      conditions: { keywordsAny: ['刷脸支付', 'face pay'] },
      actions: { businessArea: 'tech_support', tags: ['产品/刷脸支付'] },
    });
    expect(a.status).toBe(201);
    expect(a.body.data).toMatchObject({ name: '刷脸支付问题', enabled: true, position: 10, version: 1 });
    const b = await rules('POST', '', {
      name: 'first',
      position: 5,
      enabled: false,
      conditions: { channels: ['social'] },
      actions: { priority: 'high' },
    });
    expect(b.status).toBe(201);
    const list = await call<{ data: TriageRule[] }>(t.app, {
      method: 'GET',
      url: '/api/v1/triage/rules',
      headers: admin,
    });
    expect(list.body.data.map((r) => r.name)).toEqual(['first', '刷脸支付问题']);

    const patched = await rules('PATCH', `/${b.body.data.id}`, { position: 20, name: 'later' });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ position: 20, name: 'later', version: 2 });
    expect((await rules('GET', `/${b.body.data.id}`)).body.data.name).toBe('later');
    expect((await rules('DELETE', `/${b.body.data.id}`)).status).toBe(204);

    const missing = await call<{ error: { code: string; message: string } }>(t.app, {
      method: 'GET',
      url: `/api/v1/triage/rules/${b.body.data.id}`,
      headers: { ...admin, 'accept-language': 'zh-CN' },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: 'triage_rule_not_found', message: '未找到该分拣规则。' });

    expect((await rules('GET', '', undefined, supervisor)).status).toBe(403);
    expect((await rules('POST', '', { name: 'x', conditions: {}, actions: {} })).status).toBe(400);
    const badDept = await rules('POST', '', {
      name: 'x',
      conditions: {},
      actions: { departmentId: '0190a0a0-0000-7000-8000-000000000000' },
    });
    expect(badDept.status).toBe(400);
    expect(badDept.body.error.code).toBe('triage_rule_department_invalid');

    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'triage_rule')
      .execute();
    expect(audit.map((r) => r.action).sort()).toEqual([
      'triage.rule_created',
      'triage.rule_created',
      'triage.rule_deleted',
      'triage.rule_updated',
    ]);
  });

  it('a matching rule decides fields of a new item, and history names the rule', async () => {
    await rules('POST', '', {
      name: '大额投诉',
      position: 1,
      conditions: { amountAtLeast: 10_000, natures: ['complaint'] },
      actions: { priority: 'urgent', departmentId: techId, tags: ['资金/大额'] },
    });
    const created = await buildFeedback(t, apiKey, {
      description: '刷脸支付扣了我两次钱，一共 ¥12,000，到现在都没有退回来，太离谱了',
    });
    await t.drainJobs();
    const item = (
      await call<{ data: FeedbackItem }>(t.app, {
        method: 'GET',
        url: `/api/v1/feedback/${created.id}`,
        headers: admin,
      })
    ).body.data;
    expect(item.priority).toBe('urgent');
    expect(item.priorityReasons).toEqual([
      expect.objectContaining({
        code: 'rule',
        labelZh: '规则「大额投诉」',
        evidence: ['¥12,000', 'nature complaint'],
      }),
    ]);
    expect(item.department?.id).toBe(techId);
    expect(item.businessArea).toBe('tech_support');
    expect(item.tags).toEqual(expect.arrayContaining(['产品/刷脸支付', '资金/大额']));
    expect(item.triage?.ruleIds).toHaveLength(2);
    expect(item.triage?.amounts[0]).toMatchObject({ value: 12_000, currency: 'CNY' });

    const events = (
      await call<{ data: FeedbackEvent[] }>(t.app, {
        method: 'GET',
        url: `/api/v1/feedback/${created.id}/events`,
        headers: admin,
      })
    ).body.data;
    expect(events.find((e) => e.type === 'priority_changed')?.reason).toContain('大额投诉');
    expect(events.find((e) => e.type === 'business_area_changed')?.reason).toContain('刷脸支付问题');
    expect(events.find((e) => e.type === 'department_changed')?.reason).toContain('大额投诉');
  });

  it('dry-runs a text with a draft rule: which rules match and the resulting triage', async () => {
    const res = await call<{
      data: {
        rules: { id: string | null; name: string; matched: boolean; applied: string[] }[];
        result: TriageResult;
      };
    }>(t.app, {
      method: 'POST',
      url: '/api/v1/triage/rules/test',
      headers: { ...supervisor, 'accept-language': 'en' },
      payload: {
        text: 'Face pay charged me twice, I will contact my lawyer',
        customerTier: 'vip',
        rule: { name: 'draft', conditions: { keywordsAny: ['face pay'] }, actions: { nature: 'inquiry' } },
      },
    });
    expect(res.status).toBe(200);
    const { rules: matched, result } = res.body.data;
    expect(matched[0]).toEqual({
      id: null,
      name: 'draft',
      position: null,
      matched: true,
      applied: ['nature'],
    });
    expect(matched.find((r) => r.name === '刷脸支付问题')).toMatchObject({
      matched: true,
      applied: ['businessArea', 'tags'],
    });
    expect(matched.find((r) => r.name === '大额投诉')?.matched).toBe(false);
    expect(result).toMatchObject({
      language: 'en',
      nature: 'inquiry',
      natureSource: 'rule',
      priority: 'urgent',
    });
    expect(result.priorityReasons[0]).toMatchObject({
      code: 'legal_risk',
      label: 'Legal, regulatory or media risk',
    });
    expect(result.routing?.departmentId).toBe(techId);
    // Nothing was saved.
    const count = await t.ctx.database.db
      .selectFrom('triage_rules')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(2);
    expect(
      (
        await call(t.app, {
          method: 'POST',
          url: '/api/v1/triage/rules/test',
          headers: agent.headers,
          payload: { text: 'x' },
        })
      ).status,
    ).toBe(403);
  });
});

describe('nature corrections', () => {
  it("stores every agent override of the nature (not the system's) and exports them for training", async () => {
    const created = await buildFeedback(t, apiKey, { description: '手机银行登录不了，一直提示验证码错误' });
    await t.drainJobs();
    const before = await t.ctx.database.db.selectFrom('nlp_corrections').selectAll().execute();
    expect(before).toHaveLength(0);

    const item = (
      await call<{ data: FeedbackItem }>(t.app, {
        method: 'GET',
        url: `/api/v1/feedback/${created.id}`,
        headers: admin,
      })
    ).body.data;
    expect(item.department?.id).toBe(techId);
    const patched = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/feedback/${created.id}`,
      headers: agent.headers,
      payload: { nature: 'inquiry' },
    });
    expect(patched.status).toBe(200);
    await t.drainJobs();
    await t.drainJobs();
    const rows = await t.ctx.database.db.selectFrom('nlp_corrections').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      task: 'nature',
      feedback_id: created.id,
      text: '手机银行登录不了，一直提示验证码错误',
      old_label: item.nature,
      new_label: 'inquiry',
      actor_type: 'user',
      actor_id: agent.userId,
    });

    // Re-triage keeps the agent's nature and records no correction.
    await call(t.app, { method: 'POST', url: `/api/v1/feedback/${created.id}/triage`, headers: supervisor });
    await t.drainJobs();
    expect(await t.ctx.database.db.selectFrom('nlp_corrections').selectAll().execute()).toHaveLength(1);

    const lines = await exportCorrections(t.ctx.database.db);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { text: '手机银行登录不了，一直提示验证码错误', label: 'inquiry', task: 'nature' },
    ]);
    // What `closeloop export-corrections` and `npm run train -- --corrections-from-db` read.
    expect(await correctionsFromDatabase(t.database.url)).toEqual(lines);
  });
});
