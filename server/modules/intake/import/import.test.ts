import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { SYSTEM_ACTOR } from '../../../platform/auth/actor.js';
import { isAppError } from '../../../platform/http/errors.js';
import { parseMapping, type Rejection, runImport } from './index.js';

const NOW = new Date('2026-11-23T04:00:00.000Z');
const HEADER =
  'description,occurredAt,channel,nature,product,branch,customer.name,customer.email,customer.phone,sourceId';

describe('CSV and XLSX import', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp({ clock: () => NOW });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-import-'));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };

  const run = async (file: string, options: { map?: string; dryRun?: boolean } = {}) => {
    const rejections: Rejection[] = [];
    const progress: number[] = [];
    const counts = await runImport(
      { database: t.ctx.database, clock: t.ctx.clock, timeZone: 'Asia/Shanghai' },
      {
        file,
        actor: SYSTEM_ACTOR,
        mapping: parseMapping(options.map),
        dryRun: options.dryRun ?? false,
        batchSize: 3,
        onProgress(p, batch) {
          progress.push(p.rows);
          rejections.push(...batch);
        },
      },
    );
    return { counts, rejections: rejections.sort((a, b) => a.row - b.row), progress };
  };

  const bySource = (sourceId: string) =>
    t.ctx.database.db
      .selectFrom('feedback')
      .selectAll()
      .where('source', '=', 'import')
      .where('source_id', '=', sourceId)
      .execute();

  it('imports valid rows and reports every bad row with its row number, field and reason', async () => {
    const file = write(
      'bad-rows.csv',
      [
        HEADER,
        '"网点排队太久，等了一个多小时",2026-11-20 10:00,,complaint,信用卡,上海分行,张三,zhang@example.com,138 1234 5678,R-1',
        ',2026-11-20,,,,,,,,R-2',
        'date is wrong,20/11/2026,,,,,,,,R-3',
        'future,2027-01-01T00:00:00Z,,,,,,,,R-4',
        'bad channel,,fax,,,,,,,R-5',
        'bad nature,,,angry,,,,,,R-6',
        'bad email,,,,,,,not-an-email,,R-7',
        'bad phone,,,,,,,,12,R-8',
        '',
        '"multi-line ""quoted""',
        'text",2026-11-21T08:00:00+08:00,phone,praise,,,,,,R-9',
        `${'x'.repeat(20_001)},,,,,,,,,R-10`,
        'no source id,,,inquiry,,,,,,',
      ].join('\n'),
    );
    const { counts, rejections, progress } = await run(file);
    expect(counts).toEqual({ rows: 11, imported: 3, skipped: 0, rejected: 8 });
    expect(rejections).toEqual([
      { row: 3, field: 'description', code: 'required' },
      { row: 4, field: 'occurredAt', code: 'invalid_date' },
      { row: 5, field: 'occurredAt', code: 'future_date' },
      { row: 6, field: 'channel', code: 'invalid_channel' },
      { row: 7, field: 'nature', code: 'invalid_nature' },
      { row: 8, field: 'customer.email', code: 'invalid_email' },
      { row: 9, field: 'customer.phone', code: 'invalid_phone' },
      { row: 12, field: 'description', code: 'too_long' },
    ]);
    expect(progress.length).toBeGreaterThan(1);

    const [first] = await bySource('R-1');
    expect(first).toMatchObject({
      channel: 'import',
      nature: 'complaint',
      product: '信用卡',
      branch: '上海分行',
      description: '网点排队太久，等了一个多小时',
      // A local time without offset is read in the business time zone.
      occurred_at: '2026-11-20T02:00:00.000Z',
      status: 'received',
    });
    const customer = await t.ctx.database.db
      .selectFrom('customer_identities')
      .select(['kind', 'value'])
      .where('customer_id', '=', first!.customer_id!)
      .orderBy('kind')
      .execute();
    expect(customer).toEqual([
      { kind: 'email', value: 'zhang@example.com' },
      { kind: 'phone', value: '+8613812345678' },
    ]);
    const [multi] = await bySource('R-9');
    expect(multi).toMatchObject({
      description: 'multi-line "quoted"\ntext',
      channel: 'phone',
      nature: 'praise',
    });
    // feedback.created was recorded for each, so triage and SLA run on imported items too.
    const events = await t.ctx.database.db
      .selectFrom('outbox')
      .select('aggregate_id')
      .where('type', '=', 'feedback.created')
      .execute();
    expect(events.map((e) => e.aggregate_id)).toContain(first!.id);
  });

  it('skips rows whose sourceId was imported before or appeared earlier in the same file', async () => {
    const first = write('dedupe-1.csv', [HEADER, 'one,,,,,,,,,D-1', 'two,,,,,,,,,D-2'].join('\n'));
    expect((await run(first)).counts).toEqual({ rows: 2, imported: 2, skipped: 0, rejected: 0 });
    const second = write(
      'dedupe-2.csv',
      [
        HEADER,
        'one again,,,,,,,,,D-1',
        'three,,,,,,,,,D-3',
        'three again,,,,,,,,,D-3',
        'four,,,,,,,,,D-4',
        'x,,,,,,,,,D-2',
        'three x3,,,,,,,,,D-3',
      ].join('\n'),
    );
    expect((await run(second)).counts).toEqual({ rows: 6, imported: 2, skipped: 4, rejected: 0 });
    expect((await bySource('D-1')).map((r) => r.description)).toEqual(['one']);
    expect((await bySource('D-3')).map((r) => r.description)).toEqual(['three']);
  });

  it('two imports of the same file at once create each item once (a losing batch is retried row by row)', async () => {
    const lines = [HEADER];
    for (let i = 1; i <= 12; i++) lines.push(`concurrent ${i},,,,,,,,,CC-${i}`);
    const file = write('concurrent.csv', lines.join('\n'));
    const [a, b] = await Promise.all([run(file), run(file)]);
    expect(a.counts.imported + b.counts.imported).toBe(12);
    expect(a.counts.skipped + b.counts.skipped).toBe(12);
    expect(a.rejections.concat(b.rejections)).toEqual([]);
    const stored = await t.ctx.database.db
      .selectFrom('feedback')
      .select('source_id')
      .where('source_id', 'like', 'CC-%')
      .execute();
    expect(stored).toHaveLength(12);
  });

  it('dry run validates and counts without writing anything', async () => {
    const count = async () =>
      Number(
        (
          await t.ctx.database.db
            .selectFrom('feedback')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const file = write(
      'dry.csv',
      [
        HEADER,
        'new one,,,,,,,,,DRY-1',
        'dup in file,,,,,,,,,DRY-1',
        'old,,,,,,,,,D-1',
        ',,,,,,,,,DRY-2',
      ].join('\n'),
    );
    const { counts, rejections } = await run(file, { dryRun: true });
    expect(counts).toEqual({ rows: 4, imported: 1, skipped: 2, rejected: 1 });
    expect(rejections).toEqual([{ row: 5, field: 'description', code: 'required' }]);
    expect(await count()).toBe(before);
    expect(await bySource('DRY-1')).toEqual([]);
  });

  it('maps other headers onto record fields and reads GBK-encoded CSV', async () => {
    const text = [
      '描述,电话,编号,备注',
      '信用卡年费扣错了,13900001111,M-1,ignored',
      '客服态度很好,,M-2,',
    ].join('\r\n');
    const file = write('mapped.csv', `\uFEFF${text}`);
    const { counts } = await run(file, { map: '描述=description,电话=customer.phone,编号=sourceId' });
    expect(counts).toEqual({ rows: 2, imported: 2, skipped: 0, rejected: 0 });
    expect((await bySource('M-1'))[0]).toMatchObject({ description: '信用卡年费扣错了' });

    // Without the mapping there is no description column: the run is refused as a whole.
    const refused = await run(file).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe('import_column_missing');
    expect(() => parseMapping('描述=desc')).toThrowError(/desc/);

    // Excel on Chinese Windows saves CSV as GBK: "你好" = C4E3 BAC3.
    const gbk = write(
      'gbk.csv',
      Buffer.concat([
        Buffer.from('description,sourceId\r\n'),
        Buffer.from([0xc4, 0xe3, 0xba, 0xc3]),
        Buffer.from(',G-1\r\n'),
      ]),
    );
    expect((await run(gbk)).counts).toMatchObject({ imported: 1 });
    expect((await bySource('G-1'))[0]).toMatchObject({ description: '你好' });
  });

  it('imports XLSX (first worksheet, dates, numbers, rich text)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('反馈');
    sheet.addRow(['description', 'occurredAt', 'customer.phone', 'sourceId', 'nature']);
    sheet.addRow([
      '手机银行登录不了',
      new Date(Date.UTC(2026, 10, 21, 9, 30)),
      13812345678,
      'X-1',
      'complaint',
    ]);
    sheet.addRow([
      { richText: [{ text: 'rich ' }, { text: 'text', font: { bold: true } }] },
      null,
      null,
      'X-2',
      null,
    ]);
    sheet.addRow([null, null, null, 'X-3', null]);
    sheet.addRow(['bad nature', null, null, 'X-4', 'whatever']);
    workbook.addWorksheet('ignored').addRow(['description']);
    const file = path.join(dir, 'feedback.xlsx');
    await workbook.xlsx.writeFile(file);
    const { counts, rejections } = await run(file);
    // Row 4 has only a sourceId: it is a row (not blank) without a description.
    expect(counts).toEqual({ rows: 4, imported: 2, skipped: 0, rejected: 2 });
    expect(rejections).toEqual([
      { row: 4, field: 'description', code: 'required' },
      { row: 5, field: 'nature', code: 'invalid_nature' },
    ]);
    expect((await bySource('X-1'))[0]).toMatchObject({
      description: '手机银行登录不了',
      // The cell holds wall-clock 09:30 in the business time zone.
      occurred_at: '2026-11-21T01:30:00.000Z',
    });
    expect((await bySource('X-2'))[0]).toMatchObject({ description: 'rich text' });
  });

  it('refuses unknown formats and unreadable files', async () => {
    const binary = write('data.bin', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 1, 2, 3]));
    const e1 = await run(binary).catch((e: unknown) => e);
    expect(isAppError(e1) && e1.code).toBe('import_unknown_format');
    const e2 = await run(path.join(dir, 'missing.csv')).catch((e: unknown) => e);
    expect(isAppError(e2) && e2.code).toBe('import_file_unreadable');
  });
});
