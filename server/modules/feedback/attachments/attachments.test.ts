import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment, FeedbackItem, FeedbackMessage } from '../../../../shared/contracts/feedback.js';
import { actorHeaders } from '../../../../test/support/actors.js';
import { buildFeedback } from '../../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { purgeExpiredUploads } from '../commands/purge-uploads.js';
import { sweepOrphanFiles } from '../commands/sweep-orphan-files.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
/** The start of a Windows executable (DOS header and PE signature), whatever it is called. */
const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58),
  Buffer.from([0x40, 0, 0, 0]),
  Buffer.from('PE\0\0'),
  Buffer.alloc(200, 0x90),
]);
const MAX_BYTES = 4096;

interface Upload {
  data: { token: string; fileName: string; contentType: string; sizeBytes: number; expiresAt: string };
  error: { code: string; message: string; details?: unknown };
}
interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describe('attachments', () => {
  let t: TestApp;
  let dataDir: string;
  let admin: Record<string, string>;

  function upload(
    body: Buffer | Readable,
    options: { name?: string; query?: string; contentType?: string; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = {
      'content-type': options.contentType ?? 'application/octet-stream',
      ...(options.name ? { 'x-file-name': options.name } : {}),
      ...options.headers,
    };
    return call<Upload>(t.app, {
      method: 'POST',
      url: `/api/v1/${options.headers?.cookie || options.headers?.authorization ? '' : 'public/'}attachments${options.query ?? ''}`,
      headers,
      payload: body,
    });
  }

  function submit(attachments: string[], extra: Record<string, unknown> = {}) {
    return call<{ data: { id: string; number: string } } & ErrorBody>(t.app, {
      method: 'POST',
      url: '/api/v1/public/feedback',
      payload: {
        description: '转账失败，截图和录音见附件',
        customer: { name: '李雷', phone: '13900001111' },
        consent: true,
        attachments,
        ...extra,
      },
    });
  }

  async function countRows(table: 'feedback_uploads' | 'feedback_attachments'): Promise<number> {
    const row = await t.ctx.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'closeloop-attachments-'));
    t = await createTestApp({
      env: {
        CLOSELOOP_DATA_DIR: dataDir,
        ATTACHMENT_MAX_BYTES: String(MAX_BYTES),
        ATTACHMENT_MAX_COUNT: '2',
        PUBLIC_RATE_LIMIT_IP: '1000',
        PUBLIC_RATE_LIMIT_CONTACT: '1000',
      },
    });
    admin = (await actorHeaders(t, { role: 'admin' })).headers;
  });
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('round trip: public upload with a Chinese name, submission, listing and download', async () => {
    const name = '转账截图（第1张）.png';
    const up = await upload(PNG, { name: encodeURIComponent(name), contentType: 'text/plain' });
    expect(up.status).toBe(201);
    expect(up.body.data).toMatchObject({ fileName: name, contentType: 'image/png', sizeBytes: PNG.length });
    const csv = Buffer.from(new TextEncoder().encode('日期,金额\n2026-11-20,500\n'));
    const up2 = await upload(csv, { query: `?filename=${encodeURIComponent('流水.csv')}` });
    expect(up2.status).toBe(201);
    expect(up2.body.data.contentType).toBe('text/csv; charset=utf-8');

    const created = await submit([up.body.data.token, up2.body.data.token]);
    expect(created.status).toBe(201);
    const id = created.body.data.id;

    const item = await call<{ data: FeedbackItem }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${id}`,
      headers: admin,
    });
    const files = item.body.data.attachments;
    expect(files.map((a: Attachment) => [a.fileName, a.contentType, a.sizeBytes])).toEqual([
      [name, 'image/png', PNG.length],
      ['流水.csv', 'text/csv; charset=utf-8', csv.length],
    ]);
    const messages = await call<{ data: FeedbackMessage[] }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${id}/messages`,
      headers: admin,
    });
    expect(messages.body.data[0]!.attachments.map((a) => a.id)).toEqual(files.map((a) => a.id));
    expect(files[0]!.messageId).toBe(messages.body.data[0]!.id);

    const download = await t.app.inject({
      method: 'GET',
      url: `/api/v1/feedback/${id}/attachments/${files[0]!.id}`,
      headers: admin,
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(String(download.headers['content-security-policy'])).toMatch(/^sandbox/);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );

    // Stored under a generated name in <data>/attachments/<yyyy>/<mm>/, with no trace of the sender's name.
    const stored = await filesUnder(path.join(dataDir, 'attachments'));
    const keys = (
      await t.ctx.database.db.selectFrom('feedback_attachments').select('storage_key').execute()
    ).map((r) => path.join(dataDir, r.storage_key));
    for (const key of keys) expect(stored).toContain(key);
    for (const key of keys) expect(path.basename(key)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('decides the type by content: an executable called .png is refused with 415 and not kept', async () => {
    const before = await filesUnder(dataDir);
    const res = await upload(EXE, { name: 'photo.png', contentType: 'image/png' });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('attachment_type_not_allowed');
    const zh = await call<ErrorBody>(t.app, {
      method: 'POST',
      url: '/api/v1/public/attachments?filename=a.png',
      headers: { 'content-type': 'image/png', 'accept-language': 'zh-CN' },
      payload: EXE,
    });
    expect(zh.body.error.message).toContain('不接受此类型的文件');
    // Binary junk that is no known type and not text is refused too.
    const junk = await upload(Buffer.from([1, 2, 3, 0, 0, 255, 254, 7]), { name: 'x.txt' });
    expect(junk.status).toBe(415);
    expect(await filesUnder(dataDir)).toEqual(before);
  });

  it('413 attachment_too_large for an oversized file, declared or streamed, and nothing is stored', async () => {
    const before = await filesUnder(dataDir);
    const uploadsBefore = await countRows('feedback_uploads');
    const big = Buffer.concat([PNG, Buffer.alloc(MAX_BYTES, 0x41)]);
    const declared = await upload(big, { name: 'big.png' });
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('attachment_too_large');

    // Without a Content-Length the limit is enforced while streaming.
    const streamed = await upload(Readable.from([PNG, Buffer.alloc(MAX_BYTES, 0x41)]), {
      name: 'big.png',
      headers: { 'transfer-encoding': 'chunked' },
    });
    expect(streamed.status).toBe(413);
    expect(streamed.body.error.code).toBe('attachment_too_large');

    // Exactly at the limit is fine.
    const exact = await upload(Buffer.concat([PNG, Buffer.alloc(MAX_BYTES - PNG.length, 0)]), {
      name: 'ok.png',
    });
    expect(exact.status).toBe(201);
    const after = await filesUnder(dataDir);
    expect(after.length).toBe(before.length + 1);
    expect(await countRows('feedback_uploads')).toBe(uploadsBefore + 1);
  });

  it('over a real connection, a chunked oversized upload gets its 413 (not a reset) and leaves no file', async () => {
    const before = await filesUnder(dataDir);
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        `${address}/api/v1/public/attachments?filename=big.png`,
        { method: 'POST', headers: { 'content-type': 'image/png', 'transfer-encoding': 'chunked' } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            body += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write(PNG);
      for (let i = 0; i < 4; i++) req.write(Buffer.alloc(MAX_BYTES / 2, 0x41));
      req.end();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe('attachment_too_large');
    expect(await filesUnder(dataDir)).toEqual(before);
  });

  it('refuses more files than ATTACHMENT_MAX_COUNT, and unknown, used or expired tokens', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 3; i++) tokens.push((await upload(PNG, { name: `p${i}.png` })).body.data.token);
    const tooMany = await submit(tokens);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('attachment_count_exceeded');

    const unknown = await submit(['no-such-token']);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('attachment_token_invalid');

    // The refused submissions used nothing: the first token still works, once.
    const attachmentsBefore = await countRows('feedback_attachments');
    expect((await submit([tokens[0]!])).status).toBe(201);
    const reused = await submit([tokens[0]!]);
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('attachment_token_used');
    // A failed claim rolls back the whole submission, including a token that came before it.
    const partly = await submit([tokens[1]!, tokens[0]!]);
    expect(partly.body.error.code).toBe('attachment_token_used');
    expect(await countRows('feedback_attachments')).toBe(attachmentsBefore + 1);

    await t.ctx.database.db
      .updateTable('feedback_uploads')
      .set({ expires_at: '2020-01-01T00:00:00.000Z' })
      .where('consumed_at', 'is', null)
      .execute();
    const expired = await submit([tokens[1]!]);
    expect(expired.status).toBe(400);
    expect(expired.body.error.code).toBe('attachment_token_expired');

    // The hourly job deletes expired unused uploads with their files (used ones keep theirs).
    const purged = await purgeExpiredUploads(t.ctx.database, dataDir, t.ctx.clock());
    expect(purged).toBeGreaterThanOrEqual(2);
    const keys = (
      await t.ctx.database.db.selectFrom('feedback_attachments').select('storage_key').execute()
    ).map((r) => path.join(dataDir, r.storage_key));
    expect((await filesUnder(dataDir)).sort()).toEqual(keys.sort());
  });

  it('staff upload to a reply; download follows the item visibility (404 for others)', async () => {
    const agentA = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
    const agentB = await actorHeaders(t, { role: 'agent', departmentCode: 'tech_support' });
    const analyst = await actorHeaders(t, { role: 'analyst' });
    const item = await buildFeedback(t, agentA.headers);

    const anonymous = await call<ErrorBody>(t.app, {
      method: 'POST',
      url: '/api/v1/attachments?filename=a.png',
      headers: { 'content-type': 'image/png' },
      payload: PNG,
    });
    expect(anonymous.status).toBe(401);
    const refused = await upload(PNG, { name: 'a.png', headers: analyst.headers });
    expect(refused.status).toBe(403);

    const gbk = Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0xa3, 0xac, 0xca, 0xc0, 0xbd, 0xe7]); // 你好，世界 in GB18030
    const up = await upload(gbk, { name: "UTF-8''%E5%9B%9E%E5%A4%8D.txt", headers: agentA.headers });
    expect(up.status).toBe(201);
    expect(up.body.data).toMatchObject({ fileName: '回复.txt', contentType: 'text/plain; charset=gb18030' });
    const reply = await call<{ data: FeedbackMessage }>(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${item.id}/messages`,
      headers: agentA.headers,
      payload: { body: '请查收附件', attachments: [up.body.data.token] },
    });
    expect(reply.status).toBe(201);
    const [file] = reply.body.data.attachments;
    expect(file).toMatchObject({ fileName: '回复.txt', messageId: reply.body.data.id });

    // Staff create an item with attachments the same way.
    const photo = await upload(PNG, {
      name: encodeURIComponent('C:\\Users\\王\\门店照片.png'),
      headers: agentA.headers,
    });
    expect(photo.body.data.fileName).toBe('门店照片.png');
    const created = await call<{ data: FeedbackItem }>(t.app, {
      method: 'POST',
      url: '/api/v1/feedback',
      headers: agentA.headers,
      payload: { description: '客户到店反映柜台玻璃破损，附照片', attachments: [photo.body.data.token] },
    });
    expect(created.status).toBe(201);
    expect(created.body.data.attachments.map((a) => [a.fileName, a.contentType])).toEqual([
      ['门店照片.png', 'image/png'],
    ]);

    const url = `/api/v1/feedback/${item.id}/attachments/${file!.id}`;
    const own = await t.app.inject({ method: 'GET', url, headers: agentA.headers });
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(gbk)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url, headers: analyst.headers })).statusCode).toBe(200);
    const other = await call<ErrorBody>(t.app, { method: 'GET', url, headers: agentB.headers });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('feedback_not_found');
    const wrongItem = await buildFeedback(t, agentA.headers);
    const mismatched = await call<ErrorBody>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${wrongItem.id}/attachments/${file!.id}`,
      headers: agentA.headers,
    });
    expect(mismatched.status).toBe(404);
    expect(mismatched.body.error.code).toBe('attachment_not_found');
  });

  it('the daily sweep deletes day-old files no row names, and nothing else', async () => {
    const now = t.ctx.clock();
    const folder = path.join(
      dataDir,
      'attachments',
      String(now.getUTCFullYear()),
      String(now.getUTCMonth() + 1).padStart(2, '0'),
    );
    await mkdir(folder, { recursive: true });
    const stray = path.join(folder, randomUUID());
    const fresh = path.join(folder, randomUUID());
    await writeFile(stray, PNG);
    await writeFile(fresh, PNG);
    const dayAgo = new Date(now.getTime() - 25 * 3_600_000);
    await utimes(stray, dayAgo, dayAgo);
    const known = await filesUnder(dataDir);
    // Old files that rows name (attachments and staged uploads) stay whatever their age.
    for (const file of known) if (file !== fresh) await utimes(file, dayAgo, dayAgo);

    expect(await sweepOrphanFiles(t.ctx.database.db, dataDir, now)).toBe(1);
    const left = await filesUnder(dataDir);
    expect(left).not.toContain(stray);
    expect(left.sort()).toEqual(known.filter((f) => f !== stray).sort());
    await rm(fresh);
  });

  it("deletes the files of an erased customer's items", async () => {
    const up = await upload(PNG, { name: 'id-card.png' });
    const created = await submit([up.body.data.token], { customer: { phone: '13700002222' } });
    const item = await call<{ data: FeedbackItem }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${created.body.data.id}`,
      headers: admin,
    });
    const row = await t.ctx.database.db
      .selectFrom('feedback_attachments')
      .select('storage_key')
      .where('feedback_id', '=', created.body.data.id)
      .executeTakeFirstOrThrow();
    const file = path.join(dataDir, row.storage_key);
    expect(await filesUnder(dataDir)).toContain(file);
    const erased = await call(t.app, {
      method: 'POST',
      url: `/api/v1/customers/${item.body.data.customer!.id}/erase`,
      headers: admin,
      payload: {},
    });
    expect(erased.status).toBe(200);
    await t.drainJobs();
    expect(await filesUnder(dataDir)).not.toContain(file);
    const left = await t.ctx.database.db
      .selectFrom('feedback_attachments')
      .select('id')
      .where('feedback_id', '=', created.body.data.id)
      .execute();
    expect(left).toEqual([]);
  });
});

describe('public uploads are rate-limited per IP', () => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'closeloop-attachments-'));
    t = await createTestApp({ env: { CLOSELOOP_DATA_DIR: dataDir, PUBLIC_RATE_LIMIT_IP: '2' } });
  });
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 429 rate_limited with retry-after past the limit, in the caller language', async () => {
    const send = (ip: string) =>
      call<ErrorBody>(t.app, {
        method: 'POST',
        url: '/api/v1/public/attachments?filename=a.png',
        headers: { 'content-type': 'image/png', 'accept-language': 'zh-CN' },
        payload: PNG,
        remoteAddress: ip,
      });
    expect((await send('203.0.113.7')).status).toBe(201);
    expect((await send('203.0.113.7')).status).toBe(201);
    const limited = await send('203.0.113.7');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.response.headers['retry-after']).toBeDefined();
    expect((await send('203.0.113.8')).status).toBe(201);
  });
});
