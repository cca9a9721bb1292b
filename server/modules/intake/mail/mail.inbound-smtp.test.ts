import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { issueToken, tokenSecret } from './index.js';

describe('email: inbound SMTP listener', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp({ env: { SMTP_INBOUND_PORT: '0', SMTP_INBOUND_MAX_BYTES: '20000' } });
    const listeners = await t.runtime.startListeners();
    expect(listeners.map((l) => l.name)).toEqual(['smtp-inbound']);
    port = listeners[0]!.port;
  });
  afterAll(async () => t.close());

  const send = (message: Mail.Options) =>
    nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }).sendMail(message);
  const inbound = (messageId: string) =>
    t.ctx.database.db
      .selectFrom('mail_inbound')
      .selectAll()
      .where('message_id', '=', messageId)
      .executeTakeFirst();

  it('turns a message sent to any address into an item, committed before the 250 answer', async () => {
    const info = await send({
      from: '孙七 <sun7@customer.example>',
      to: 'whatever-address@anything.example',
      subject: '柜台服务态度差',
      text: '今天在柜台办理业务，工作人员态度很不耐烦。',
      messageId: '<smtp-1@customer.example>',
    });
    expect(info.response).toMatch(/^250/);
    const row = await inbound('<smtp-1@customer.example>');
    expect(row).toMatchObject({ source: 'smtp', outcome: 'created', from_address: 'sun7@customer.example' });
    const item = await t.ctx.database.db
      .selectFrom('feedback')
      .select(['channel', 'subject'])
      .where('id', '=', row!.feedback_id!)
      .executeTakeFirstOrThrow();
    expect(item).toEqual({ channel: 'email', subject: '柜台服务态度差' });
  });

  it('threads on a token in the envelope recipient, and ignores a null-sender bounce', async () => {
    const first = await inbound('<smtp-1@customer.example>');
    const token = issueToken(await tokenSecret(t.ctx.database.db, t.ctx.clock), first!.feedback_id!);
    await send({
      from: 'sun7@customer.example',
      to: 'support@bank.example',
      envelope: { from: 'sun7@customer.example', to: [`support+${token}@bank.example`] },
      subject: 'Re: 柜台服务态度差',
      text: '补充一下：是下午三点左右。',
      messageId: '<smtp-2@customer.example>',
    });
    expect(await inbound('<smtp-2@customer.example>')).toMatchObject({
      outcome: 'appended',
      feedback_id: first!.feedback_id,
    });
    await send({
      from: 'Mail Delivery System <MAILER-DAEMON@relay.example>',
      to: 'support@bank.example',
      envelope: { from: '', to: ['support@bank.example'] },
      subject: 'Undelivered Mail Returned to Sender',
      text: 'This is the mail system at host relay.example.',
      messageId: '<smtp-3@relay.example>',
    });
    expect(await inbound('<smtp-3@relay.example>')).toMatchObject({ outcome: 'ignored', feedback_id: null });
  });

  it('refuses a message over the size limit with 552 and stores nothing', async () => {
    const error = await send({
      from: 'big@customer.example',
      to: 'support@bank.example',
      subject: 'Big',
      text: 'x'.repeat(40_000),
      messageId: '<smtp-big@customer.example>',
    }).catch((e: { responseCode?: number }) => e);
    expect((error as { responseCode?: number }).responseCode).toBe(552);
    expect(await inbound('<smtp-big@customer.example>')).toBeUndefined();
  });

  it('answers 451 (try again later) when the message cannot be stored', async () => {
    await sql`drop table mail_inbound`.execute(t.ctx.database.db);
    const error = await send({
      from: 'later@customer.example',
      to: 'support@bank.example',
      subject: 'Later',
      text: 'Please keep this one.',
      messageId: '<smtp-later@customer.example>',
    }).catch((e: { responseCode?: number }) => e);
    expect((error as { responseCode?: number }).responseCode).toBe(451);
    const kept = await t.ctx.database.db
      .selectFrom('feedback')
      .select('id')
      .where('subject', '=', 'Later')
      .execute();
    expect(kept).toEqual([]);
  });
});
