import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportView } from '../../../../shared/contracts/imports.js';
import { actorHeaders } from '../../../../test/support/actors.js';
import { call, createTestApp, type TestApp } from '../../../../test/support/test-app.js';

const NOW = new Date('2026-11-23T04:00:00.000Z');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('POST /api/v1/imports', () => {
  let t: TestApp;
  let dataDir: string;
  let supervisor: Record<string, string>;
  let agent: Record<string, string>;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync('/tmp/closeloop-import-api-');
    t = await createTestApp({ clock: () => NOW, env: { CLOSELOOP_DATA_DIR: dataDir } });
    supervisor = (await actorHeaders(t, { role: 'supervisor' })).headers;
    agent = (await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' })).headers;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const upload = (query: string, payload: string | Buffer, contentType: string, headers = supervisor) =>
    call<{ data: ImportView; error: { code: string; message: string } }>(t.app, {
      method: 'POST',
      url: `/api/v1/imports${query}`,
      headers: { ...headers, 'content-type': contentType },
      payload,
    });
  const get = (id: string) =>
    call<{ data: ImportView }>(t.app, { method: 'GET', url: `/api/v1/imports/${id}`, headers: supervisor });

  it('stores the upload, runs the import as a job and serves progress and the rejection report', async () => {
    const csv = [
      '编号,描述,电话',
      'API-1,柜台办理业务太慢,13800138000',
      'API-2,,13800138001',
      'API-3,电话打不通,12',
      'API-1,重复,',
    ].join('\n');
    const res = await upload(
      `?map=${encodeURIComponent('编号=sourceId,描述=description,电话=customer.phone')}&filename=${encodeURIComponent('反馈.csv')}`,
      csv,
      'text/csv; charset=utf-8',
    );
    expect(res.status).toBe(202);
    expect(res.body.data).toMatchObject({
      status: 'queued',
      format: 'csv',
      filename: '反馈.csv',
      dryRun: false,
      processedRows: 0,
    });
    const id = res.body.data.id;
    expect(res.response.headers.location).toBe(`/api/v1/imports/${id}`);
    const stored = fs.readdirSync(path.join(dataDir, 'imports'));
    expect(stored).toEqual([`${id}.csv`]);

    await t.drainJobs();
    const done = await get(id);
    expect(done.status).toBe(200);
    expect(done.body.data).toMatchObject({
      status: 'done',
      processedRows: 4,
      imported: 1,
      skipped: 1,
      rejected: 2,
      error: null,
      reportUrl: `/api/v1/imports/${id}/report.csv`,
    });
    const item = await t.ctx.database.db
      .selectFrom('feedback')
      .select(['description', 'channel', 'source'])
      .where('source_id', '=', 'API-1')
      .executeTakeFirstOrThrow();
    expect(item).toEqual({ description: '柜台办理业务太慢', channel: 'import', source: 'import' });

    const report = await t.app.inject({
      method: 'GET',
      url: `/api/v1/imports/${id}/report.csv`,
      headers: supervisor,
    });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toMatch(/^text\/csv/);
    expect(report.headers['content-disposition']).toBe(`attachment; filename="import-${id}-report.csv"`);
    expect(report.body).toBe(
      [
        'row,field,reason',
        '3,description,required: is required / 不能为空',
        '4,customer.phone,invalid_phone: is not a valid phone number / 不是有效的电话号码',
        '',
      ].join('\n'),
    );
  });

  it('imports an XLSX upload; a dry run writes nothing', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['description', 'sourceId', 'nature']);
    sheet.addRow(['App crashes on login', 'XL-1', 'complaint']);
    sheet.addRow(['Great service', 'XL-2', 'praise']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());

    const dry = await upload('?dryRun=true', buffer, XLSX_TYPE);
    expect(dry.status).toBe(202);
    await t.drainJobs();
    expect((await get(dry.body.data.id)).body.data).toMatchObject({
      status: 'done',
      dryRun: true,
      imported: 2,
    });
    const none = await t.ctx.database.db
      .selectFrom('feedback')
      .select('id')
      .where('source_id', 'in', ['XL-1', 'XL-2'])
      .execute();
    expect(none).toEqual([]);

    const real = await upload('', buffer, XLSX_TYPE);
    await t.drainJobs();
    expect((await get(real.body.data.id)).body.data).toMatchObject({
      status: 'done',
      format: 'xlsx',
      imported: 2,
      rejected: 0,
    });
  });

  it('records a run that cannot read its columns as failed, with a bilingual message', async () => {
    const res = await upload('', 'foo,bar\n1,2\n', 'text/csv');
    await t.drainJobs();
    const failed = await call<{ data: ImportView }>(t.app, {
      method: 'GET',
      url: `/api/v1/imports/${res.body.data.id}`,
      headers: { ...supervisor, 'accept-language': 'zh-CN' },
    });
    expect(failed.body.data).toMatchObject({
      status: 'failed',
      error: { code: 'import_column_missing', message: '表头中没有 "description" 列。' },
    });
  });

  it('refuses agents, unknown mapped fields, a mislabelled body and unknown ids', async () => {
    expect((await upload('', 'description\nx\n', 'text/csv', agent)).status).toBe(403);
    const unknownField = await upload('?map=a%3Ddesc', 'a\nx\n', 'text/csv');
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.code).toBe('unknown_import_field');
    const notXlsx = await upload('', 'description\nx\n', XLSX_TYPE);
    expect(notXlsx.status).toBe(415);
    expect(notXlsx.body.error.code).toBe('import_unknown_format');
    const missing = await call<{ error: { code: string } }>(t.app, {
      method: 'GET',
      url: '/api/v1/imports/0190a0a0-0000-7000-8000-000000000000',
      headers: supervisor,
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('import_not_found');
  });
});
