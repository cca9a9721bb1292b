import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/closeloop.mjs');

async function closeloop(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

// Each spawn starts a process (tsx, migrations): a few seconds each on a busy machine.
describe('closeloop import (CLI, spawned)', { timeout: 180_000 }, () => {
  let database: TestDatabase;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-import-cli-'));
    env = { DATABASE_URL: database.url, CLOSELOOP_DATA_DIR: dir };
  });
  afterAll(async () => {
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports, prints the counts as its last line and writes the report; a second run skips by sourceId', async () => {
    const file = path.join(dir, 'feedback.csv');
    fs.writeFileSync(
      file,
      [
        'sourceId,description,customer.email,nature',
        'C-1,信用卡账单金额不对,li@example.com,complaint',
        'C-2,,wang@example.com,',
        'C-3,Love the new app,not-mail,praise',
        'C-4,"Branch closed early, again",,complaint',
        'C-1,duplicate in file,,',
      ].join('\n'),
    );
    const report = path.join(dir, 'report.csv');
    const first = await closeloop(['import', file, '--report', report], env);
    expect(first.code).toBe(0);
    expect(lastLine(first.stdout)).toBe('imported 2, skipped 1, rejected 2');
    expect(first.stderr).toMatch(/import/);
    expect(fs.readFileSync(report, 'utf8')).toBe(
      [
        'row,field,reason',
        '3,description,required: is required / 不能为空',
        '4,customer.email,invalid_email: is not a valid email address / 不是有效的邮箱地址',
        '',
      ].join('\n'),
    );

    const again = await closeloop(['import', file], env);
    expect(again.code).toBe(0);
    expect(lastLine(again.stdout)).toBe('imported 0, skipped 3, rejected 2');

    const mapped = path.join(dir, 'mapped.csv');
    fs.writeFileSync(mapped, ['描述,电话', '网银无法登录,13700001234'].join('\n'));
    const dry = await closeloop(
      ['import', mapped, '--map', '描述=description,电话=customer.phone', '--dry-run'],
      env,
    );
    expect(lastLine(dry.stdout)).toBe('imported 1, skipped 0, rejected 0');
    const real = await closeloop(['import', mapped, '--map', '描述=description,电话=customer.phone'], env);
    expect(lastLine(real.stdout)).toBe('imported 1, skipped 0, rejected 0');
  });

  it('exits non-zero with a bilingual message for an unreadable file, an unknown format or field', async () => {
    const missing = await closeloop(['import', path.join(dir, 'nope.csv')], env);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/import_file_unreadable: Cannot read the import file .*无法读取导入文件/);

    const binary = path.join(dir, 'old.xls');
    fs.writeFileSync(binary, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]));
    const unknown = await closeloop(['import', binary], env);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/import_unknown_format: .*CSV .* XLSX.*无法识别文件/);

    const csv = path.join(dir, 'ok.csv');
    fs.writeFileSync(csv, 'a\nb\n');
    const field = await closeloop(['import', csv, '--map', 'a=descr'], env);
    expect(field.code).not.toBe(0);
    expect(field.stderr).toMatch(
      /unknown_import_field: Unknown record field "descr".*列映射中的字段 "descr" 不存在/,
    );
  });
});
