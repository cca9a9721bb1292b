import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Webhook, WebhookDelivery } from '../../../shared/contracts/webhooks.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { resolveDestination } from './destination.js';
import { sendDelivery } from './sender.js';
import { WEBHOOK_JOBS } from './webhooks.events.js';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Responder = (
  req: Received,
  n: number,
) => { status: number; headers?: Record<string, string>; body?: string };

/** A real HTTP receiver on 127.0.0.1 answering with `respond` and recording every request. */
async function startReceiver(respond: Responder = () => ({ status: 200, body: 'ok' })) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(r);
      const answer = respond(r, received.length);
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Answer<T> = { data: T; error: { code: string; message: string; details?: unknown } };

describe('outbound webhooks', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let agent: Record<string, string>;
  let now = new Date('2026-11-23T08:00:00.000Z');
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const receivers: { close(): Promise<void> }[] = [];

  const api = <T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers = admin,
  ) =>
    call<Answer<T>>(t.app, {
      method,
      url: `/api/v1${url}`,
      headers,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const setAllowPrivate = (on: boolean) =>
    api('PATCH', '/webhooks/settings', { allowPrivateDestinations: on });
  const subscribe = async (url: string, eventTypes: string[] = ['feedback.created']) => {
    const res = await api<Webhook & { secret: string }>('POST', '/webhooks', { url, eventTypes });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.data;
  };
  const receiver = async (respond?: Responder) => {
    const r = await startReceiver(respond);
    receivers.push(r);
    return r;
  };
  const deliveries = async (id: string) =>
    (
      await call<{ data: WebhookDelivery[] }>(t.app, {
        url: `/api/v1/webhooks/${id}/deliveries`,
        headers: admin,
      })
    ).body.data;

  beforeAll(async () => {
    t = await createTestApp({ clock: () => now });
    admin = (await actorHeaders(t, { role: 'admin' })).headers;
    agent = (await actorHeaders(t, { role: 'agent' })).headers;
    await setAllowPrivate(true);
  });
  afterEach(async () => {
    await t.ctx.database.db.deleteFrom('webhook_subscriptions').execute();
    await setAllowPrivate(true);
    await api('PATCH', '/webhooks/settings', { maxConsecutiveFailures: 10 });
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await t.close();
  });

  it('refuses internal destinations unless private destinations are allowed', async () => {
    await setAllowPrivate(false);
    for (const url of [
      'http://127.0.0.1:9/hook',
      'http://10.1.2.3/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]:8080/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://localhost:8080/hook',
    ]) {
      const res = await api('POST', '/webhooks', { url, eventTypes: ['feedback.created'] });
      expect(res.status, url).toBe(422);
      expect(res.body.error.code).toBe('webhook_destination_forbidden');
    }
    const zh = await call<Answer<unknown>>(t.app, {
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: { ...admin, 'accept-language': 'zh-CN' },
      payload: { url: 'https://user:secret@example.com/hook', eventTypes: ['feedback.created'] },
    });
    expect(zh.status).toBe(422);
    expect(zh.body.error.message).toContain('不允许');
    expect(zh.body.error.details).toEqual([{ path: 'url', reason: 'credentials' }]);
    expect((await api('POST', '/webhooks', { url: 'http://example.com', eventTypes: ['nope'] })).status).toBe(
      400,
    );
    expect((await api('GET', '/webhooks', undefined, agent)).status).toBe(403);

    // Allowed, then forbidden again: the check also runs at delivery, and nothing is sent.
    const r = await receiver();
    await setAllowPrivate(true);
    const sub = await subscribe(`${r.url}/hook`);
    await setAllowPrivate(false);
    await buildFeedback(t, admin);
    await t.drainJobs();
    expect(r.received).toHaveLength(0);
    const [delivery] = await deliveries(sub.id);
    expect(delivery?.attemptLog[0]?.error).toContain('webhook_destination_forbidden');
    expect(delivery?.status).toBe('pending');

    const update = await api('PATCH', `/webhooks/${sub.id}`, { url: 'http://192.168.0.10/' });
    expect(update.status).toBe(422);
  });

  it('delivers signed events with the documented headers, only for subscribed types', async () => {
    const created = await receiver();
    const statusOnly = await receiver();
    const sub = await subscribe(`${created.url}/hook`);
    await subscribe(`${statusOnly.url}/hook`, ['feedback.status_changed']);
    expect(sub.secret).toMatch(/^whsec_/);
    const listed = await api<Webhook[]>('GET', '/webhooks');
    expect(JSON.stringify(listed.body)).not.toContain(sub.secret);

    const item = await buildFeedback(t, admin);
    await t.drainJobs();
    expect(created.received).toHaveLength(1);
    expect(statusOnly.received).toHaveLength(0);
    const [req] = created.received;
    const body = JSON.parse(req!.body) as {
      id: string;
      type: string;
      createdAt: string;
      data: { number?: string };
    };
    expect(body.type).toBe('feedback.created');
    expect(body.data.number).toBe(item.number);
    expect(req!.headers['x-closeloop-event']).toBe('feedback.created');
    expect(req!.headers['content-type']).toBe('application/json');
    const timestamp = req!.headers['x-closeloop-timestamp'] as string;
    expect(timestamp).toBe(String(Math.floor(now.getTime() / 1000)));
    const expected = createHmac('sha256', sub.secret).update(`${timestamp}.${req!.body}`).digest('hex');
    expect(req!.headers['x-closeloop-signature']).toBe(`sha256=${expected}`);

    const [delivery] = await deliveries(sub.id);
    expect(delivery).toMatchObject({
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
      eventId: body.id,
    });
    expect(req!.headers['x-closeloop-delivery']).toBe(delivery!.id);
    expect(delivery!.attemptLog[0]).toMatchObject({ statusCode: 200, success: true, responseExcerpt: 'ok' });

    // A rotated secret signs the next deliveries.
    const rotated = await api<{ secret: string }>('POST', `/webhooks/${sub.id}/secret`);
    expect(rotated.body.data.secret).not.toBe(sub.secret);
    const ping = await api<WebhookDelivery>('POST', `/webhooks/${sub.id}/test`);
    expect(ping.status).toBe(200);
    expect(ping.body.data).toMatchObject({ eventType: 'webhook.ping', status: 'delivered' });
    const last = created.received.at(-1)!;
    expect(JSON.parse(last.body).type).toBe('webhook.ping');
    const sig = createHmac('sha256', rotated.body.data.secret)
      .update(`${last.headers['x-closeloop-timestamp']}.${last.body}`)
      .digest('hex');
    expect(last.headers['x-closeloop-signature']).toBe(`sha256=${sig}`);

    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', sub.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['webhook.created', 'webhook.secret_rotated', 'webhook.tested']),
    );
  });

  it('retries after a 500 with backoff and then succeeds; redelivers on request', async () => {
    const r = await receiver((_req, n) =>
      n === 1 ? { status: 500, body: 'x'.repeat(5000) } : { status: 204 },
    );
    const sub = await subscribe(`${r.url}/hook`);
    await buildFeedback(t, admin);
    await t.drainJobs();
    expect(r.received).toHaveLength(1);
    let [delivery] = await deliveries(sub.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    expect(delivery!.attemptLog[0]!.responseExcerpt).toHaveLength(1024);
    await t.drainJobs();
    expect(r.received).toHaveLength(1); // not due yet
    advance(3_000);
    await t.drainJobs();
    expect(r.received).toHaveLength(2);
    [delivery] = await deliveries(sub.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 204 });
    expect(delivery!.attemptLog.map((a) => a.statusCode)).toEqual([500, 204]);
    expect(r.received[0]!.headers['x-closeloop-delivery']).toBe(
      r.received[1]!.headers['x-closeloop-delivery'],
    );

    const again = await api<WebhookDelivery>(
      'POST',
      `/webhooks/${sub.id}/deliveries/${delivery!.id}/redeliver`,
    );
    expect(again.status).toBe(202);
    await t.drainJobs();
    expect(r.received).toHaveLength(3);
    expect(r.received[2]!.body).toBe(r.received[0]!.body);
    [delivery] = await deliveries(sub.id);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3 });
    const other = await api('POST', `/webhooks/${sub.id}/deliveries/${sub.id}/redeliver`);
    expect(other.status).toBe(404);
  });

  it('disables a subscription after N consecutive failures and tells the admins', async () => {
    await api('PATCH', '/webhooks/settings', { maxConsecutiveFailures: 3 });
    const r = await receiver(() => ({ status: 500 }));
    const sub = await subscribe(`${r.url}/hook`);
    await buildFeedback(t, admin);
    for (let i = 0; i < 6; i++) {
      await t.drainJobs();
      advance(120_000);
    }
    expect(r.received).toHaveLength(3);
    const after = await api<Webhook>('GET', `/webhooks/${sub.id}`);
    expect(after.body.data).toMatchObject({ active: false, consecutiveFailures: 3 });
    expect(after.body.data.disabledReason).toContain('3');
    const [delivery] = await deliveries(sub.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 3 });
    const notes = await call<{ data: { kind: string; title: string }[] }>(t.app, {
      url: '/api/v1/notifications',
      headers: admin,
    });
    expect(notes.body.data.some((n) => n.kind === 'webhook_disabled')).toBe(true);

    // Disabled: new events are not delivered; re-enabling resets the count.
    await buildFeedback(t, admin);
    await t.drainJobs();
    expect(r.received).toHaveLength(3);
    const enabled = await api<Webhook>('PATCH', `/webhooks/${sub.id}`, { active: true });
    expect(enabled.body.data).toMatchObject({ active: true, consecutiveFailures: 0, disabledAt: null });
  });

  it('does not follow redirects', async () => {
    const r = await receiver((req) =>
      req.path === '/hook' ? { status: 302, headers: { location: '/elsewhere' } } : { status: 200 },
    );
    const sub = await subscribe(`${r.url}/hook`);
    await buildFeedback(t, admin);
    await t.drainJobs();
    expect(r.received.map((x) => x.path)).toEqual(['/hook']);
    const [delivery] = await deliveries(sub.id);
    expect(delivery).toMatchObject({ status: 'pending', lastStatusCode: 302 });
  });

  it('fans an event out once per subscription, however often it is handled', async () => {
    const a = await receiver();
    const b = await receiver();
    const subA = await subscribe(`${a.url}/a`);
    const subB = await subscribe(`${b.url}/b`);
    const item = await buildFeedback(t, admin);
    const event = {
      id: '0190f7a0-0000-7000-8000-000000000001',
      type: 'feedback.created',
      aggregateType: 'feedback',
      aggregateId: item.id,
      payload: { number: item.number },
      createdAt: now.toISOString(),
    };
    const fanOut = t.ctx.subscribers.handler(WEBHOOK_JOBS.fanOut)!;
    await fanOut({ event }, { jobId: 'x', attempt: 1 });
    await fanOut({ event }, { jobId: 'y', attempt: 1 });
    await t.drainJobs();
    await fanOut({ event }, { jobId: 'z', attempt: 2 });
    await t.drainJobs();
    const bodiesA = a.received.map((x) => JSON.parse(x.body).id);
    const bodiesB = b.received.map((x) => JSON.parse(x.body).id);
    expect(bodiesA.filter((id) => id === event.id)).toHaveLength(1);
    expect(bodiesB.filter((id) => id === event.id)).toHaveLength(1);
    expect((await deliveries(subA.id)).filter((d) => d.eventId === event.id)).toHaveLength(1);
    expect((await deliveries(subB.id)).filter((d) => d.eventId === event.id)).toHaveLength(1);
    // Paging
    const page = await call<{ data: WebhookDelivery[]; nextCursor: string | null }>(t.app, {
      url: `/api/v1/webhooks/${subA.id}/deliveries?limit=1`,
      headers: admin,
    });
    expect(page.body.data).toHaveLength(1);
    expect(page.body.nextCursor).not.toBeNull();
    const next = await call<{ data: WebhookDelivery[]; nextCursor: string | null }>(t.app, {
      url: `/api/v1/webhooks/${subA.id}/deliveries?limit=1&cursor=${page.body.nextCursor}`,
      headers: admin,
    });
    expect(next.body.data[0]!.id).not.toBe(page.body.data[0]!.id);
  });

  it('connects to the address that was checked, not to a fresh DNS answer', async () => {
    const r = await receiver();
    const port = new URL(r.url).port;
    const { url, address } = await resolveDestination(`http://hook.invalid:${port}/pinned`, {
      allowPrivate: true,
      lookup: async () => [{ address: '127.0.0.1', family: 4 }],
    });
    const result = await sendDelivery({ url, address, body: '{}', headers: {} });
    expect(result).toMatchObject({ success: true, statusCode: 200 });
    expect(r.received.map((x) => [x.path, x.headers.host])).toEqual([['/pinned', `hook.invalid:${port}`]]);
  });

  it('takes WEBHOOKS_ALLOW_PRIVATE from the environment', async () => {
    const other = await createTestApp({
      env: { WEBHOOKS_ALLOW_PRIVATE: 'true', WEBHOOKS_MAX_FAILURES: '4' },
    });
    try {
      const h = (await actorHeaders(other, { role: 'admin' })).headers;
      const res = await call<Answer<{ allowPrivateDestinations: boolean; maxConsecutiveFailures: number }>>(
        other.app,
        { url: '/api/v1/webhooks/settings', headers: h },
      );
      expect(res.body.data).toEqual({ allowPrivateDestinations: true, maxConsecutiveFailures: 4 });
      const spec = await call<{ paths: Record<string, Record<string, { tags?: string[] }>> }>(other.app, {
        url: '/api/openapi.json',
      });
      expect(spec.status).toBe(200);
      expect(spec.body.paths['/api/v1/webhooks/{id}/deliveries']?.get?.tags).toEqual(['webhooks']);
    } finally {
      await other.close();
    }
  });
});
