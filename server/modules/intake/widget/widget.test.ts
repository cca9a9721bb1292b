import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorHeaders } from '../../../../test/support/actors.js';
import { call, createTestApp, type TestApp } from '../../../../test/support/test-app.js';

const SHOP = 'https://shop.example.com';
const BANK = 'http://bank.example.cn:8080';
const EVIL = 'https://evil.example.net';

function preflight(t: TestApp, url: string, origin: string) {
  return t.app.inject({
    method: 'OPTIONS',
    url,
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,idempotency-key,accept-language',
    },
  });
}

describe('widget: script, settings and CORS of the public API', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let agent: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({
      env: { WIDGET_ALLOWED_ORIGINS: BANK, PUBLIC_RATE_LIMIT_IP: '1000', PUBLIC_RATE_LIMIT_CONTACT: '1000' },
    });
    admin = (await actorHeaders(t, { role: 'admin' })).headers;
    agent = (await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' })).headers;
  });
  afterAll(async () => t.close());

  it('serves the script as JavaScript that other origins may load, with a validator', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/widget.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.body).toContain('/api/v1/public/feedback');
    expect(res.body).toContain('意见反馈');
    const again = await t.app.inject({
      method: 'GET',
      url: '/widget.js',
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('answers CORS only for allowed origins and only on the public API', async () => {
    // Allowed by the environment from the start; the admin's list is empty.
    const fromBank = await preflight(t, '/api/v1/public/feedback', BANK);
    expect(fromBank.statusCode).toBe(204);
    expect(fromBank.headers['access-control-allow-origin']).toBe(BANK);
    expect(String(fromBank.headers['access-control-allow-headers'])).toContain('idempotency-key');
    expect(fromBank.headers['access-control-allow-credentials']).toBeUndefined();

    const fromShop = await preflight(t, '/api/v1/public/feedback', SHOP);
    expect(fromShop.headers['access-control-allow-origin']).toBeUndefined();

    const put = await call<{
      data: { allowedOrigins: string[]; environmentOrigins: string[]; snippet: string };
    }>(t.app, {
      method: 'PUT',
      url: '/api/v1/intake/widget',
      headers: admin,
      payload: { allowedOrigins: [SHOP], primaryColor: '#0a7f5a', language: 'zh-CN' },
    });
    expect(put.status).toBe(200);
    expect(put.body.data.allowedOrigins).toEqual([SHOP]);
    expect(put.body.data.environmentOrigins).toEqual([BANK]);
    expect(put.body.data.snippet).toMatch(/^<script src="http:\/\/[^"]+\/widget\.js" async><\/script>$/);

    const nowShop = await preflight(t, '/api/v1/public/feedback', SHOP);
    expect(nowShop.headers['access-control-allow-origin']).toBe(SHOP);
    const evil = await preflight(t, '/api/v1/public/feedback', EVIL);
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();

    // A staff endpoint never answers with CORS headers, even to an allowed origin.
    const staff = await preflight(t, '/api/v1/feedback', SHOP);
    expect(staff.headers['access-control-allow-origin']).toBeUndefined();
    const staffGet = await t.app.inject({
      method: 'GET',
      url: '/api/v1/feedback',
      headers: { origin: SHOP },
    });
    expect(staffGet.headers['access-control-allow-origin']).toBeUndefined();

    // The actual cross-origin submission carries the header, and the item is a widget item.
    const created = await call<{ data: { id: string; number: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/public/feedback',
      headers: { origin: SHOP },
      payload: {
        description: '扫码支付后积分没有到账',
        channel: 'widget',
        consent: true,
        customer: { email: 'widget.user@example.cn' },
      },
    });
    expect(created.status).toBe(201);
    expect(created.response.headers['access-control-allow-origin']).toBe(SHOP);
    const item = await t.ctx.database.db
      .selectFrom('feedback')
      .select(['channel'])
      .where('id', '=', created.body.data.id)
      .executeTakeFirstOrThrow();
    expect(item.channel).toBe('widget');

    const config = await call<{ data: { primaryColor: string; language: string } }>(t.app, {
      method: 'GET',
      url: '/api/v1/public/widget/config',
      headers: { origin: SHOP },
    });
    expect(config.body.data).toMatchObject({ primaryColor: '#0a7f5a', language: 'zh-CN' });
    expect(config.response.headers['access-control-allow-origin']).toBe(SHOP);
  });

  it('refuses bad settings with field errors in the caller’s language, and non-admins', async () => {
    const bad = await call<{ error: { code: string; details: { path: string; message: string }[] } }>(t.app, {
      method: 'PUT',
      url: '/api/v1/intake/widget',
      headers: { ...admin, 'accept-language': 'zh-CN' },
      payload: { allowedOrigins: ['https://shop.example.com/path'], primaryColor: 'green' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const paths = bad.body.error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.allowedOrigins.0', 'body.primaryColor']));

    const forbidden = await call(t.app, { method: 'GET', url: '/api/v1/intake/widget', headers: agent });
    expect(forbidden.status).toBe(403);
    const anonymous = await call(t.app, { method: 'PUT', url: '/api/v1/intake/widget', payload: {} });
    expect(anonymous.status).toBe(401);
  });
});

describe('surveys: NPS / CSAT answers from the widget', () => {
  let t: TestApp;
  let analyst: Record<string, string>;
  let agent: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_IP: '1000' } });
    analyst = (await actorHeaders(t, { role: 'analyst' })).headers;
    agent = (await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' })).headers;
  });
  afterAll(async () => t.close());

  async function answer(payload: Record<string, unknown>, headers: Record<string, string> = {}) {
    return call<{ data: { id: string }; error: { code: string; message: string; details: unknown[] } }>(
      t.app,
      {
        method: 'POST',
        url: '/api/v1/public/surveys/responses',
        headers,
        payload,
      },
    );
  }

  it('stores answers durably and summarises NPS and CSAT as the standard definitions say', async () => {
    // NPS: 3 promoters (10, 9, 9), 2 passives (8, 7), 3 detractors (6, 3, 0) → (3 − 3) / 8 = 0.
    for (const score of [10, 9, 9, 8, 7, 6, 3, 0])
      expect((await answer({ kind: 'nps', score, event: 'transfer_done' })).status).toBe(201);
    // One more promoter on another event: 4 − 3 of 9 → 11.1.
    await answer({ kind: 'nps', score: 10, event: 'card_opened', comment: '办卡很快', product: '信用卡' });
    // CSAT: 5, 4, 4, 2 → 75 % satisfied, mean 3.75.
    for (const score of [5, 4, 4, 2]) await answer({ kind: 'csat', score, branch: '徐汇支行' });

    const all = await call<{ data: Record<string, Record<string, unknown>> }>(t.app, {
      method: 'GET',
      url: '/api/v1/surveys/summary',
      headers: analyst,
    });
    expect(all.status).toBe(200);
    expect(all.body.data.nps).toMatchObject({
      responses: 9,
      promoters: 4,
      passives: 2,
      detractors: 3,
      score: 11.1,
    });
    expect(all.body.data.csat).toMatchObject({ responses: 4, satisfiedPercent: 75, mean: 3.75 });
    expect(all.body.data.csat?.distribution).toEqual([
      { score: 1, count: 0 },
      { score: 2, count: 1 },
      { score: 3, count: 0 },
      { score: 4, count: 2 },
      { score: 5, count: 1 },
    ]);

    const oneEvent = await call<{ data: { nps: { score: number; responses: number } } }>(t.app, {
      method: 'GET',
      url: '/api/v1/surveys/summary?event=transfer_done',
      headers: analyst,
    });
    expect(oneEvent.body.data.nps).toMatchObject({ responses: 8, score: 0 });

    const page1 = await call<{ data: { score: number; product: string | null }[]; nextCursor: string }>(
      t.app,
      {
        method: 'GET',
        url: '/api/v1/surveys/responses?kind=nps&limit=5',
        headers: analyst,
      },
    );
    expect(page1.body.data).toHaveLength(5);
    expect(page1.body.data[0]).toMatchObject({ score: 10, product: '信用卡' });
    const page2 = await call<{ data: unknown[]; nextCursor: string | null }>(t.app, {
      method: 'GET',
      url: `/api/v1/surveys/responses?kind=nps&limit=5&cursor=${page1.body.nextCursor}`,
      headers: analyst,
    });
    expect(page2.body.data).toHaveLength(4);
    expect(page2.body.nextCursor).toBeNull();
  });

  it('refuses scores off the scale with a bilingual error, and keeps the summary from agents', async () => {
    const zh = await answer({ kind: 'csat', score: 0 }, { 'accept-language': 'zh-CN' });
    expect(zh.status).toBe(400);
    expect(zh.body.error).toMatchObject({
      code: 'survey_score_out_of_range',
      message: '评分必须在 1 到 5 之间。',
    });
    const en = await answer({ kind: 'nps', score: 11 }, { 'accept-language': 'en' });
    expect(en.body.error.message).toBe('The score must be between 0 and 10.');
    const unknownField = await answer({ kind: 'nps', score: 5, customerId: 'x' });
    expect(unknownField.status).toBe(400);

    const forbidden = await call(t.app, { method: 'GET', url: '/api/v1/surveys/summary', headers: agent });
    expect(forbidden.status).toBe(403);
  });
});
