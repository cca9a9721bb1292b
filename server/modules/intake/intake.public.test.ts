import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

interface PublicAnswer {
  data: { id: string; number: string; status: string; trackingUrl: string };
  error: { code: string; message: string; details?: unknown };
}

let counter = 0;
function submission(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const n = ++counter;
  return {
    description: `网点排队太久了 ${n}`,
    channel: 'portal',
    customer: { name: '王芳', email: `wang.${n}@example.cn` },
    consent: true,
    ...overrides,
  };
}

function post(t: TestApp, payload: unknown, headers: Record<string, string> = {}) {
  return call<PublicAnswer>(t.app, {
    method: 'POST',
    url: '/api/v1/public/feedback',
    headers,
    payload: payload as Record<string, unknown>,
  });
}

async function countSubmissions(t: TestApp): Promise<number> {
  const row = await t.ctx.database.db
    .selectFrom('intake_submissions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('POST /api/v1/public/feedback', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_IP: '1000', PUBLIC_RATE_LIMIT_CONTACT: '1000' } });
  });
  afterAll(async () => t.close());

  it('creates an item submitted by the customer, answers only public fields, keeps the raw body', async () => {
    const payload = submission({
      nature: 'complaint',
      occurredAt: '2026-11-20T10:00:00+08:00',
      product: '信用卡',
      branch: '浦东支行',
      customer: { name: '王芳', phone: '138 1234 5678' },
    });
    const res = await post(t, payload, { host: 'feedback.example.cn' });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body.data).sort()).toEqual(['id', 'number', 'status', 'trackingUrl']);
    expect(res.body.data.status).toBe('received');
    expect(res.body.data.trackingUrl).toBe(`http://feedback.example.cn/track/${res.body.data.number}`);

    const db = t.ctx.database.db;
    const item = await db
      .selectFrom('feedback')
      .selectAll()
      .where('id', '=', res.body.data.id)
      .executeTakeFirstOrThrow();
    expect(item).toMatchObject({
      channel: 'portal',
      created_by_type: 'customer',
      product: '信用卡',
      nature: 'complaint',
    });
    const phone = await db
      .selectFrom('customer_identities')
      .select('value')
      .where('customer_id', '=', item.customer_id!)
      .executeTakeFirstOrThrow();
    expect(phone.value).toBe('+8613812345678');
    const original = await db
      .selectFrom('intake_submissions')
      .selectAll()
      .where('feedback_id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(original).toMatchObject({
      channel: 'portal',
      source: 'public',
      outcome: 'created',
      remote_ip: '127.0.0.1',
    });
    expect(JSON.parse(original.payload!)).toEqual(payload);
    expect(original.content_type).toMatch(/application\/json/);
  });

  it('refuses without consent (consent_required), in the caller’s language', async () => {
    const before = await countSubmissions(t);
    const missing = await post(t, submission({ consent: undefined }));
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('consent_required');
    const no = await post(t, submission({ consent: false }), { 'accept-language': 'zh-CN' });
    expect(no.body.error.code).toBe('consent_required');
    expect(no.body.error.message).toMatch(/同意/);
    expect(await countSubmissions(t)).toBe(before);
  });

  it('requires an email or phone, and validates it', async () => {
    const none = await post(t, submission({ customer: { name: '无联系方式' } }));
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('contact_required');
    const absent = await post(t, submission({ customer: undefined }));
    expect(absent.body.error.code).toBe('contact_required');
    const badEmail = await post(t, submission({ customer: { email: 'not-an-email' } }));
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.code).toBe('invalid_email');
    const badPhone = await post(t, submission({ customer: { phone: '12' } }));
    expect(badPhone.body.error.code).toBe('invalid_phone');
  });

  it('rejects unknown fields and staff-only fields', async () => {
    for (const extra of [
      { priority: 'urgent' },
      { assigneeId: '0190d3a8-0000-7000-8000-000000000000' },
      { foo: 1 },
    ]) {
      const res = await post(t, submission(extra));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const badChannel = await post(t, submission({ channel: 'email' }));
    expect(badChannel.status).toBe(400);
  });

  it('refuses bodies over the public limit with 413 body_too_large and stores nothing', async () => {
    const before = await countSubmissions(t);
    const res = await post(t, submission({ description: 'x'.repeat(70 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('body_too_large');
    expect(res.body.error.message).toContain('65536');
    expect(await countSubmissions(t)).toBe(before);
  });

  it('honours Idempotency-Key per IP: a retry answers 200 with the same body and creates nothing', async () => {
    const payload = submission();
    const first = await post(t, payload, { 'idempotency-key': 'portal-retry-1' });
    expect(first.status).toBe(201);
    const before = await countSubmissions(t);
    const again = await post(t, payload, { 'idempotency-key': 'portal-retry-1' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.response.headers['idempotent-replayed']).toBe('true');
    expect(await countSubmissions(t)).toBe(before);
    const other = await post(t, submission(), { 'idempotency-key': 'portal-retry-1' });
    expect(other.status).toBe(422);
  });

  it('is documented under the public tag', async () => {
    const res = await call<{ paths: Record<string, { post?: { tags?: string[] } }> }>(t.app, {
      method: 'GET',
      url: '/api/openapi.json',
    });
    expect(res.body.paths['/api/v1/public/feedback']?.post?.tags).toEqual(['public']);
  });
});

describe('public submission rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      env: {
        PUBLIC_RATE_LIMIT_IP: '6',
        PUBLIC_RATE_LIMIT_CONTACT: '2',
        PUBLIC_BASE_URL: 'https://portal.example.cn/',
      },
    });
  });
  afterAll(async () => t.close());

  it('limits one contact, then one IP, with 429 rate_limited in both languages', async () => {
    const email = 'repeat@example.cn';
    const a = await post(t, submission({ customer: { email } }));
    expect(a.status).toBe(201);
    expect(a.body.data.trackingUrl).toBe(`https://portal.example.cn/track/${a.body.data.number}`);
    expect((await post(t, submission({ customer: { email: ' Repeat@Example.cn ' } }))).status).toBe(201);
    const limited = await post(t, submission({ customer: { email } }), { 'accept-language': 'zh-CN' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.body.error.message).toMatch(/请求过于频繁/);
    expect(limited.response.headers['retry-after']).toBeDefined();
    const en = await post(t, submission({ customer: { email } }));
    expect(en.body.error.message).toMatch(/Too many requests/);

    // Another contact from the same IP still passes until the IP's own limit (6 requests so far: 4).
    expect((await post(t, submission())).status).toBe(201);
    expect((await post(t, submission())).status).toBe(201);
    const ipLimited = await post(t, submission());
    expect(ipLimited.status).toBe(429);
    expect(ipLimited.body.error.code).toBe('rate_limited');
  });
});

describe('public submission CAPTCHA hook', () => {
  let t: TestApp;
  let server: http.Server;
  const seen: URLSearchParams[] = [];

  beforeAll(async () => {
    // A siteverify endpoint on loopback: accepts the token "good" for the secret "s3cret".
    server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        const form = new URLSearchParams(data);
        seen.push(form);
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({ success: form.get('secret') === 's3cret' && form.get('response') === 'good' }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    t = await createTestApp({
      env: { CAPTCHA_SECRET: 's3cret', CAPTCHA_VERIFY_URL: `http://127.0.0.1:${port}/siteverify` },
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses a missing or invalid token with 400 captcha_failed and accepts a valid one', async () => {
    const before = await countSubmissions(t);
    const missing = await post(t, submission());
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('captcha_failed');
    const wrong = await post(t, submission({ captchaToken: 'bad' }));
    expect(wrong.body.error.code).toBe('captcha_failed');
    expect(await countSubmissions(t)).toBe(before);

    const ok = await post(t, submission({ captchaToken: 'good' }), { 'idempotency-key': 'captcha-1' });
    expect(ok.status).toBe(201);
    expect(seen.at(-1)?.get('remoteip')).toBe('127.0.0.1');
    const stored = await t.ctx.database.db
      .selectFrom('intake_submissions')
      .select('payload')
      .where('feedback_id', '=', ok.body.data.id)
      .executeTakeFirstOrThrow();
    expect(stored.payload).not.toContain('good');

    // A replay is answered from the stored response without a new verification.
    const calls = seen.length;
    const replay = await post(t, submission({ captchaToken: 'good', description: 'ignored' }), {
      'idempotency-key': 'captcha-1',
    });
    expect(replay.status).toBe(422);
    expect(seen.length).toBe(calls);
  });
});
