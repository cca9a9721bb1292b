import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorHeaders } from '../../../test/support/actors.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { type SmtpSink, startSmtpSink } from '../intake/mail/mail.test-support.js';

interface ApiError {
  error: { code: string; message: string };
}

interface LinkView {
  data: {
    number: string;
    status: string;
    closure: { rootCause: string; remedy: string; prevention: string } | null;
    canRate: boolean;
    resolvedAt: string | null;
    expiresAt: string;
  };
}

const BASE = 'https://cs.bank.example';

describe('signed rating link in the resolved notice, and the closure letter page', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let now = new Date('2026-11-23T02:00:00Z');
  let supervisor: Record<string, string>;
  let item: { id: string; number: string };
  let firstLink = '';
  let ip = 0;
  const nextIp = () => `10.1.0.${++ip}`;

  const transition = (payload: Record<string, unknown>) =>
    call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${item.id}/transitions`,
      headers: supervisor,
      payload,
    });
  const resolve = (remedy: string) =>
    transition({
      to: 'resolved',
      closure: {
        rootCause: '系统批量任务重复执行 <img src=x onerror=alert(1)>',
        remedy,
        prevention: '增加幂等校验 & 监控 "告警"',
      },
    });
  /** The rating links mailed to the customer so far, oldest first. */
  const mailedLinks = () =>
    sink.received
      .map(
        (m) => new RegExp(`${BASE}/rate/${item.number}\\?t=([A-Za-z0-9_-]+)`).exec(m.parsed.text ?? '')?.[1],
      )
      .filter((x): x is string => x !== undefined)
      .map(decodeURIComponent);
  const view = (token: string, lang = 'zh-CN') =>
    call<LinkView & ApiError>(t.app, {
      method: 'GET',
      url: `/api/v1/public/rating-links/${encodeURIComponent(token)}`,
      headers: { 'accept-language': lang },
      remoteAddress: nextIp(),
    });
  const rate = (token: string, score: number, lang = 'en') =>
    call<{ data: { outcome: string; status: string } } & ApiError>(t.app, {
      method: 'POST',
      url: `/api/v1/public/rating-links/${encodeURIComponent(token)}`,
      headers: { 'accept-language': lang },
      remoteAddress: nextIp(),
      payload: { score, comment: '谢谢' },
    });

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      clock: () => now,
      env: {
        SMTP_URL: sink.url,
        MAIL_FROM: '客服中心 <support@bank.example>',
        PUBLIC_BASE_URL: `${BASE}/`,
        COMPANY_NAME: '示例银行 <Example Bank>',
        PUBLIC_RATE_LIMIT_IP: '1000',
        PUBLIC_RATE_LIMIT_CONTACT: '1000',
      },
    });
    supervisor = (await actorHeaders(t, { role: 'supervisor' })).headers;
    const agent = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
    const submitted = await call<{ data: { id: string; number: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/public/feedback',
      payload: {
        description: '信用卡年费被重复扣了两次，请退还',
        consent: true,
        customer: { name: '王<b>芳</b>', email: 'wang.fang@example.cn' },
      },
    });
    item = submitted.body.data;
    await t.drainJobs();
    expect(
      (
        await call(t.app, {
          method: 'POST',
          url: `/api/v1/feedback/${item.id}/assign`,
          headers: supervisor,
          payload: { assigneeId: agent.userId },
        })
      ).status,
    ).toBe(200);
    expect((await transition({ to: 'in_progress' })).status).toBe(200);
    await t.drainJobs();
  });

  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('serves no closure letter before the ticket is resolved (tracking session)', async () => {
    expect(
      (
        await call(t.app, {
          method: 'POST',
          url: '/api/v1/public/tracking/code',
          remoteAddress: nextIp(),
          payload: { number: item.number, contact: 'wang.fang@example.cn' },
        })
      ).status,
    ).toBe(202);
    await t.drainJobs();
    const code = /Your code: (\d{6})/.exec(sink.received.at(-1)?.parsed.text ?? '')?.[1] ?? '';
    const session = await call<{ data: { token: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/public/tracking/session',
      remoteAddress: nextIp(),
      payload: { number: item.number, code },
    });
    expect(session.status).toBe(200);
    const letter = await call<ApiError>(t.app, {
      method: 'GET',
      url: `/api/v1/public/tracking/${item.number}/closure-letter`,
      headers: { authorization: `Bearer ${session.body.data.token}`, 'accept-language': 'zh-CN' },
    });
    expect(letter.status).toBe(409);
    expect(letter.body.error.code).toBe('closure_letter_unavailable');
    expect(letter.body.error.message).toBe('该工单尚未处理完毕，暂无结案书。');
    const anonymous = await call<ApiError>(t.app, {
      method: 'GET',
      url: `/api/v1/public/tracking/${item.number}/closure-letter`,
    });
    expect(anonymous.status).toBe(401);

    now = new Date('2026-11-23T02:30:00Z');
    expect((await resolve('已退还重复扣除的年费 300 元')).status).toBe(200);
    await t.drainJobs();
    const after = await call(t.app, {
      method: 'GET',
      url: `/api/v1/public/tracking/${item.number}/closure-letter`,
      headers: { authorization: `Bearer ${session.body.data.token}` },
    });
    expect(after.status).toBe(200);
    expect(after.response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(after.response.body).toContain('已退还重复扣除的年费 300 元');
  });

  it('mails a signed link that shows what to rate, for this resolution round', async () => {
    const links = mailedLinks();
    expect(links).toHaveLength(1);
    firstLink = links[0] ?? '';
    const res = await view(firstLink);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      number: item.number,
      status: 'resolved',
      canRate: true,
      resolvedAt: '2026-11-23T02:30:00.000Z',
      // valid for the confirmation period (RESOLUTION_CONFIRM_DAYS = 7)
      expiresAt: '2026-11-30T02:30:00.000Z',
    });
    expect(res.body.data.closure?.remedy).toBe('已退还重复扣除的年费 300 元');
    const text = sink.received.at(-1)?.parsed.text ?? '';
    expect(text).toContain('请点击以下链接确认处理结果并为本次服务评分');
    expect(text).toContain('Please confirm the resolution and rate our service (1–5) here:');
  });

  it('refuses forged, tampered and expired links with a code and a message in the caller’s language', async () => {
    const bytes = Buffer.from(firstLink, 'base64url');
    const flipped = Buffer.from(bytes);
    flipped[bytes.length - 1] = (flipped[bytes.length - 1] ?? 0) ^ 1;
    // The expiry pushed a year later, the mac kept: the signature no longer matches.
    const longer = Buffer.from(bytes);
    longer.writeUInt32BE(longer.readUInt32BE(25) + 86_400 * 365, 25);
    const tampered = [flipped, longer].map((b) => b.toString('base64url'));
    for (const forged of [...tampered, 'not-a-token', firstLink.slice(0, 59)]) {
      const res = await view(forged);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('rating_link_invalid');
      expect(res.body.error.message).toContain('该评价链接无效');
      const rated = await rate(forged, 5);
      expect(rated.status).toBe(401);
      expect(rated.body.error.message).toContain('This rating link is not valid');
    }
    const saved = now;
    now = new Date('2026-11-30T02:30:01Z');
    const expired = await view(firstLink, 'en');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('rating_link_expired');
    expect(expired.body.error.message).toBe(
      'This rating link has expired. You can still follow your ticket on the tracking page.',
    );
    now = saved;
    const status = await t.ctx.database.db
      .selectFrom('feedback')
      .select('status')
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('resolved');
  });

  it('serves the closure letter as an escaped, printable bilingual page under a strict CSP', async () => {
    const res = await call(t.app, {
      method: 'GET',
      url: `/api/v1/public/rating-links/${encodeURIComponent(firstLink)}/closure-letter`,
      remoteAddress: nextIp(),
    });
    expect(res.status).toBe(200);
    const headers = res.response.headers;
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(String(headers['content-security-policy'])).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'$/,
    );
    expect(headers['cache-control']).toBe('no-store');
    const html = res.response.body;
    for (const text of [
      '投诉结案书',
      'Closure letter',
      item.number,
      'Root cause',
      '问题原因',
      'Asia/Shanghai',
    ])
      expect(html).toContain(text);
    expect(html).toContain('2026-11-23 10:30 (Asia/Shanghai)'); // resolved, business time zone
    expect(html).toContain('王&lt;b&gt;芳&lt;/b&gt;');
    expect(html).toContain('示例银行 &lt;Example Bank&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('增加幂等校验 &amp; 监控 &quot;告警&quot;');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<script');
    // The CSP hash is the hash of the one inline stylesheet.
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const { createHash } = await import('node:crypto');
    expect(String(headers['content-security-policy'])).toContain(
      `'sha256-${createHash('sha256').update(style).digest('base64')}'`,
    );
  });

  it('rates through the same command: below 3 reopens, the old link is then superseded; a new link closes', async () => {
    const low = await rate(firstLink, 2);
    expect(low.status).toBe(200);
    expect(low.body.data).toEqual({ outcome: 'reopened', status: 'reopened' });
    const again = await rate(firstLink, 5, 'zh-CN');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('rating_link_superseded');
    expect(again.body.error.message).toContain('该链接对应的是此前的一次处理结果');

    now = new Date('2026-11-23T03:30:00Z');
    expect((await transition({ to: 'in_progress' })).status).toBe(200);
    expect((await resolve('已退还 300 元并补偿 50 元')).status).toBe(200);
    await t.drainJobs();
    const links = mailedLinks();
    expect(links).toHaveLength(2);
    const second = links[1] ?? '';
    expect(second).not.toBe(firstLink);
    expect((await view(firstLink)).body.error.code).toBe('rating_link_superseded');
    const secondView = await view(second);
    expect(secondView.body.data.closure?.remedy).toBe('已退还 300 元并补偿 50 元');
    const high = await rate(second, 4);
    expect(high.body.data).toEqual({ outcome: 'closed', status: 'closed' });
    const twice = await rate(second, 5);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('rating_not_open');
    const closedView = await view(second);
    expect(closedView.body.data).toMatchObject({ status: 'closed', canRate: false });
    const ratings = await t.ctx.database.db
      .selectFrom('feedback_ratings')
      .select(['score', 'outcome', 'via'])
      .where('feedback_id', '=', item.id)
      .orderBy('created_at')
      .execute();
    expect(ratings.map((r) => [Number(r.score), r.outcome, r.via])).toEqual([
      [2, 'reopened', 'rating_link'],
      [4, 'closed', 'rating_link'],
    ]);
  });
});
