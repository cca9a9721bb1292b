import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorHeaders } from '../../../../test/support/actors.js';
import { latestEvent } from '../../../../test/support/outbox.js';
import { call, createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { receiveEmail } from './index.js';
import { composeMail, headerOf, type SmtpSink, startSmtpSink } from './mail.test-support.js';

const BASE = 'https://feedback.example.cn';

describe('email: outgoing acknowledgements and agent replies', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let admin: Record<string, string>;
  let n = 0;
  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      env: { SMTP_URL: sink.url, MAIL_FROM: '客服中心 <support@bank.example>', PUBLIC_BASE_URL: BASE },
    });
    admin = (await actorHeaders(t, { role: 'admin' })).headers;
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const messageId = () => `<c${++n}.${Date.now()}@customer.example>`;
  const outbound = (feedbackId: string) =>
    t.ctx.database.db
      .selectFrom('mail_outbound')
      .selectAll()
      .where('feedback_id', '=', feedbackId)
      .orderBy('created_at')
      .execute();
  const mailsTo = (address: string) => sink.received.filter((m) => m.to.includes(address));

  it('acknowledges a new email item once: ticket number, tracking link, Auto-Submitted, threaded on the customer mail', async () => {
    const customerId = messageId();
    const first = await receiveEmail(
      t.ctx,
      await composeMail({
        from: '赵六 <zhao6@customer.example>',
        to: 'support@bank.example',
        subject: '转账到账延迟',
        text: '昨天的转账今天还没到账。',
        messageId: customerId,
      }),
      { via: 'smtp' },
    );
    await t.drainJobs();
    const { number } = (
      await call<{ data: { number: string } }>(t.app, {
        method: 'GET',
        url: `/api/v1/feedback/${first.feedbackId}`,
        headers: admin,
      })
    ).body.data;
    const acks = mailsTo('zhao6@customer.example');
    expect(acks).toHaveLength(1);
    const ack = acks[0]!;
    expect(ack.from).toBe('support@bank.example');
    expect(ack.parsed.subject).toContain(number);
    expect(ack.parsed.text).toContain(`${BASE}/track/${number}`);
    expect(ack.parsed.text).toContain('我们已收到您的来信');
    expect(ack.parsed.text).toContain('We have received your message');
    expect(headerOf(ack, 'auto-submitted')).toBe('auto-replied');
    expect(headerOf(ack, 'in-reply-to')).toBe(customerId);
    expect(headerOf(ack, 'references')).toContain(customerId);
    const replyTo = ack.parsed.replyTo?.value[0]?.address ?? '';
    expect(replyTo).toMatch(/^support\+[a-z2-7]{42}@bank\.example$/);
    expect(ack.parsed.messageId).toMatch(/^<[a-z2-7]{42}\.[0-9a-f]{32}@bank\.example>$/);
    const rows = await outbound(first.feedbackId!);
    expect(rows.map((r) => [r.purpose, r.status, r.attempts])).toEqual([['ack', 'sent', 1]]);

    // The same event handled again (at-least-once) queues nothing new.
    const event = await latestEvent(t, 'feedback.created', first.feedbackId!);
    const handler = t.ctx.subscribers.handler('mail.acknowledge')!;
    await handler({ event }, { jobId: 'again', attempt: 1 });
    await t.drainJobs();
    expect(mailsTo('zhao6@customer.example')).toHaveLength(1);
    expect(await outbound(first.feedbackId!)).toHaveLength(1);

    // The customer answers the acknowledgement (to its Reply-To): appended, and not acknowledged again.
    const answer = await receiveEmail(
      t.ctx,
      await composeMail({
        from: 'zhao6@customer.example',
        to: replyTo,
        subject: `Re: ${ack.parsed.subject}`,
        text: '补充：金额是 5000 元。',
        inReplyTo: ack.parsed.messageId!,
        messageId: messageId(),
      }),
      { via: 'smtp' },
    );
    expect(answer).toMatchObject({ outcome: 'appended', feedbackId: first.feedbackId });
    await t.drainJobs();
    expect(mailsTo('zhao6@customer.example')).toHaveLength(1);
  });

  it('mails an agent public reply in the thread of the customer last mail; internal notes are never mailed', async () => {
    const customerMail = messageId();
    const first = await receiveEmail(
      t.ctx,
      await composeMail({
        from: 'Alice <alice@customer.example>',
        to: 'support@bank.example',
        subject: 'Card declined abroad',
        text: 'My card was declined in Singapore yesterday.',
        messageId: customerMail,
      }),
      { via: 'smtp' },
    );
    await t.drainJobs();
    const id = first.feedbackId!;
    const note = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${id}/messages`,
      headers: admin,
      payload: { body: 'INTERNAL: check the fraud rules first', internal: true },
    });
    expect(note.status).toBe(201);
    const reply = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${id}/messages`,
      headers: admin,
      payload: { body: 'We have lifted the block; please try again.' },
    });
    expect(reply.status).toBe(201);
    await t.drainJobs();

    const mails = mailsTo('alice@customer.example');
    expect(mails).toHaveLength(2); // acknowledgement + the public reply
    const agentMail = mails[1]!;
    expect(agentMail.parsed.subject).toMatch(/^Re: Card declined abroad \[/);
    expect(agentMail.parsed.text).toContain('We have lifted the block; please try again.');
    expect(sink.received.some((m) => m.parsed.text?.includes('INTERNAL'))).toBe(false);
    expect(headerOf(agentMail, 'auto-submitted')).toBeUndefined();
    expect(headerOf(agentMail, 'in-reply-to')).toBe(customerMail);
    expect(agentMail.parsed.messageId).toMatch(/^<[a-z2-7]{42}\./);
    const rows = await outbound(id);
    expect(rows.map((r) => [r.purpose, r.status])).toEqual([
      ['ack', 'sent'],
      ['reply', 'sent'],
    ]);

    // The customer's client answers with In-Reply-To = our Message-ID only: threaded onto the item.
    const followUp = await receiveEmail(
      t.ctx,
      await composeMail({
        from: 'alice@customer.example',
        to: 'support@bank.example',
        subject: `Re: ${agentMail.parsed.subject}`,
        text: 'It works now, thanks!\n\nOn Mon, Nov 23, 2026 at 10:00 Support wrote:\n> We have lifted the block',
        inReplyTo: agentMail.parsed.messageId!,
        references: [customerMail, agentMail.parsed.messageId!],
        messageId: messageId(),
      }),
      { via: 'smtp' },
    );
    expect(followUp).toMatchObject({ outcome: 'appended', feedbackId: id });
    await t.drainJobs();
    // A later agent reply answers the customer's latest mail.
    await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${id}/messages`,
      headers: admin,
      payload: { body: 'Glad to hear it.' },
    });
    await t.drainJobs();
    const last = mailsTo('alice@customer.example').at(-1)!;
    expect(last.parsed.text).toContain('Glad to hear it.');
    const followUpId = (
      await t.ctx.database.db
        .selectFrom('mail_inbound')
        .select('message_id')
        .where('feedback_id', '=', id)
        .where('outcome', '=', 'appended')
        .executeTakeFirstOrThrow()
    ).message_id;
    expect(headerOf(last, 'in-reply-to')).toBe(followUpId);
  });

  it('blanks the addresses, subjects and bodies kept of a customer mail when the customer is erased', async () => {
    const r = await receiveEmail(
      t.ctx,
      await composeMail({
        from: '吴十 <wu10@customer.example>',
        to: 'support@bank.example',
        subject: '个人信息泄露',
        text: '我的身份证号被别人拿去办卡了。',
        messageId: messageId(),
      }),
      { via: 'smtp' },
    );
    await t.drainJobs();
    expect(mailsTo('wu10@customer.example')).toHaveLength(1);
    const item = await t.ctx.database.db
      .selectFrom('feedback')
      .select('customer_id')
      .where('id', '=', r.feedbackId!)
      .executeTakeFirstOrThrow();
    const erased = await call(t.app, {
      method: 'POST',
      url: `/api/v1/customers/${item.customer_id}/erase`,
      headers: admin,
      payload: { reason: '客户要求删除个人信息' },
    });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    await t.drainJobs();
    const inbound = await t.ctx.database.db
      .selectFrom('mail_inbound')
      .select(['from_address', 'subject'])
      .where('feedback_id', '=', r.feedbackId!)
      .execute();
    expect(inbound).toEqual([{ from_address: null, subject: null }]);
    const outbound = await t.ctx.database.db
      .selectFrom('mail_outbound')
      .select(['to_address', 'subject', 'body'])
      .where('feedback_id', '=', r.feedbackId!)
      .execute();
    expect(outbound).toEqual([{ to_address: null, subject: '', body: '' }]);
    const original = await t.ctx.database.db
      .selectFrom('intake_submissions')
      .select('payload')
      .where('feedback_id', '=', r.feedbackId!)
      .executeTakeFirstOrThrow();
    expect(original.payload).toBeNull();
  });

  it('acknowledges at most 3 new items per address and hour (loop guard for unmarked autoresponders)', async () => {
    const ids: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const r = await receiveEmail(
        t.ctx,
        await composeMail({
          from: 'responder@partner.example',
          to: 'support@bank.example',
          subject: `Thanks for your message ${i}`,
          text: 'We got your mail and will answer soon.',
          messageId: messageId(),
        }),
        { via: 'smtp' },
      );
      ids.push(r.feedbackId!);
      await t.drainJobs();
    }
    expect(mailsTo('responder@partner.example')).toHaveLength(3);
    const last = await outbound(ids[3]!);
    expect(last.map((r) => [r.purpose, r.status])).toEqual([['ack', 'skipped']]);
    expect(last[0]!.last_error).toContain('acknowledgement limit');
  });

  it('never acknowledges an auto-reply (no mail loop)', async () => {
    const before = sink.received.length;
    const result = await receiveEmail(
      t.ctx,
      await composeMail({
        from: 'robot@customer.example',
        to: 'support@bank.example',
        subject: 'Automatic reply: Your ticket',
        text: 'I am out of the office.',
        headers: { 'X-Autoreply': 'yes' },
        messageId: messageId(),
      }),
      { via: 'smtp' },
    );
    expect(result.outcome).toBe('ignored');
    await t.drainJobs();
    expect(sink.received.length).toBe(before);
  });
});

describe('email: outgoing without SMTP, and failures', () => {
  it('records mail as skipped when SMTP_URL is not configured', async () => {
    const t = await createTestApp();
    try {
      const r = await receiveEmail(
        t.ctx,
        await composeMail({
          from: 'x@customer.example',
          to: 's@bank.example',
          subject: '你好',
          text: '测试',
          messageId: '<skip-1@customer.example>',
        }),
        { via: 'smtp' },
      );
      await t.drainJobs();
      const rows = await t.ctx.database.db
        .selectFrom('mail_outbound')
        .selectAll()
        .where('feedback_id', '=', r.feedbackId!)
        .execute();
      expect(rows.map((x) => [x.purpose, x.status, x.attempts])).toEqual([['ack', 'skipped', 0]]);
    } finally {
      await t.close();
    }
  });

  it('keeps a mail pending with the error and schedules the next attempt when the SMTP server is unreachable', async () => {
    const closed = await startSmtpSink();
    await closed.close();
    const t = await createTestApp({ env: { SMTP_URL: closed.url } });
    try {
      const r = await receiveEmail(
        t.ctx,
        await composeMail({
          from: 'y@customer.example',
          to: 's@bank.example',
          subject: 'Hi',
          text: 'Test',
          messageId: '<retry-1@customer.example>',
        }),
        { via: 'smtp' },
      );
      await t.drainJobs();
      const row = await t.ctx.database.db
        .selectFrom('mail_outbound')
        .selectAll()
        .where('feedback_id', '=', r.feedbackId!)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row.last_error).toBeTruthy();
      expect(new Date(row.next_attempt_at!).getTime()).toBeGreaterThan(Date.now());
      const next = await t.ctx.database.db
        .selectFrom('jobs')
        .select(['name', 'payload'])
        .where('name', '=', 'mail.send')
        .execute();
      expect(next.some((j) => (JSON.parse(j.payload) as { attempt: number }).attempt === 2)).toBe(true);
    } finally {
      await t.close();
    }
  });
});
