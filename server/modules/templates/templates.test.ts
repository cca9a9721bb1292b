import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageTemplate } from '../../../shared/contracts/message-templates.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { receiveEmail } from '../intake/mail/index.js';
import { composeMail, type SmtpSink, startSmtpSink } from '../intake/mail/mail.test-support.js';
import { type GatewayPeer, startGatewayPeer } from '../notifications/sms/sms.test-support.js';

interface ErrorBody {
  error: { code: string; message: string; details?: { unknown: string[]; allowed: string[] } };
}

const BASE = 'https://cs.bank.example';

describe('customer message templates (admin overrides of the notices)', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let admin: Record<string, string>;
  let supervisor: Record<string, string>;

  const list = (headers = admin) =>
    call<{ data: MessageTemplate[] } & ErrorBody>(t.app, {
      method: 'GET',
      url: '/api/v1/message-templates',
      headers,
    });
  const put = (path: string, payload: Record<string, unknown>, lang = 'zh-CN', headers = admin) =>
    call<{ data: MessageTemplate } & ErrorBody>(t.app, {
      method: 'PUT',
      url: `/api/v1/message-templates/${path}`,
      headers: { ...headers, 'accept-language': lang },
      payload,
    });
  const submit = async (email: string, locale: 'zh-CN' | 'en') => {
    const res = await call<{ data: { id: string; number: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/feedback',
      headers: supervisor,
      payload: {
        description: '信用卡年费被重复扣了两次，请退还',
        channel: 'phone',
        customer: { name: '王芳', email, locale },
      },
    });
    expect(res.status).toBe(201);
    await t.drainJobs();
    return res.body.data;
  };
  const mailTo = (address: string) => sink.received.filter((m) => m.to.includes(address));

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      env: {
        SMTP_URL: sink.url,
        MAIL_FROM: '客服中心 <support@bank.example>',
        PUBLIC_BASE_URL: `${BASE}/`,
        PUBLIC_RATE_LIMIT_IP: '1000',
        PUBLIC_RATE_LIMIT_CONTACT: '1000',
      },
    });
    admin = (await actorHeaders(t, { role: 'admin' })).headers;
    supervisor = (await actorHeaders(t, { role: 'supervisor' })).headers;
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('lists every kind × channel × language with the default in the code; admins only', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    // 5 notices × (email, sms) × 2 languages + the mail acknowledgement × email × 2.
    expect(res.body.data).toHaveLength(22);
    expect(res.body.data.every((d) => d.isDefault)).toBe(true);
    const accepted = res.body.data.find(
      (d) => d.kind === 'accepted' && d.channel === 'email' && d.locale === 'zh-CN',
    );
    expect(accepted?.subject).toBe('[{{number}}] 我们已受理您的反馈');
    expect(accepted?.body).toContain('工单号为 {{number}}');
    expect(accepted?.body).toContain('查看进度：{{trackingUrl}}');
    expect(accepted?.variables).toEqual(['number', 'trackingUrl']);
    const resolved = res.body.data.find(
      (d) => d.kind === 'resolved' && d.channel === 'email' && d.locale === 'en',
    );
    expect(resolved?.body).toContain('Root cause: {{closure.rootCause}}');
    expect(resolved?.body).toContain('{{ratingUrl}}');
    const sms = res.body.data.find(
      (d) => d.kind === 'assigned' && d.channel === 'sms' && d.locale === 'zh-CN',
    );
    expect(sms?.subject).toBeNull();
    expect(sms?.body).toBe('工单 {{number}} 已由 {{handlerName}} 负责处理。查看：{{trackingUrl}}');
    expect(res.body.data.some((d) => d.kind === 'mail_acknowledgement' && d.channel === 'sms')).toBe(false);

    expect((await list(supervisor)).status).toBe(403);
    expect((await put('accepted/email/zh-CN', { subject: 'x', body: 'y' }, 'zh-CN', supervisor)).status).toBe(
      403,
    );
  });

  it('refuses unknown variables (422 naming all of them), subjects on SMS and kinds not sent on a channel', async () => {
    const bad = await put('accepted/email/zh-CN', {
      subject: '[{{number}}] {{handlerName}}',
      body: '您好 {{customer.name}}，工单 {{number}}，{{ handlerName }}',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('message_template_variable_unknown');
    expect(bad.body.error.details?.unknown).toEqual(['handlerName', 'customer.name']);
    expect(bad.body.error.details?.allowed).toEqual(['number', 'trackingUrl']);
    expect(bad.body.error.message).toContain('{{handlerName}}, {{customer.name}}');
    expect(bad.body.error.message).toContain('未知变量');
    const en = await put('closed/sms/en', { body: 'Closed {{ratingUrl}}' }, 'en');
    expect(en.status).toBe(422);
    expect(en.body.error.message).toBe(
      'Unknown variables in the template: {{ratingUrl}}. Allowed here: {{number}}, {{trackingUrl}}.',
    );

    const smsSubject = await put('closed/sms/en', { subject: 'Hi', body: 'Closed {{number}}' }, 'en');
    expect(smsSubject.status).toBe(400);
    expect(smsSubject.body.error.code).toBe('message_template_subject_invalid');
    const noSubject = await put('closed/email/en', { body: 'Closed {{number}}' }, 'en');
    expect(noSubject.status).toBe(400);
    const ackSms = await put('mail_acknowledgement/sms/en', { body: 'Got it {{number}}' }, 'en');
    expect(ackSms.status).toBe(404);
    expect(ackSms.body.error.code).toBe('message_template_not_found');
    const badKind = await put('shipped/email/en', { subject: 's', body: 'b' }, 'en');
    expect(badKind.status).toBe(400);
    expect((await list()).body.data.every((d) => d.isDefault)).toBe(true);
  });

  it('previews a draft or the text in force with sample values', async () => {
    const draft = await call<
      { data: { subject: string; body: string; sample: Record<string, string> } } & ErrorBody
    >(t.app, {
      method: 'POST',
      url: '/api/v1/message-templates/resolved/email/zh-CN/preview',
      headers: admin,
      payload: { subject: '{{number}} 已解决', body: '原因：{{closure.rootCause}}\n评价：{{ratingUrl}}' },
    });
    expect(draft.status).toBe(200);
    expect(draft.body.data.subject).toBe('FB-20261123-000042 已解决');
    expect(draft.body.data.body).toBe(
      '原因：系统升级导致扣款重复\n评价：https://example.com/rate/FB-20261123-000042?t=sample',
    );
    const current = await call<{ data: { subject: string; body: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/message-templates/accepted/email/en/preview',
      headers: admin,
      payload: {},
    });
    expect(current.body.data.subject).toBe('[FB-20261123-000042] We have received your feedback');
    expect(current.body.data.body).toContain('its ticket number is FB-20261123-000042.');
    const refused = await call<ErrorBody>(t.app, {
      method: 'POST',
      url: '/api/v1/message-templates/accepted/email/en/preview',
      headers: admin,
      payload: { subject: 'x', body: '{{nope}}' },
    });
    expect(refused.status).toBe(422);
  });

  it('sends the override to a real SMTP peer; a reset goes back to the default', async () => {
    const saved = await put('accepted/email/zh-CN', {
      subject: '【示例银行】已受理 {{ number }}',
      body: '尊敬的客户：\n您的反馈已登记，编号 {{number}}。\n进度查询：{{trackingUrl}}',
    });
    expect(saved.status).toBe(200);
    expect(saved.body.data.isDefault).toBe(false);
    expect(saved.body.data.default.subject).toBe('[{{number}}] 我们已受理您的反馈');
    const again = await list();
    const row = again.body.data.find(
      (d) => d.kind === 'accepted' && d.channel === 'email' && d.locale === 'zh-CN',
    );
    expect(row?.isDefault).toBe(false);
    expect(row?.updatedAt).not.toBeNull();

    const zh = await submit('zhang@example.cn', 'zh-CN');
    const [mail] = mailTo('zhang@example.cn');
    expect(mail?.parsed.subject).toBe(`【示例银行】已受理 ${zh.number}`);
    expect(mail?.parsed.text?.trim()).toBe(
      `尊敬的客户：\n您的反馈已登记，编号 ${zh.number}。\n进度查询：${BASE}/track/${zh.number}`,
    );
    // The English customer still gets the English default.
    const en = await submit('smith@example.com', 'en');
    const [enMail] = mailTo('smith@example.com');
    expect(enMail?.parsed.subject).toBe(`[${en.number}] We have received your feedback`);

    const reset = await call<{ data: MessageTemplate }>(t.app, {
      method: 'DELETE',
      url: '/api/v1/message-templates/accepted/email/zh-CN',
      headers: admin,
    });
    expect(reset.status).toBe(200);
    expect(reset.body.data.isDefault).toBe(true);
    const after = await submit('li@example.cn', 'zh-CN');
    const [defaultMail] = mailTo('li@example.cn');
    expect(defaultMail?.parsed.subject).toBe(`[${after.number}] 我们已受理您的反馈`);
    expect(defaultMail?.parsed.text).toContain(`我们已受理您的反馈，工单号为 ${after.number}。`);

    const audit = await call<{ data: { action: string }[] }>(t.app, {
      method: 'GET',
      url: '/api/v1/audit-log?entityType=message_template',
      headers: admin,
    });
    expect(audit.body.data.map((a) => a.action).sort()).toEqual([
      'message_template.reset',
      'message_template.saved',
    ]);
  });

  it('uses an override for the acknowledgement of mail; a customer of unknown language gets it and the English default', async () => {
    const saved = await put('mail_acknowledgement/email/zh-CN', {
      subject: '来信已收到 {{number}}',
      body: '您好！关于「{{originalSubject}}」的来信已登记为 {{number}}。\n查询：{{trackingUrl}}',
    });
    expect(saved.status).toBe(200);
    const received = await receiveEmail(
      t.ctx,
      await composeMail({
        from: 'zhou@customer.example',
        to: 'support@bank.example',
        subject: '网银登录失败',
        text: '网银一直登录失败，提示系统繁忙。',
        messageId: `<tpl.${Date.now()}@customer.example>`,
      }),
      { via: 'smtp' },
    );
    await t.drainJobs();
    const item = await call<{ data: { number: string } }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${received.feedbackId}`,
      headers: admin,
    });
    const number = item.body.data.number;
    const [ack] = mailTo('zhou@customer.example');
    expect(ack?.parsed.subject).toBe(`来信已收到 ${number} / [${number}] We have received your message`);
    expect(ack?.parsed.text).toContain(
      `您好！关于「网银登录失败」的来信已登记为 ${number}。\n查询：${BASE}/track/${number}`,
    );
    expect(ack?.parsed.text).toContain('We have received your message about "网银登录失败".');
    expect(ack?.parsed.text).not.toContain('我们已收到您的来信');
  });

  it('documents its routes in the OpenAPI document', async () => {
    const res = await call<{ paths: Record<string, Record<string, { tags?: string[] }>> }>(t.app, {
      method: 'GET',
      url: '/api/openapi.json',
    });
    for (const [path, method] of [
      ['/api/v1/message-templates', 'get'],
      ['/api/v1/message-templates/{kind}/{channel}/{locale}', 'put'],
      ['/api/v1/message-templates/{kind}/{channel}/{locale}', 'delete'],
      ['/api/v1/message-templates/{kind}/{channel}/{locale}/preview', 'post'],
    ] as const)
      expect(res.body.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['message-templates']);
  });
});

describe('customer message templates: SMS notices', () => {
  let peer: GatewayPeer;
  let t: TestApp;

  beforeAll(async () => {
    peer = await startGatewayPeer();
    peer.respond = () => ({ status: 200, body: { messageId: `gw-${peer.requests.length}` } });
    t = await createTestApp({
      env: {
        SMS_PROVIDER: 'http',
        SMS_HTTP_URL: peer.url,
        SMS_HTTP_SECRET: 'sms-secret',
        SMS_HTTP_BODY: '{"to":"{{to}}","text":"{{text}}","kind":"{{template}}"}',
        PUBLIC_BASE_URL: 'https://service.bank.example',
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await peer.close();
  });

  it('sends the admin’s SMS text to the gateway for the customer’s language', async () => {
    const admin = (await actorHeaders(t, { role: 'admin' })).headers;
    const saved = await call<{ data: MessageTemplate }>(t.app, {
      method: 'PUT',
      url: '/api/v1/message-templates/accepted/sms/zh-CN',
      headers: admin,
      payload: { body: '【示例银行】反馈已受理，单号{{number}}，查询{{trackingUrl}}' },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.data.subject).toBeNull();
    const created = await call<{ data: { number: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/feedback',
      headers: admin,
      payload: {
        description: '手机银行转账一直显示处理中',
        channel: 'phone',
        customer: { name: '王芳', phone: '13800138000', locale: 'zh-CN' },
      },
    });
    expect(created.status).toBe(201);
    await t.drainJobs();
    const number = created.body.data.number;
    const texts = peer.requests.map((r) => (JSON.parse(r.body) as { text: string; kind: string }).text);
    expect(texts).toEqual([
      `【示例银行】反馈已受理，单号${number}，查询https://service.bank.example/track/${number}`,
    ]);
  });
});
