import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorHeaders } from '../../../test/support/actors.js';
import { latestEvent } from '../../../test/support/outbox.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { type SmtpSink, startSmtpSink } from '../intake/mail/mail.test-support.js';
import { verifySignature } from '../intake/signature.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../notifications/sms/gateways/http.js';
import { SMS_JOBS } from '../notifications/sms/index.js';
import { type GatewayPeer, startGatewayPeer } from '../notifications/sms/sms.test-support.js';

const SECRET = 'sms-gateway-secret';
const PHONE = '+8613800138000';

describe('SMS to phone-only customers: notices and tracking codes through the gateway, once, within limits', () => {
  let peer: GatewayPeer;
  let sink: SmtpSink;
  let t: TestApp;
  let now = new Date('2026-11-23T02:00:00Z');
  let item: { id: string; number: string };
  let ip = 0;
  let failNext = 0;

  beforeAll(async () => {
    peer = await startGatewayPeer();
    sink = await startSmtpSink();
    peer.respond = (req) => {
      const signed = Buffer.from(`${req.headers[TIMESTAMP_HEADER]}.${req.body}`);
      if (!verifySignature(SECRET, signed, String(req.headers[SIGNATURE_HEADER] ?? '')))
        return { status: 401, body: { error: 'bad signature' } };
      if (failNext > 0) {
        failNext--;
        return { status: 503, body: { error: 'busy' } };
      }
      return { status: 200, body: { messageId: `gw-${peer.requests.length}` } };
    };
    t = await createTestApp({
      clock: () => now,
      env: {
        SMTP_URL: sink.url,
        SMS_PROVIDER: 'http',
        SMS_HTTP_URL: peer.url,
        SMS_HTTP_SECRET: SECRET,
        SMS_HTTP_BODY: '{"to":"{{to}}","text":"{{text}}","kind":"{{template}}"}',
        PUBLIC_BASE_URL: 'https://service.bank.example',
        PUBLIC_RATE_LIMIT_IP: '1000',
        PUBLIC_RATE_LIMIT_CONTACT: '1000',
        CUSTOMER_MESSAGES_PER_HOUR: '4',
        CUSTOMER_MESSAGES_PER_DAY: '5',
      },
    });
    const res = await call<{ data: { id: string; number: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/public/feedback',
      payload: {
        description: '手机银行转账一直显示处理中，钱已经扣了',
        consent: true,
        customer: { name: '王芳', phone: '138 0013 8000' },
      },
    });
    expect(res.status).toBe(201);
    item = res.body.data;
    await t.drainJobs();
  });

  afterAll(async () => {
    await t.close();
    await peer.close();
    await sink.close();
  });

  const smsRows = () =>
    t.ctx.database.db.selectFrom('sms_outbound').selectAll().orderBy('created_at').orderBy('id').execute();
  const sent = () =>
    peer.requests.map((r) => JSON.parse(r.body) as { to: string; text: string; kind: string });
  const requestCode = async (lang: string) => {
    const res = await call(t.app, {
      method: 'POST',
      url: '/api/v1/public/tracking/code',
      remoteAddress: `10.1.0.${++ip}`,
      headers: { 'accept-language': lang },
      payload: { number: item.number, contact: '+86 138-0013-8000' },
    });
    expect(res.status).toBe(202);
    await t.drainJobs();
  };
  const lastCode = () =>
    t.ctx.database.db
      .selectFrom('tracking_codes')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();

  it('tells a phone-only customer that the ticket was accepted: one signed SMS, both languages, number and link', async () => {
    expect(sent()).toHaveLength(1);
    const sms = sent()[0];
    expect(sms?.to).toBe(PHONE);
    expect(sms?.kind).toBe('notice');
    expect(sms?.text).toContain(`您的反馈已受理，工单号 ${item.number}。`);
    expect(sms?.text).toContain(`We received your feedback, ticket ${item.number}.`);
    expect(sms?.text).toContain(`https://service.bank.example/track/${item.number}`);
    const rows = await smsRows();
    expect(
      rows.map((r) => [r.purpose, r.status, Number(r.attempts), r.provider, r.provider_message_id]),
    ).toEqual([['customer_notice', 'sent', 1, 'http', 'gw-1']]);
  });

  it('sends a tracking code by SMS in the requester’s language, and the code opens a session', async () => {
    await requestCode('zh-CN');
    const zh = sent().at(-1)?.text ?? '';
    expect(zh).toMatch(new RegExp(`^验证码 \\d{6}，用于查询工单 ${item.number}，10 分钟内有效`));
    const code = /\d{6}/.exec(zh)?.[0] ?? '';
    expect(await lastCode()).toMatchObject({ channel: 'sms', delivery_status: 'queued' });
    const session = await call(t.app, {
      method: 'POST',
      url: '/api/v1/public/tracking/session',
      remoteAddress: `10.1.0.${++ip}`,
      payload: { number: item.number, code },
    });
    expect(session.status).toBe(200);

    await requestCode('en');
    expect(sent().at(-1)?.text).toMatch(
      new RegExp(`^Code \\d{6} to follow ticket ${item.number}, valid 10 min`),
    );
    expect(sent()).toHaveLength(3);
  });

  it('sends nothing more when the notice event or the send job is delivered again', async () => {
    const rowsBefore = (await smsRows()).length;
    const requestsBefore = peer.requests.length;
    const event = await latestEvent(t, 'feedback.created', item.id);
    await t.ctx.queue.enqueue(
      'loop.notify-customer:feedback.created',
      { event },
      { dedupeKey: 'redelivery-1' },
    );
    const first = (await smsRows())[0];
    await t.ctx.queue.enqueue(SMS_JOBS.send, { smsId: first?.id, attempt: 1 }, { dedupeKey: 'redelivery-2' });
    await t.drainJobs();
    expect((await smsRows()).length).toBe(rowsBefore);
    expect(peer.requests.length).toBe(requestsBefore);
  });

  it('retries a failed gateway call after the backoff and sends once', async () => {
    failNext = 1;
    await requestCode('zh-CN');
    const row = (await smsRows()).at(-1);
    expect(row).toMatchObject({ status: 'pending', last_error: 'HTTP 503: {"error":"busy"}' });
    expect(Number(row?.attempts)).toBe(1);
    expect(row?.next_attempt_at).toBe(new Date(now.getTime() + 2000).toISOString());
    const requests = peer.requests.length;
    await t.drainJobs();
    expect(peer.requests.length).toBe(requests); // not before its time
    now = new Date(now.getTime() + 3000);
    await t.drainJobs();
    const retried = (await smsRows()).at(-1);
    expect(retried).toMatchObject({ status: 'sent', last_error: null });
    expect(Number(retried?.attempts)).toBe(2);
    expect(peer.requests.length).toBe(requests + 1);
  });

  it('records codes over the hourly and daily limits as skipped, with the reason, and sends nothing', async () => {
    // 4 so far this hour (notice + 3 codes): the 5th is skipped.
    const requests = peer.requests.length;
    await requestCode('zh-CN');
    expect(peer.requests.length).toBe(requests);
    expect(await lastCode()).toMatchObject({ channel: 'sms', delivery_status: 'skipped' });
    expect((await smsRows()).at(-1)).toMatchObject({
      purpose: 'tracking_code',
      status: 'skipped',
      last_error: 'customer message limit reached (4 per hour to this recipient)',
    });
    // An hour later the hourly budget is back, the daily one (5) has one left.
    now = new Date(now.getTime() + 3_601_000);
    await requestCode('zh-CN');
    expect(peer.requests.length).toBe(requests + 1);
    await requestCode('zh-CN');
    expect(peer.requests.length).toBe(requests + 1);
    expect((await smsRows()).at(-1)?.last_error).toBe(
      'customer message limit reached (5 per day to this recipient)',
    );
  });

  it('counts mail and SMS to the same customer together', async () => {
    // A customer with both: notices go by email, codes to the phone they type; one budget (4 per hour) for all.
    const res = await call<{ data: { id: string; number: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/public/feedback',
      payload: {
        description: '信用卡账单分期手续费和宣传的不一致',
        consent: true,
        customer: { name: '孙丽', email: 'sun.li@example.cn', phone: '13700137000' },
      },
    });
    expect(res.status).toBe(201);
    await t.drainJobs();
    expect(sink.received.map((m) => m.to)).toEqual([['sun.li@example.cn']]);
    const requests = peer.requests.length;
    for (let i = 0; i < 4; i++) {
      const code = await call(t.app, {
        method: 'POST',
        url: '/api/v1/public/tracking/code',
        remoteAddress: `10.2.0.${i}`,
        payload: { number: res.body.data.number, contact: '13700137000' },
      });
      expect(code.status).toBe(202);
      await t.drainJobs();
    }
    // Mail notice + 3 SMS codes = 4; the 4th code is skipped.
    expect(peer.requests.length).toBe(requests + 3);
    expect(peer.requests.slice(requests).every((r) => r.body.includes('+8613700137000'))).toBe(true);
    const codes = await t.ctx.database.db
      .selectFrom('tracking_codes')
      .select('delivery_status')
      .where('feedback_id', '=', res.body.data.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    expect(codes.map((c) => c.delivery_status)).toEqual(['queued', 'queued', 'queued', 'skipped']);
  });

  it('lists the item’s SMS for staff with tracking codes masked', async () => {
    const { headers } = await actorHeaders(t, { role: 'supervisor' });
    const res = await call<{ data: { purpose: string; text: string; status: string }[] }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${item.id}/sms`,
      headers,
    });
    expect(res.status).toBe(200);
    expect(res.body.data[0]).toMatchObject({ purpose: 'customer_notice', status: 'sent' });
    const codes = res.body.data.filter((s) => s.purpose === 'tracking_code');
    expect(codes.length).toBeGreaterThan(0);
    for (const c of codes) expect(c.text).not.toMatch(/\d{6}/);
  });
});

describe('without an SMS gateway', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_RATE_LIMIT_IP: '1000', PUBLIC_RATE_LIMIT_CONTACT: '1000' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('queues no SMS and records a phone-only customer’s code as unavailable', async () => {
    const res = await call<{ data: { id: string; number: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/public/feedback',
      payload: {
        description: 'ATM 吞卡了，卡还没有取回',
        consent: true,
        customer: { name: '赵磊', phone: '13900139000' },
      },
    });
    expect(res.status).toBe(201);
    await t.drainJobs();
    const code = await call(t.app, {
      method: 'POST',
      url: '/api/v1/public/tracking/code',
      payload: { number: res.body.data.number, contact: '13900139000' },
    });
    expect(code.status).toBe(202);
    await t.drainJobs();
    expect(await t.ctx.database.db.selectFrom('sms_outbound').selectAll().execute()).toEqual([]);
    const row = await t.ctx.database.db.selectFrom('tracking_codes').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'sms', delivery_status: 'unavailable' });
  });
});
