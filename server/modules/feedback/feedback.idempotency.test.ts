import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackItem } from '../../../shared/contracts/feedback.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('POST /feedback with Idempotency-Key', () => {
  let t: TestApp;
  let headers: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    headers = (await actorHeaders(t, { role: 'agent', via: 'api_key', departmentCode: 'after_sales' }))
      .headers;
  });
  afterAll(async () => t.close());

  const post = (
    h: Record<string, string>,
    idempotencyKey: string | undefined,
    payload: Record<string, unknown>,
  ) =>
    call<{ data: FeedbackItem; error: { code: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/feedback',
      headers: idempotencyKey === undefined ? h : { ...h, 'idempotency-key': idempotencyKey },
      payload,
    });

  async function countByDescription(description: string): Promise<number> {
    const row = await t.ctx.database.db
      .selectFrom('feedback')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('description', '=', description)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('creates exactly one item for 20 concurrent retries and answers each with the same body', async () => {
    const payload = {
      description: 'Refund not received after 14 days',
      channel: 'api',
      customer: { email: 'retry@example.com', name: 'Retry Customer' },
      tags: ['退款/到账时间'],
    };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post(headers, 'order-7781-refund', payload)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    const first = responses.find((r) => r.status === 201)!;
    for (const r of responses) {
      expect(r.body).toEqual(first.body);
      expect(r.response.headers['idempotent-replayed']).toBe(r.status === 200 ? 'true' : undefined);
    }
    expect(await countByDescription(payload.description)).toBe(1);
    const outbox = await t.ctx.database.db
      .selectFrom('outbox')
      .select('id')
      .where('aggregate_id', '=', first.body.data.id)
      .execute();
    expect(outbox).toHaveLength(1);
  });

  it('replays regardless of key order in the body, and refuses a different body with 422', async () => {
    const payload = { description: 'Card blocked abroad', channel: 'email', nature: 'complaint' };
    const a = await post(headers, 'k-2', payload);
    expect(a.status).toBe(201);
    const b = await post(headers, 'k-2', {
      nature: 'complaint',
      channel: 'email',
      description: 'Card blocked abroad',
    });
    expect(b.status).toBe(200);
    expect(b.body).toEqual(a.body);
    const c = await post(headers, 'k-2', { ...payload, nature: 'inquiry' });
    expect(c.status).toBe(422);
    expect(c.body.error.code).toBe('idempotency_key_reused');
    expect(await countByDescription('Card blocked abroad')).toBe(1);
  });

  it('refuses concurrent retries with different bodies: one item, the rest 200 or 422', async () => {
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => post(headers, 'k-mixed', { description: `mixed body ${i % 2}` })),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of responses) expect([200, 201, 422]).toContain(r.status);
    const made = (await countByDescription('mixed body 0')) + (await countByDescription('mixed body 1'));
    expect(made).toBe(1);
  });

  it('scopes keys to the caller: the same key from another caller is a new item', async () => {
    const other = (await actorHeaders(t, { role: 'agent', via: 'api_key', departmentCode: 'after_sales' }))
      .headers;
    const payload = { description: 'Scoped key test' };
    const a = await post(headers, 'shared-key', payload);
    const b = await post(other, 'shared-key', payload);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.data.id).not.toBe(b.body.data.id);
  });

  it('does not keep the key of a failed request, so a corrected retry succeeds', async () => {
    const bad = await post(headers, 'k-fail', {
      description: 'x',
      departmentId: '018f0000-0000-7000-8000-000000000000',
    });
    expect(bad.status).toBe(404);
    const retry = await post(headers, 'k-fail', {
      description: 'x',
      departmentId: '018f0000-0000-7000-8000-000000000000',
    });
    expect(retry.status).toBe(404);
    const fixed = await post(headers, 'k-fail', { description: 'fixed retry' });
    expect(fixed.status).toBe(201);
  });

  it('refuses malformed keys with 400 idempotency_key_invalid', async () => {
    for (const k of ['', 'a'.repeat(256), 'has space', 'ключ', 'tab\tkey']) {
      const res = await post(headers, k, { description: 'bad key' });
      expect(res.status, JSON.stringify(k)).toBe(400);
      expect(res.body.error.code).toBe('idempotency_key_invalid');
    }
    expect(await countByDescription('bad key')).toBe(0);
    const longest = await post(headers, 'a'.repeat(255), { description: 'longest key' });
    expect(longest.status).toBe(201);
  });
});
