import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackItem } from '../../../shared/contracts/feedback.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { SOURCE_PRESETS } from './presets.js';

interface SourceAnswer {
  data: { id: string; slug: string; secret: string; mapping: Record<string, string>; channel: string };
  error: { code: string; details?: unknown };
}
interface HookAnswer {
  data: { id: string; number: string; status: string };
  error: { code: string; message: string; details?: { field: string; path: string; reason: string } };
}

const NOW = new Date('2026-11-23T08:00:00.000Z');
const nowSeconds = () => String(Math.floor(NOW.getTime() / 1000));

function hmac(secret: string, content: string): string {
  return createHmac('sha256', secret).update(content).digest('hex');
}

describe('generic inbound webhooks', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let sms: SourceAnswer['data'];
  let reviews: SourceAnswer['data'];
  let plain: SourceAnswer['data'];

  beforeAll(async () => {
    t = await createTestApp({ clock: () => NOW });
    admin = (await actorHeaders(t, { role: 'admin' })).headers;
    const create = async (payload: Record<string, unknown>) => {
      const res = await call<SourceAnswer>(t.app, {
        method: 'POST',
        url: '/api/v1/intake/sources',
        headers: admin,
        payload,
      });
      expect(res.status).toBe(201);
      return res.body.data;
    };
    sms = await create({ name: 'SMS gateway', slug: 'sms-gw', preset: 'sms_gateway' });
    reviews = await create({ name: 'Review feed', slug: 'reviews', preset: 'review_feed' });
    plain = await create({
      name: 'Social listening',
      slug: 'social',
      channel: 'social',
      signatureHeader: 'X-Hub-Signature-256',
      timestampHeader: null,
      mapping: {
        description: '$.entry[0].message.text',
        'customer.name': "$.entry[0]['sender name']",
        sourceId: '$.entry[0].id',
      },
    });
  });
  afterAll(async () => t.close());

  async function deliver(
    source: { slug: string; secret: string },
    body: string,
    options: { timestamp?: string | null; signature?: string; header?: string; contentType?: string } = {},
  ) {
    const timestamp = options.timestamp === undefined ? nowSeconds() : options.timestamp;
    const signed = timestamp === null ? body : `${timestamp}.${body}`;
    const headers: Record<string, string> = {
      'content-type': options.contentType ?? 'application/json',
      [options.header ?? 'x-signature']: options.signature ?? `sha256=${hmac(source.secret, signed)}`,
    };
    if (timestamp !== null) headers['x-timestamp'] = timestamp;
    return call<HookAnswer>(t.app, {
      method: 'POST',
      url: `/api/v1/intake/hooks/${source.slug}`,
      headers,
      payload: body,
    });
  }

  async function submissionCount(): Promise<number> {
    const row = await t.ctx.database.db
      .selectFrom('intake_submissions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  async function feedbackCount(): Promise<number> {
    const row = await t.ctx.database.db
      .selectFrom('feedback')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('lists the presets and never shows a secret again after creation', async () => {
    const presets = await call<{ data: { code: string }[] }>(t.app, {
      method: 'GET',
      url: '/api/v1/intake/source-presets',
      headers: admin,
    });
    expect(presets.body.data.map((p) => p.code)).toEqual(['sms_gateway', 'review_feed']);
    expect(sms.secret.length).toBeGreaterThan(30);
    expect(sms.channel).toBe('sms');
    const listed = await call<{ data: Record<string, unknown>[] }>(t.app, {
      method: 'GET',
      url: '/api/v1/intake/sources',
      headers: admin,
    });
    expect(listed.body.data).toHaveLength(3);
    for (const s of listed.body.data) expect(s).not.toHaveProperty('secret');
    const agent = (await actorHeaders(t, { role: 'agent' })).headers;
    expect((await call(t.app, { method: 'GET', url: '/api/v1/intake/sources', headers: agent })).status).toBe(
      403,
    );
  });

  it('refuses bad mappings, duplicate slugs and unknown fields when a source is saved', async () => {
    const post = (payload: Record<string, unknown>) =>
      call<SourceAnswer>(t.app, { method: 'POST', url: '/api/v1/intake/sources', headers: admin, payload });
    const badPath = await post({
      name: 'x',
      slug: 'bad-path',
      channel: 'sms',
      mapping: { description: '$..text' },
    });
    expect(badPath.status).toBe(400);
    expect(badPath.body.error.code).toBe('invalid_json_path');
    const noDescription = await post({
      name: 'x',
      slug: 'no-desc',
      channel: 'sms',
      mapping: { sourceId: '$.id' },
    });
    expect(noDescription.status).toBe(400);
    const taken = await post({ name: 'x', slug: 'sms-gw', preset: 'sms_gateway' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('intake_source_slug_taken');
    const unknown = await post({
      name: 'x',
      slug: 'unknown',
      preset: 'sms_gateway',
      mapping: { foo: '$.a' },
    });
    expect(unknown.status).toBe(400);
  });

  it('creates an SMS item from the preset mapping, customer found by phone, raw bytes kept', async () => {
    const body = JSON.stringify(SOURCE_PRESETS[0]!.example);
    const res = await deliver(sms, body);
    expect(res.status).toBe(201);
    const item = await call<{ data: FeedbackItem }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${res.body.data.id}`,
      headers: admin,
    });
    expect(item.body.data).toMatchObject({
      channel: 'sms',
      description: '你们的APP转账一直失败，请尽快处理',
    });
    expect(item.body.data.occurredAt).toBe('2026-11-23T01:15:00.000Z');
    expect(item.body.data.customer).not.toBeNull();
    const originals = await call<{ data: { payload: string; source: string; outcome: string }[] }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${res.body.data.id}/originals`,
      headers: admin,
    });
    expect(originals.body.data).toEqual([
      expect.objectContaining({ payload: body, source: 'webhook:sms-gw', outcome: 'created' }),
    ]);
  });

  it('answers a redelivery of the same source id with the existing item (200), creating nothing', async () => {
    const body = JSON.stringify({ ...SOURCE_PRESETS[0]!.example, messageId: 'sms-replay-1' });
    const first = await deliver(sms, body);
    expect(first.status).toBe(201);
    const items = await feedbackCount();
    const again = await deliver(sms, body);
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual(first.body.data);
    const concurrent = await Promise.all([1, 2, 3].map(() => deliver(sms, body)));
    for (const r of concurrent) expect(r.body.data.id).toBe(first.body.data.id);
    expect(await feedbackCount()).toBe(items);
    const outcomes = await t.ctx.database.db
      .selectFrom('intake_submissions')
      .select('outcome')
      .where('feedback_id', '=', first.body.data.id)
      .execute();
    expect(outcomes.map((o) => o.outcome).sort()).toEqual([
      'created',
      'duplicate',
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
  });

  it('creates exactly one item when the first deliveries of a source id race', async () => {
    const body = JSON.stringify({ ...SOURCE_PRESETS[0]!.example, messageId: 'sms-race-1' });
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => deliver(sms, body)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.data.id)).size).toBe(1);
  });

  it('creates review items from the review-feed preset (rating kept, name only)', async () => {
    const res = await deliver(reviews, JSON.stringify(SOURCE_PRESETS[1]!.example));
    expect(res.status).toBe(201);
    const item = await call<{ data: FeedbackItem }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${res.body.data.id}`,
      headers: admin,
    });
    expect(item.body.data).toMatchObject({
      channel: 'review',
      subject: 'Slow service',
      product: 'Counter service',
      branch: 'Pudong branch',
      customFields: { rating: 2 },
    });
  });

  it('rejects a wrong, missing or re-signed signature with 401 and stores nothing', async () => {
    const before = await submissionCount();
    const body = JSON.stringify({ ...SOURCE_PRESETS[0]!.example, messageId: 'forged' });
    const wrong = await deliver(sms, body, {
      signature: `sha256=${hmac('not-the-secret', `${nowSeconds()}.${body}`)}`,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('signature_invalid');
    const missing = await deliver(sms, body, { signature: '' });
    expect(missing.status).toBe(401);
    // Signed over the body only, while the source signs timestamp + body.
    const unbound = await deliver(sms, body, { signature: hmac(sms.secret, body) });
    expect(unbound.status).toBe(401);
    // One byte changed after signing.
    const tampered = await call<HookAnswer>(t.app, {
      method: 'POST',
      url: '/api/v1/intake/hooks/sms-gw',
      headers: {
        'content-type': 'application/json',
        'x-timestamp': nowSeconds(),
        'x-signature': hmac(sms.secret, `${nowSeconds()}.${body}`),
      },
      payload: body.replace('forged', 'forgeD'),
    });
    expect(tampered.status).toBe(401);
    expect(await submissionCount()).toBe(before);
  });

  it('accepts a base64 signature and a source without timestamp', async () => {
    const body = JSON.stringify({
      entry: [{ id: 'post-1', 'sender name': 'Zhang', message: { text: 'App keeps crashing' } }],
    });
    const signature = `sha256=${createHmac('sha256', plain.secret).update(body).digest('base64')}`;
    const res = await deliver(plain, body, { timestamp: null, header: 'x-hub-signature-256', signature });
    expect(res.status).toBe(201);
  });

  it('refuses a stale timestamp with 401 signature_expired and stores nothing', async () => {
    const before = await submissionCount();
    const stale = String(Math.floor(NOW.getTime() / 1000) - 301);
    const res = await deliver(sms, JSON.stringify({ ...SOURCE_PRESETS[0]!.example, messageId: 'stale' }), {
      timestamp: stale,
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('signature_expired');
    expect(await submissionCount()).toBe(before);
  });

  it('answers 422 naming the failed path when the mapping cannot read the payload, keeping it as rejected', async () => {
    const before = await feedbackCount();
    const body = JSON.stringify({ messageId: 'no-text', from: '+8613812345678' });
    const res = await deliver(sms, body, {});
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('mapping_failed');
    expect(res.body.error.details).toEqual({ field: 'description', path: '$.text', reason: 'missing' });
    expect(await feedbackCount()).toBe(before);
    const rejected = await t.ctx.database.db
      .selectFrom('intake_submissions')
      .selectAll()
      .where('outcome', '=', 'rejected')
      .execute();
    expect(rejected.map((r) => r.payload)).toContain(body);

    const notJson = await deliver(sms, 'text=hello', {});
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe('invalid_json');
  });

  it('accepts form-encoded deliveries and 404s unknown or disabled sources', async () => {
    const body = new URLSearchParams({
      messageId: 'form-1',
      from: '13812345678',
      text: '短信内容',
    }).toString();
    const res = await deliver(sms, body, { contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(201);
    expect((await deliver({ slug: 'nope', secret: 'x' }, '{}')).status).toBe(404);
    const off = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/intake/sources/${plain.id}`,
      headers: admin,
      payload: { enabled: false },
    });
    expect(off.status).toBe(200);
    expect((await deliver(plain, '{}', { timestamp: null, header: 'x-hub-signature-256' })).status).toBe(404);
  });

  it('rotates a secret: the old one stops working', async () => {
    const rotated = await call<SourceAnswer>(t.app, {
      method: 'POST',
      url: `/api/v1/intake/sources/${reviews.id}/secret`,
      headers: admin,
    });
    expect(rotated.status).toBe(200);
    const body = JSON.stringify({ ...SOURCE_PRESETS[1]!.example, review: { id: 'rot', body: 'ok' } });
    expect((await deliver(reviews, body)).status).toBe(401);
    expect((await deliver({ slug: reviews.slug, secret: rotated.body.data.secret }, body)).status).toBe(201);
    const deleted = await call(t.app, {
      method: 'DELETE',
      url: `/api/v1/intake/sources/${reviews.id}`,
      headers: admin,
    });
    expect(deleted.status).toBe(204);
  });
});
