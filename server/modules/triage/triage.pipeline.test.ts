import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackEvent, FeedbackItem } from '../../../shared/contracts/feedback.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let admin: Record<string, string>;
let apiKey: Record<string, string>;
let supervisor: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  admin = (await actorHeaders(t, { role: 'admin' })).headers;
  supervisor = (await actorHeaders(t, { role: 'supervisor' })).headers;
  // Departments with their business areas (after_sales, tech_support, pre_sales).
  await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
  await actorHeaders(t, { role: 'agent', departmentCode: 'tech_support' });
  apiKey = (await actorHeaders(t, { role: 'agent', via: 'api_key' })).headers;
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

async function history(id: string): Promise<FeedbackEvent[]> {
  const res = await call<{ data: FeedbackEvent[] }>(t.app, {
    method: 'GET',
    url: `/api/v1/feedback/${id}/events`,
    headers: admin,
  });
  expect(res.status).toBe(200);
  return res.body.data;
}

describe('triage in the job pipeline', () => {
  it('triages a new item: analysis, nature, area, priority with reasons, department, history', async () => {
    const created = await buildFeedback(t, apiKey, {
      description: '我在你们App上转账失败好几次了，钱也没到账，再不解决我就去银保监投诉，找律师起诉你们！',
      channel: 'portal',
      customer: { name: '王磊', phone: '13900001111' },
    });
    expect(created.triage).toBeNull();
    expect(created.priorityReasons).toEqual([]);

    await t.drainJobs();
    const item = await get(created.id);
    expect(item.language).toBe('zh');
    expect(item.sentiment?.label).toBe('negative');
    expect(item.nature).toBe('complaint');
    expect(item.priority).toBe('urgent');
    expect(item.priorityReasons.map((r) => r.code)).toContain('legal_risk');
    const legal = item.priorityReasons.find((r) => r.code === 'legal_risk')!;
    expect(legal.evidence).toEqual(expect.arrayContaining(['律师', '起诉', '银保监']));
    expect(legal.labelZh).toBeTruthy();
    expect(legal.labelEn).toBeTruthy();
    expect(item.keywords.length).toBeGreaterThan(0);
    expect(item.businessArea).toBe('after_sales');
    expect(item.department?.code).toBe('after_sales');
    expect(item.tags).toContain('风险/法律监管');
    expect(item.triage).toMatchObject({ language: 'zh', needsRouting: false, runs: 1 });
    expect(item.triage?.routing.outcome).toBe('routed');
    expect(item.version).toBeGreaterThan(created.version);

    const events = await history(created.id);
    const auto = events.filter((e) => e.actor.type === 'system');
    const types = auto.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'triaged',
        'nature_changed',
        'business_area_changed',
        'priority_changed',
        'department_changed',
        'language_changed',
        'sentiment_label_changed',
        'tags_changed',
      ]),
    );
    const priority = auto.find((e) => e.type === 'priority_changed')!;
    expect(priority.from).toBe('normal');
    expect(priority.to).toBe('urgent');
    expect(priority.reason).toContain('起诉');
    expect(auto.find((e) => e.type === 'department_changed')?.reason).toContain('after_sales');
    for (const e of auto.filter((x) => x.type === 'triaged' || x.type.endsWith('_changed')))
      expect(e.reason, e.type).toBeTruthy();
    expect(auto.find((e) => e.type === 'sentiment_label_changed')?.reason).toContain('sentiment model');

    // The outbox carries feedback.triaged for the next subscribers (SLA).
    const outbox = await t.ctx.database.db
      .selectFrom('outbox')
      .select(['type', 'payload'])
      .where('aggregate_id', '=', created.id)
      .where('type', '=', 'feedback.triaged')
      .execute();
    expect(outbox).toHaveLength(1);
    expect(JSON.parse(outbox[0]!.payload)).toMatchObject({
      priority: 'urgent',
      nature: 'complaint',
      businessArea: 'after_sales',
      departmentId: item.department?.id,
      assigneeId: null,
    });
  });

  it('a redelivered job changes nothing; fields given at creation are kept', async () => {
    const created = await buildFeedback(t, apiKey, {
      description: 'The app crashes every time I try to log in, please fix it',
      channel: 'app_store',
      priority: 'normal',
      nature: 'inquiry',
    });
    await t.drainJobs();
    const item = await get(created.id);
    expect(item.priority).toBe('normal');
    expect(item.nature).toBe('inquiry');
    expect(item.priorityReasons.map((r) => r.code)).toEqual(['set_by_staff']);
    expect(item.businessArea).toBe('tech_support');
    expect(item.department?.code).toBe('tech_support');
    expect(item.language).toBe('en');

    const { TRIAGE_JOB } = await import('./index.js');
    const handler = t.ctx.subscribers.handler(TRIAGE_JOB)!;
    await handler({ event: { aggregateId: created.id } }, { jobId: 'x', attempt: 2 });
    const again = await get(created.id);
    expect(again.version).toBe(item.version);
    expect(again.triage?.runs).toBe(1);
  });

  it('re-triage by a supervisor runs again and is audited; agents may not', async () => {
    const created = await buildFeedback(t, apiKey, { description: '建议增加夜间模式，晚上看屏幕太刺眼' });
    await t.drainJobs();
    const first = await get(created.id);
    expect(first.nature).toBe('suggestion');
    expect(first.priority).toBe('suggestion');

    const agent = (await actorHeaders(t, { role: 'agent' })).headers;
    const denied = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${created.id}/triage`,
      headers: agent,
    });
    expect(denied.status).toBe(403);

    const res = await call<{ data: FeedbackItem }>(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${created.id}/triage`,
      headers: supervisor,
    });
    expect(res.status).toBe(200);
    expect(res.body.data.triage?.runs).toBe(2);
    expect(res.body.data.version).toBe(first.version + 1);
    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', created.id)
      .where('action', '=', 'triage.rerun')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('a later priority change by staff is shown first among the reasons', async () => {
    const created = await buildFeedback(t, apiKey, { description: '请问信用卡的年费是多少？' });
    await t.drainJobs();
    expect((await get(created.id)).priorityReasons.map((r) => r.code)).toEqual(['default']);
    const patched = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/feedback/${created.id}`,
      headers: supervisor,
      payload: { priority: 'high', reason: '客户多次来电' },
    });
    expect(patched.status).toBe(200);
    const item = await get(created.id);
    expect(item.priority).toBe('high');
    expect(item.priorityReasons.map((r) => r.code)).toEqual(['set_by_staff', 'default']);
    // Re-triage keeps the staff's priority.
    await call(t.app, { method: 'POST', url: `/api/v1/feedback/${created.id}/triage`, headers: supervisor });
    expect((await get(created.id)).priority).toBe('high');
  });

  it('documents every triage route in OpenAPI under the triage tag', async () => {
    const res = await call<{ paths: Record<string, Record<string, { tags?: string[]; summary?: string }>> }>(
      t.app,
      { method: 'GET', url: '/api/openapi.json' },
    );
    const ops = Object.entries(res.body.paths)
      .filter(([path]) => path.startsWith('/api/v1/triage') || path.endsWith('/triage'))
      .flatMap(([, methods]) => Object.values(methods));
    expect(ops.length).toBeGreaterThanOrEqual(11);
    for (const op of ops) {
      expect(op.tags).toContain('triage');
      expect(op.summary).toBeTruthy();
    }
  });
});
