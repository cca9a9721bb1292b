import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorHeaders } from '../../../test/support/actors.js';
import { latestEvent } from '../../../test/support/outbox.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { type SmtpSink, startSmtpSink } from '../intake/mail/mail.test-support.js';
import { replyTemplate } from '../notifications/sms/index.js';
import { type GatewayPeer, startGatewayPeer } from '../notifications/sms/sms.test-support.js';
import { REPLY_PARAM_CHARS, REPLY_SMS_CHARS, renderReplySms } from './subscribers/reply-by-sms.js';

describe('the SMS form of an agent reply', () => {
  const base = { number: 'FB-20261123-000007', trackingUrl: 'https://s.example/track/FB-20261123-000007' };

  it('carries the reply, cut to fit, with the tracking link, in the customer’s language', () => {
    const long = '您好，'.repeat(200);
    const zh = renderReplySms({ ...base, locale: 'zh-CN', body: long }, 'reply');
    expect(zh.text).toMatch(/^【工单 FB-20261123-000007】客服回复：您好，/);
    expect(zh.text).toContain('…');
    expect(zh.text.endsWith('查看详情：https://s.example/track/FB-20261123-000007')).toBe(true);
    expect(Array.from(zh.text).length).toBeLessThan(REPLY_SMS_CHARS + 80);
    expect(Array.from(zh.params.content ?? '').length).toBe(REPLY_PARAM_CHARS);
    expect(Object.keys(zh.params)).toEqual(['number', 'content', 'url']);

    const en = renderReplySms({ ...base, locale: null, body: 'Your refund\n\nwas sent today.' }, 'reply');
    expect(en.text).toBe(
      'Reply on ticket FB-20261123-000007: Your refund was sent today. Details: https://s.example/track/FB-20261123-000007',
    );
  });

  it('uses the notice template ("new reply") on a cloud provider without a reply template', () => {
    expect(replyTemplate({ provider: 'http', templateReply: undefined })).toBe('reply');
    expect(replyTemplate({ provider: 'aliyun', templateReply: undefined })).toBe('notice');
    expect(replyTemplate({ provider: 'tencent', templateReply: '100003' })).toBe('reply');
    const sms = renderReplySms({ ...base, locale: null, body: '退款已原路退回' }, 'notice');
    expect(sms.params).toEqual({ number: base.number, status: '有新回复', url: base.trackingUrl });
  });
});

describe('agent replies to phone-only customers go out by SMS, once; notes never', () => {
  let peer: GatewayPeer;
  let sink: SmtpSink;
  let t: TestApp;
  let agent: Record<string, string>;

  beforeAll(async () => {
    peer = await startGatewayPeer();
    peer.respond = () => ({ status: 200, body: { messageId: `gw-${peer.requests.length}` } });
    sink = await startSmtpSink();
    t = await createTestApp({
      env: {
        SMTP_URL: sink.url,
        SMS_PROVIDER: 'http',
        SMS_HTTP_URL: peer.url,
        SMS_HTTP_BODY: '{"to":"{{to}}","text":"{{text}}","kind":"{{template}}"}',
        PUBLIC_BASE_URL: 'https://service.bank.example',
        PUBLIC_RATE_LIMIT_IP: '1000',
      },
    });
    agent = (await actorHeaders(t, { role: 'admin', via: 'api_key' })).headers;
  });
  afterAll(async () => {
    await t?.close();
    await peer?.close();
    await sink?.close();
  });

  async function submit(customer: Record<string, string>) {
    const res = await call<{ data: { id: string; number: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/public/feedback',
      payload: { description: '信用卡年费被重复扣了两次', consent: true, customer },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await t.drainJobs();
    return res.body.data;
  }
  async function post(id: string, body: string, internal = false) {
    const res = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${id}/messages`,
      headers: agent,
      payload: { body, internal },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await t.drainJobs();
  }
  const replies = () =>
    t.ctx.database.db.selectFrom('sms_outbound').selectAll().where('purpose', '=', 'agent_reply').execute();
  const sentTexts = () =>
    peer.requests.map((r) => JSON.parse(r.body) as { to: string; text: string; kind: string });

  it('a phone-only customer gets the reply by SMS through the gateway; a note sends nothing', async () => {
    const item = await submit({ name: '李雷', phone: '139 0013 9000' });
    const before = peer.requests.length;
    await post(item.id, '内部：已联系卡中心核查', true);
    expect(await replies()).toHaveLength(0);
    await post(item.id, '李先生您好，重复扣除的年费已于今日退回，请留意账单。');
    // Sent by the job (a busy machine may need the retry after a slow first attempt).
    await expect
      .poll(
        async () => {
          await t.drainJobs();
          return (await replies())[0]?.status;
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe('sent');
    const rows = await replies();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'sent', to_number: '+8613900139000', template: 'reply' });
    const sent = sentTexts().slice(before);
    const reply = sent.find((s) => s.text.includes('客服回复'));
    expect(reply).toMatchObject({ to: '+8613900139000', kind: 'reply' });
    expect(reply?.text).toContain('重复扣除的年费已于今日退回');
    expect(reply?.text).toContain(`https://service.bank.example/track/${item.number}`);
    expect(sent.some((s) => s.text.includes('已联系卡中心'))).toBe(false);

    // The job delivered again (a retry after a crash) sends nothing more.
    const event = await latestEvent(t, 'feedback.message_added', item.id);
    const count = peer.requests.length;
    await t.ctx.queue.enqueue('loop.reply-sms', { event }, { dedupeKey: `again:${event.id}` });
    await t.drainJobs();
    expect(await replies()).toHaveLength(1);
    expect(peer.requests.length).toBe(count);
  });

  it('a customer with an email address gets the reply by mail, not SMS', async () => {
    const item = await submit({ name: 'Han Meimei', phone: '137 0013 7000', email: 'han@example.com' });
    const smsBefore = (await replies()).length;
    await post(item.id, 'The duplicate fee was refunded today.');
    expect(await replies()).toHaveLength(smsBefore);
    await expect
      .poll(() =>
        sink.received.some((m) => m.raw.toString('utf8').includes('The duplicate fee was refunded today.')),
      )
      .toBe(true);
  });
});
