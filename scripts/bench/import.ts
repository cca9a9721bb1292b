// npm run bench:import [-- --rows 200000 --db sqlite|postgres|both --format csv|xlsx|both]
// Generates a CSV and an XLSX file of N feedback rows from the public data sets' texts (with a few bad rows
// and repeated sourceIds), then imports each into a fresh database through the CLI (`closeloop import`,
// spawned, so the figures are the command's own) and prints rows/s and the importer's peak RSS; checks that
// the printed counts and the rows in the database are the expected ones.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { demoPerson } from '../../server/demo/demo-people.js';
import { templateSamples } from '../../server/demo/demo-templates.js';
import { Random } from '../../server/demo/random.js';
import { loadSampleTexts } from '../../server/demo/sample-texts.js';
import { csvLine, IMPORT_FIELDS } from '../../server/modules/intake/import/index.js';
import { openDatabase } from '../../server/platform/db/database.js';
import { type BenchDbKind, createBenchDatabase, postgresReachable } from './bench-database.js';
import { flag, fmtBytes, fmtInt, numberFlag, phase, table } from './report.js';

const rows = numberFlag('rows', 200_000);
const dbFlag = flag('db') ?? 'both';
const formatFlag = flag('format') ?? 'both';

const HEADER = [...IMPORT_FIELDS];
const CHANNELS = ['', 'phone', 'email', 'portal', 'sms', 'app_store', 'in_person'];
const NATURES = ['', 'complaint', 'suggestion', 'inquiry', 'praise'];
const PRODUCTS = ['', '信用卡', '手机银行', 'Mobile app', '外卖配送', 'Checking account', '酒店预订'];
const BRANCHES = ['', '上海分行', '北京分行', 'Shenzhen branch', '杭州分行'];
/** One bad row in this many (empty description, bad email, bad date, unknown channel, in turn). */
const BAD_EVERY = 5_000;
/** One row in this many repeats an earlier row's sourceId (skipped). */
const DUP_EVERY = 4_000;

interface Expected {
  imported: number;
  skipped: number;
  rejected: number;
}

function* generateRows(): Generator<string[], Expected> {
  const random = new Random(11);
  const loaded = loadSampleTexts({ maxLength: 2000 });
  const texts = loaded.length > 0 ? loaded.map((s) => s.text) : templateSamples().map((s) => s.text);
  const base = Date.parse('2026-01-01T00:00:00Z');
  const expected: Expected = { imported: 0, skipped: 0, rejected: 0 };
  for (let i = 1; i <= rows; i++) {
    const serial = random.int(1, 20_000);
    const zh = serial % 3 !== 0;
    const person = demoPerson(new Random(serial), zh ? 'zh' : 'en', serial);
    const row = [
      texts[random.int(0, texts.length - 1)]!,
      new Date(base + random.int(0, 300 * 86_400) * 1000).toISOString(),
      random.pick(CHANNELS),
      random.pick(NATURES),
      random.pick(PRODUCTS),
      random.pick(BRANCHES),
      person.name,
      person.email,
      zh ? person.phone : '',
      `BENCH-${i}`,
    ];
    if (i % BAD_EVERY === 0) {
      const kind = (i / BAD_EVERY) % 4;
      if (kind === 0) row[0] = '';
      else if (kind === 1) row[7] = 'not an email';
      else if (kind === 2) row[1] = '31/02/2026';
      else row[2] = 'fax';
      expected.rejected += 1;
    } else if (i % DUP_EVERY === 0) {
      row[9] = `BENCH-${i - 1}`;
      expected.skipped += 1;
    } else {
      expected.imported += 1;
    }
    yield row;
  }
  return expected;
}

async function writeCsv(file: string): Promise<Expected> {
  const out = fs.createWriteStream(file);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await write(csvLine(HEADER));
  const gen = generateRows();
  for (let next = gen.next(); ; next = gen.next()) {
    if (next.done) {
      await new Promise<void>((resolve) => out.end(resolve));
      return next.value;
    }
    await write(csvLine(next.value));
  }
}

async function writeXlsx(file: string): Promise<Expected> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet('feedback');
  sheet.addRow(HEADER).commit();
  const gen = generateRows();
  for (let next = gen.next(); ; next = gen.next()) {
    if (next.done) {
      sheet.commit();
      await workbook.commit();
      return next.value;
    }
    sheet.addRow(next.value).commit();
  }
}

/** Peak resident set of a running process (VmHWM), read until it exits. */
function peakRss(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function runCli(
  file: string,
  databaseUrl: string,
  dataDir: string,
): Promise<{ lastLine: string; ms: number; peak: number }> {
  const bin = path.resolve(import.meta.dirname, '../../bin/closeloop.mjs');
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'import', file], {
    env: { ...process.env, DATABASE_URL: databaseUrl, CLOSELOOP_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  let peak = 0;
  const timer = setInterval(() => {
    if (child.pid) peak = Math.max(peak, peakRss(child.pid));
  }, 100);
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  clearInterval(timer);
  if (code !== 0) throw new Error(`closeloop import exited with ${code}`);
  return { lastLine: stdout.trimEnd().split('\n').at(-1) ?? '', ms: performance.now() - started, peak };
}

async function countImported(url: string): Promise<number> {
  const database = openDatabase(url);
  try {
    const r = await database.db
      .selectFrom('feedback')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('source', '=', 'import')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeloop-bench-import-'));
  const formats = (formatFlag === 'both' ? ['csv', 'xlsx'] : [formatFlag]) as ('csv' | 'xlsx')[];
  const kinds: BenchDbKind[] = [];
  if (dbFlag === 'sqlite' || dbFlag === 'both') kinds.push('sqlite');
  if (dbFlag === 'postgres' || dbFlag === 'both') {
    if (await postgresReachable()) kinds.push('postgres');
    else process.stdout.write('PostgreSQL not reachable: SQLite only\n');
  }
  const results: string[][] = [
    ['db', 'format', 'file', 'rows', 'time', 'rows/s', 'peak RSS', 'counts', 'check'],
  ];
  let failed = false;
  try {
    for (const format of formats) {
      phase(`generating ${fmtInt(rows)} rows as ${format.toUpperCase()}`);
      const file = path.join(dir, `feedback.${format}`);
      const expected = format === 'csv' ? await writeCsv(file) : await writeXlsx(file);
      const size = fs.statSync(file).size;
      process.stdout.write(`${file}: ${fmtBytes(size)}\n`);
      for (const kind of kinds) {
        phase(`closeloop import ${format.toUpperCase()} → fresh ${kind}`);
        const db = await createBenchDatabase(kind, 'import');
        try {
          const { lastLine, ms, peak } = await runCli(file, db.url, dir);
          const want = `imported ${expected.imported}, skipped ${expected.skipped}, rejected ${expected.rejected}`;
          const inDb = await countImported(db.url);
          const ok = lastLine === want && inDb === expected.imported;
          failed ||= !ok;
          process.stdout.write(`${lastLine}\n`);
          results.push([
            kind,
            format,
            fmtBytes(size),
            fmtInt(rows),
            `${(ms / 1000).toFixed(1)} s`,
            fmtInt(rows / (ms / 1000)),
            fmtBytes(peak),
            lastLine,
            ok ? 'ok' : `MISMATCH (want "${want}", ${inDb} in db)`,
          ]);
        } finally {
          await db.drop();
        }
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  phase('results (time includes process start and migrations)');
  table(results);
  if (failed) process.exitCode = 1;
}

await main();
