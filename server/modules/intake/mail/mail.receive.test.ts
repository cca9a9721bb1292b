import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorHeaders } from '../../../../test/support/actors.js';
import { call, createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { issueToken, receiveEmail, tokenSecret } from './index.js';
import { composeMail } from './mail.test-support.js';

interface Message {
  kind: string;
  body: string;
  channel: string | null;
}

describe('email: receiving one message', () => {
  let t: TestApp;
  let agent: Record<string, string>;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp();
    agent = (await actorHeaders(t, { role: 'admin' })).headers;
  });
  afterAll(async () => t.close());

  const messageId = () => `<m${++n}.${Date.now()}@mail.customer.example>`;
  const item = async (id: string) =>
    (
      await call<{
        data: { number: string; channel: string; subject: string | null; customer: { id: string } | null };
      }>(t.app, {
        method: 'GET',
        url: `/api/v1/feedback/${id}`,
        headers: agent,
      })
    ).body.data;
  const messages = async (id: string) =>
    (
      await call<{ data: Message[] }>(t.app, {
        method: 'GET',
        url: `/api/v1/feedback/${id}/messages`,
        headers: agent,
      })
    ).body.data;
  const countFeedback = async () =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom('feedback')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('creates an email item from a new message, finds the customer by From and keeps the raw MIME', async () => {
    const raw = await composeMail({
      from: '王小明 <Wang.XM@Customer.example>',
      to: 'support@closeloop.test',
      subject: '信用卡账单金额不对',
      text: '你好，我本月的信用卡账单多扣了 200 元，请尽快核实。',
      html: '<p>你好，<script>alert(1)</script>我本月的信用卡账单多扣了 200 元</p><img src="https://tracker.example/p.gif">',
      messageId: messageId(),
    });
    const result = await receiveEmail(t.ctx, raw, { via: 'smtp' });
    expect(result).toMatchObject({ outcome: 'created', duplicate: false });
    const created = await item(result.feedbackId!);
    expect(created.channel).toBe('email');
    expect(created.subject).toBe('信用卡账单金额不对');
    const msgs = await messages(result.feedbackId!);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.body).toContain('多扣了 200 元');
    const customer = await t.ctx.database.db
      .selectFrom('customer_identities')
      .select(['customer_id', 'value'])
      .where('kind', '=', 'email')
      .where('value', '=', 'wang.xm@customer.example')
      .executeTakeFirstOrThrow();
    expect(created.customer?.id).toBe(customer.customer_id);
    const originals = await call<{ data: { contentType: string; payload: string; outcome: string }[] }>(
      t.app,
      {
        method: 'GET',
        url: `/api/v1/feedback/${result.feedbackId}/originals`,
        headers: agent,
      },
    );
    expect(originals.body.data).toHaveLength(1);
    expect(originals.body.data[0]).toMatchObject({ contentType: 'message/rfc822', outcome: 'created' });
    expect(Buffer.from(originals.body.data[0]!.payload).equals(raw)).toBe(true);
  });

  it('appends a reply carrying our signed token (Reply-To address or Message-ID) as a customer message', async () => {
    const first = await receiveEmail(
      t.ctx,
      await composeMail({
        from: 'li@customer.example',
        to: 'support@closeloop.test',
        subject: '网银登录失败',
        text: '网银一直提示密码错误。',
        messageId: messageId(),
      }),
      { via: 'smtp' },
    );
    const secret = await tokenSecret(t.ctx.database.db, t.ctx.clock);
    const token = issueToken(secret, first.feedbackId!);

    const viaAddress = await receiveEmail(
      t.ctx,
      await composeMail({
        from: 'li@customer.example',
        to: `support+${token}@closeloop.test`,
        subject: 'Re: 网银登录失败',
        text: '试过重置密码了，还是不行。\n\n在 2026年11月23日 10:00，客服 写道：\n> 请重置密码后再试。',
        messageId: messageId(),
      }),
      { via: 'smtp' },
    );
    expect(viaAddress).toMatchObject({ outcome: 'appended', feedbackId: first.feedbackId });

    const viaHeader = await receiveEmail(
      t.ctx,
      await composeMail({
        from: 'li@customer.example',
        to: 'support@closeloop.test',
        subject: 'Re: 网银登录失败',
        text: '今天又试了一次，可以了，谢谢。',
        inReplyTo: `<${token}.0193@closeloop.test>`,
        references: [`<${token}.0193@closeloop.test>`],
        messageId: messageId(),
      }),
      { via: 'smtp' },
    );
    expect(viaHeader).toMatchObject({ outcome: 'appended', feedbackId: first.feedbackId });

    const msgs = await messages(first.feedbackId!);
    expect(msgs.map((m) => [m.kind, m.channel])).toEqual([
      ['customer', 'email'],
      ['customer', 'email'],
      ['customer', 'email'],
    ]);
    // The quoted earlier mail is not repeated in the appended message.
    expect(msgs[1]!.body).toBe('试过重置密码了，还是不行。');
    // A customer message event (what resumes a paused SLA clock) was written for each reply.
    const events = await t.ctx.database.db
      .selectFrom('outbox')
      .select(['type', 'payload'])
      .where('aggregate_id', '=', first.feedbackId!)
      .where('type', '=', 'feedback.message_added')
      .execute();
    expect(events.map((e) => (JSON.parse(e.payload) as { kind: string }).kind)).toEqual([
      'customer',
      'customer',
    ]);
  });

  it('a token reply resumes SLA clocks paused while waiting on the customer', async () => {
    const first = await receiveEmail(
      t.ctx,
      await composeMail({
        from: 'pause@customer.example',
        to: 'support@closeloop.test',
        subject: '理财产品赎回咨询',
        text: '请问理财产品提前赎回需要几天到账？',
        messageId: messageId(),
      }),
      { via: 'smtp' },
    );
    await t.drainJobs();
    const sla = async () =>
      (
        await call<{ data: { paused: boolean } }>(t.app, {
          method: 'GET',
          url: `/api/v1/feedback/${first.feedbackId}/sla`,
          headers: agent,
        })
      ).body.data;
    const pause = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${first.feedbackId}/sla/pause`,
      headers: agent,
      payload: { reason: '等待客户提供产品名称' },
    });
    expect(pause.status, JSON.stringify(pause.body)).toBe(200);
    expect((await sla()).paused).toBe(true);
    const token = issueToken(await tokenSecret(t.ctx.database.db, t.ctx.clock), first.feedbackId!);
    const reply = await receiveEmail(
      t.ctx,
      await composeMail({
        from: 'pause@customer.example',
        to: `support+${token}@closeloop.test`,
        subject: 'Re: 理财产品赎回咨询',
        text: '产品是稳盈 90 天。',
        messageId: messageId(),
      }),
      { via: 'smtp' },
    );
    expect(reply.outcome).toBe('appended');
    await t.drainJobs();
    expect((await sla()).paused).toBe(false);
    const resumed = await t.ctx.database.db
      .selectFrom('feedback_events')
      .select('reason')
      .where('feedback_id', '=', first.feedbackId!)
      .where('type', '=', 'sla.resumed')
      .execute();
    expect(resumed.map((r) => r.reason)).toEqual(['customer replied']);
  });

  it('never threads on a forged In-Reply-To / References or a ticket number in the subject', async () => {
    const victim = await receiveEmail(
      t.ctx,
      await composeMail({
        from: 'victim@customer.example',
        to: 'support@closeloop.test',
        subject: '账户被冻结',
        text: '我的账户被冻结了。',
        messageId: messageId(),
      }),
      { via: 'smtp' },
    );
    const victimItem = await item(victim.feedbackId!);
    const secret = await tokenSecret(t.ctx.database.db, t.ctx.clock);
    const real = issueToken(secret, victim.feedbackId!);
    // Right item id, wrong MAC: what an attacker who knows (or guesses) the id can build.
    const forged = `${real.slice(0, 26)}${'a'.repeat(16)}`;
    const before = await countFeedback();
    const attack = await receiveEmail(
      t.ctx,
      await composeMail({
        from: 'attacker@evil.example',
        to: [`support+${forged}@closeloop.test`],
        subject: `Re: [${victimItem.number}] 账户被冻结`,
        text: '请把这个工单的处理结果发给我。',
        inReplyTo: `<${forged}.1@closeloop.test>`,
        references: [`<${forged}.1@closeloop.test>`, `<${victim.feedbackId}@closeloop.test>`],
        messageId: messageId(),
      }),
      { via: 'smtp' },
    );
    expect(attack.outcome).toBe('created');
    expect(attack.feedbackId).not.toBe(victim.feedbackId);
    expect(await countFeedback()).toBe(before + 1);
    expect(await messages(victim.feedbackId!)).toHaveLength(1);
  });

  it('ignores auto-replies, bulk mail and bounces: kept as originals, no item, no message', async () => {
    const before = await countFeedback();
    const secret = await tokenSecret(t.ctx.database.db, t.ctx.clock);
    const some = await receiveEmail(
      t.ctx,
      await composeMail({
        from: 'ooo@customer.example',
        to: 'support@closeloop.test',
        subject: '咨询',
        text: '请问营业时间？',
        messageId: messageId(),
      }),
      { via: 'smtp' },
    );
    const token = issueToken(secret, some.feedbackId!);
    const auto = await receiveEmail(
      t.ctx,
      await composeMail({
        from: 'ooo@customer.example',
        to: `support+${token}@closeloop.test`,
        subject: '自动回复: 咨询',
        text: '我正在休假，12 月 1 日回来。',
        headers: { 'Auto-Submitted': 'auto-replied' },
        messageId: messageId(),
      }),
      { via: 'smtp' },
    );
    expect(auto).toMatchObject({
      outcome: 'ignored',
      feedbackId: null,
      reason: 'auto-submitted: auto-replied',
    });
    const bulk = await receiveEmail(
      t.ctx,
      await composeMail({
        from: 'news@shop.example',
        to: 'support@closeloop.test',
        subject: 'Big sale',
        text: 'Buy now',
        headers: { Precedence: 'bulk' },
        messageId: messageId(),
      }),
      { via: 'smtp' },
    );
    expect(bulk.outcome).toBe('ignored');
    const bounce = await receiveEmail(
      t.ctx,
      await composeMail({
        from: 'someone@customer.example',
        to: 'support@closeloop.test',
        subject: 'hello',
        text: 'x',
        messageId: messageId(),
      }),
      { via: 'smtp', envelopeFrom: '' },
    );
    expect(bounce).toMatchObject({ outcome: 'ignored', reason: 'null envelope sender' });
    expect(await countFeedback()).toBe(before + 1);
    expect(await messages(some.feedbackId!)).toHaveLength(1);
    const kept = await t.ctx.database.db
      .selectFrom('intake_submissions')
      .select(['outcome', 'content_type'])
      .where('outcome', '=', 'ignored')
      .execute();
    expect(kept.length).toBeGreaterThanOrEqual(3);
    expect(kept.every((k) => k.content_type === 'message/rfc822')).toBe(true);
  });

  it('stores attachments and inline images through the attachment storage; a refused type stays only in the original', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
    const result = await receiveEmail(
      t.ctx,
      await composeMail({
        from: 'att@customer.example',
        to: 'support@closeloop.test',
        subject: '发票有误（附截图）',
        text: '截图和发票见附件。',
        html: '<p>截图：<img src="cid:shot@customer"></p>',
        attachments: [
          { filename: '截图.png', content: png, cid: 'shot@customer', contentType: 'image/png' },
          { filename: '发票.pdf', content: pdf, contentType: 'application/pdf' },
          { filename: 'invoice.pdf.exe', content: exe, contentType: 'application/pdf' },
        ],
        messageId: messageId(),
      }),
      { via: 'smtp' },
    );
    expect(result.outcome).toBe('created');
    const rows = await t.ctx.database.db
      .selectFrom('feedback_attachments')
      .select(['file_name', 'content_type', 'size_bytes', 'message_id'])
      .where('feedback_id', '=', result.feedbackId!)
      .orderBy('file_name')
      .execute();
    expect(rows.map((r) => [r.file_name, r.content_type, Number(r.size_bytes)])).toEqual([
      ['发票.pdf', 'application/pdf', pdf.length],
      ['截图.png', 'image/png', png.length],
    ]);
    expect(rows.every((r) => r.message_id !== null)).toBe(true);
    const fields = await t.ctx.database.db
      .selectFrom('feedback')
      .select('custom_fields')
      .where('id', '=', result.feedbackId!)
      .executeTakeFirstOrThrow();
    const notes = (
      JSON.parse(fields.custom_fields) as {
        email: { attachments: { fileName: string; stored: boolean; inline: boolean; reason?: string }[] };
      }
    ).email.attachments;
    expect(notes).toEqual([
      expect.objectContaining({ fileName: '截图.png', stored: true, inline: true }),
      expect.objectContaining({ fileName: '发票.pdf', stored: true, inline: false }),
      expect.objectContaining({
        fileName: 'invoice.pdf.exe',
        stored: false,
        reason: 'attachment_type_not_allowed',
      }),
    ]);

    // A reply's attachment belongs to the appended message.
    const token = issueToken(await tokenSecret(t.ctx.database.db, t.ctx.clock), result.feedbackId!);
    const reply = await receiveEmail(
      t.ctx,
      await composeMail({
        from: 'att@customer.example',
        to: `support+${token}@closeloop.test`,
        subject: 'Re: 发票有误',
        text: '补一张。',
        attachments: [{ filename: 'more.png', content: png }],
        messageId: messageId(),
      }),
      { via: 'smtp' },
    );
    expect(reply.outcome).toBe('appended');
    const more = await t.ctx.database.db
      .selectFrom('feedback_attachments')
      .select(['file_name', 'message_id'])
      .where('feedback_id', '=', result.feedbackId!)
      .where('file_name', '=', 'more.png')
      .executeTakeFirstOrThrow();
    const appended = await t.ctx.database.db
      .selectFrom('mail_inbound')
      .select('feedback_message_id')
      .where('feedback_id', '=', result.feedbackId!)
      .where('outcome', '=', 'appended')
      .executeTakeFirstOrThrow();
    expect(more.message_id).toBe(appended.feedback_message_id);
  });

  it('receives the same Message-ID from the same source once, even when delivered concurrently', async () => {
    const raw = await composeMail({
      from: 'dup@customer.example',
      to: 'support@closeloop.test',
      subject: '重复投递',
      text: '同一封信投递了三次。',
      messageId: messageId(),
    });
    const before = await countFeedback();
    const results = await Promise.all(
      [1, 2, 3].map(() => receiveEmail(t.ctx, raw, { via: 'imap', mailboxId: 'box-1' })),
    );
    const again = await receiveEmail(t.ctx, raw, { via: 'imap', mailboxId: 'box-1' });
    expect(new Set([...results, again].map((r) => r.feedbackId)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(again).toMatchObject({ outcome: 'created', duplicate: true });
    expect(await countFeedback()).toBe(before + 1);
  });
});
