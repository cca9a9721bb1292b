import fs from 'node:fs';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox, PollResult } from '../../../../shared/contracts/mail.js';
import { actorHeaders } from '../../../../test/support/actors.js';
import { call, createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { issueToken, tokenSecret } from './index.js';
import { composeMail, DOVECOT_BINARY, type Dovecot, startDovecot } from './mail.test-support.js';

const available = fs.existsSync(DOVECOT_BINARY);
const mustRun = process.env.CI === 'true';
if (!available && !mustRun)
  console.warn(
    `[mail.imap.test] ${DOVECOT_BINARY} not found: IMAP tests skipped (apt-get install dovecot-imapd)`,
  );

describe.skipIf(!available && !mustRun)('email: IMAP polling against a real Dovecot', () => {
  let dovecot: Dovecot;
  let t: TestApp;
  let admin: Record<string, string>;
  let box: Mailbox;
  beforeAll(async () => {
    dovecot = await startDovecot();
    t = await createTestApp();
    admin = (await actorHeaders(t, { role: 'admin' })).headers;
  }, 30_000);
  afterAll(async () => {
    await t?.close();
    await dovecot?.stop();
  });

  const imap = async <T>(work: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout();
    }
  };
  const append = (raw: Buffer) => imap((c) => c.append('INBOX', raw));
  const poll = (headers: Record<string, string> = admin) =>
    call<{ data: PollResult; error: { code: string; message: string } }>(t.app, {
      method: 'POST',
      url: `/api/v1/intake/mailboxes/${box.id}/poll`,
      headers,
    });
  const countFeedback = async () =>
    Number(
      (
        await t.ctx.database.db
          .selectFrom('feedback')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const first = () =>
    composeMail({
      from: '钱八 <qian8@customer.example>',
      to: 'support@bank.example',
      subject: '手机银行闪退',
      text: '升级后手机银行一打开就闪退。',
      messageId: '<imap-1@customer.example>',
    });

  it('adds a mailbox (the password is never returned) and polls it: new mail becomes an item, auto-replies are ignored, fetched mail is flagged \\Seen', async () => {
    const created = await call<{ data: Mailbox & { password?: string } }>(t.app, {
      method: 'POST',
      url: '/api/v1/intake/mailboxes',
      headers: admin,
      payload: {
        name: '客服邮箱',
        host: '127.0.0.1',
        port: dovecot.port,
        tls: false,
        user: dovecot.user,
        password: dovecot.password,
      },
    });
    expect(created.status).toBe(201);
    box = created.body.data;
    expect(box).toMatchObject({ folder: 'INBOX', enabled: true, lastUid: 0 });
    expect(JSON.stringify(created.body)).not.toContain(dovecot.password);
    const listed = await call(t.app, { method: 'GET', url: '/api/v1/intake/mailboxes', headers: admin });
    expect(JSON.stringify(listed.body)).not.toContain(dovecot.password);

    await append(await first());
    await append(
      await composeMail({
        from: 'qian8@customer.example',
        to: 'support@bank.example',
        subject: 'Out of office',
        text: 'I am away.',
        headers: { 'Auto-Submitted': 'auto-replied' },
        messageId: '<imap-2@customer.example>',
      }),
    );
    const before = await countFeedback();
    const result = await poll();
    expect(result.status).toBe(200);
    expect(result.body.data).toMatchObject({
      fetched: 2,
      created: 1,
      ignored: 1,
      lastUid: 2,
      uidValidityChanged: false,
    });
    expect(await countFeedback()).toBe(before + 1);
    const flags = await imap(async (c) => {
      const lock = await c.getMailboxLock('INBOX');
      try {
        const out: string[][] = [];
        for await (const m of c.fetch('1:*', { uid: true, flags: true }, { uid: true }))
          out.push([...(m.flags ?? [])]);
        return out;
      } finally {
        lock.release();
      }
    });
    expect(flags.every((f) => f.includes('\\Seen'))).toBe(true);
    const stored = await call<{ data: Mailbox }>(t.app, {
      method: 'GET',
      url: `/api/v1/intake/mailboxes/${box.id}`,
      headers: admin,
    });
    expect(stored.body.data).toMatchObject({ lastUid: 2, lastError: null });
    expect(stored.body.data.uidValidity).toMatch(/^\d+$/);
  });

  it('appends a token reply, ignores a redelivered Message-ID, and fetches nothing when nothing is new', async () => {
    const item = await t.ctx.database.db
      .selectFrom('mail_inbound')
      .select('feedback_id')
      .where('message_id', '=', '<imap-1@customer.example>')
      .executeTakeFirstOrThrow();
    const token = issueToken(await tokenSecret(t.ctx.database.db, t.ctx.clock), item.feedback_id!);
    await append(
      await composeMail({
        from: 'qian8@customer.example',
        to: `support+${token}@bank.example`,
        subject: 'Re: 手机银行闪退',
        text: '型号是华为 P60。',
        messageId: '<imap-3@customer.example>',
      }),
    );
    await append(await first()); // the same message delivered to the mailbox again (new UID)
    const before = await countFeedback();
    const result = await poll();
    expect(result.body.data).toMatchObject({
      fetched: 2,
      appended: 1,
      duplicates: 1,
      created: 0,
      lastUid: 4,
    });
    expect(await countFeedback()).toBe(before);
    expect((await poll()).body.data).toMatchObject({ fetched: 0, lastUid: 4 });
  });

  it('starts over when UIDVALIDITY changes, without creating anything twice', async () => {
    await t.ctx.database.db
      .updateTable('mail_mailboxes')
      .set({ uid_validity: '1', last_uid: 99 })
      .where('id', '=', box.id)
      .execute();
    const before = await countFeedback();
    const result = await poll();
    expect(result.body.data).toMatchObject({
      uidValidityChanged: true,
      fetched: 4,
      duplicates: 4,
      lastUid: 4,
    });
    expect(await countFeedback()).toBe(before);
  });

  it('polls enabled mailboxes from the scheduled job', async () => {
    await append(
      await composeMail({
        from: 'zhou9@customer.example',
        to: 'support@bank.example',
        subject: 'ATM 吞卡',
        text: '人民路支行的 ATM 吞了我的卡。',
        messageId: '<imap-5@customer.example>',
      }),
    );
    await t.runtime.scheduler.tick();
    await t.drainJobs();
    const row = await t.ctx.database.db
      .selectFrom('mail_inbound')
      .select(['outcome', 'source'])
      .where('message_id', '=', '<imap-5@customer.example>')
      .executeTakeFirst();
    expect(row).toEqual({ outcome: 'created', source: `imap:${box.id}` });
  });

  it('answers 502 mailbox_poll_failed in the caller language when the login is refused, and keeps the reason', async () => {
    const changed = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/intake/mailboxes/${box.id}`,
      headers: admin,
      payload: { password: 'wrong password' },
    });
    expect(changed.status).toBe(200);
    const failed = await poll({ ...admin, 'accept-language': 'zh-CN' });
    expect(failed.status).toBe(502);
    expect(failed.body.error.code).toBe('mailbox_poll_failed');
    expect(failed.body.error.message).toContain('无法从该邮箱收取邮件');
    const stored = await call<{ data: Mailbox }>(t.app, {
      method: 'GET',
      url: `/api/v1/intake/mailboxes/${box.id}`,
      headers: admin,
    });
    expect(stored.body.data.lastError).toBeTruthy();
    const agent = (await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' })).headers;
    expect((await poll(agent)).status).toBe(403);
    const removed = await call(t.app, {
      method: 'DELETE',
      url: `/api/v1/intake/mailboxes/${box.id}`,
      headers: admin,
    });
    expect(removed.status).toBe(204);
    expect((await poll()).body.error.code).toBe('mailbox_not_found');
  });
});
