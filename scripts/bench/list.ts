// npm run bench:list [-- --items 1000000 --runs 50 --db sqlite|postgres|both --keep]
// npm run bench:list -- --reuse <DATABASE_URL> [--runs 50]   (times the queries on a database kept by --keep)
// Seeds N realistic items into fresh SQLite and Postgres databases, starts the real server on each and
// times the agent inbox queries over HTTP.
import cliProgress from 'cli-progress';
import { templateSamples } from '../../server/demo/demo-templates.js';
import { loadSampleTexts } from '../../server/demo/sample-texts.js';
import { openDatabase } from '../../server/platform/db/database.js';
import {
  type BenchDatabase,
  type BenchDbKind,
  createBenchDatabase,
  postgresReachable,
} from './bench-database.js';
import { prepareTexts } from './bulk/plan.js';
import { BENCH_AGENT_EMAIL, BENCH_PASSWORD, searchDocument, seedBulk } from './bulk/seed.js';
import { checkIndexFormat } from './index-check.js';
import {
  loginClient,
  measureDeepPage,
  measurePath,
  measureQueries,
  type QueryTiming,
} from './list-queries.js';
import { flag, fmtBytes, fmtInt, fmtMs, numberFlag, phase, table } from './report.js';
import { startServerChild } from './server-child.js';

const items = Math.round(numberFlag('items', 1_000_000));
const runs = Math.round(numberFlag('runs', 50));
const dbFlag = flag('db') ?? 'both';
const keep = process.argv.includes('--keep');
const reuseUrl = flag('reuse');
const TARGET_MS = 100;

interface DbReport {
  kind: BenchDbKind;
  items: number;
  seedSeconds: number;
  timings: QueryTiming[];
  peakRss: number;
  size: number;
  indexCheck: string;
  url: string;
}

function progressBar(label: string, total: number) {
  const bar = new cliProgress.SingleBar(
    {
      format: `  ${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | {duration_formatted} | ETA {eta_formatted}`,
      etaBuffer: 50,
      fps: 5,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  bar.start(total, 0, { rate: '0' });
  return {
    update(done: number) {
      const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
      bar.update(done, { rate: fmtInt(rate) });
    },
    stop: () => bar.stop(),
  };
}

/** Starts the real server on a seeded database, logs in as the after-sales agent and times the inbox queries. */
async function measureDatabase(
  kind: BenchDbKind,
  url: string,
  seed: { agentEmail: string; departments: { id: string; code: string }[] },
): Promise<{ timings: QueryTiming[]; peakRss: number }> {
  phase(`${kind}: starting the Closeloop server, logging in as an after-sales agent`);
  const server = await startServerChild('app', { DATABASE_URL: url });
  try {
    const client = await loginClient(server.url, seed.agentEmail, BENCH_PASSWORD);
    const department = seed.departments.find((d) => d.code === 'after_sales');
    if (!department) throw new Error('the seeded database has no after_sales department');
    const open = 'status=received,in_progress,reopened';
    server.resetPeak();
    phase(`${kind}: timing inbox queries (${runs} runs each, after 3 warm-up runs)`);
    const timings = await measureQueries(
      client,
      [
        {
          name: 'a  open items of department by SLA due',
          query: `${open}&departmentId=${department.id}&sort=due`,
        },
        {
          name: 'b1 tag 物流/配送延迟 + status closed',
          query: `tag=${encodeURIComponent('物流/配送延迟')}&status=closed`,
        },
        {
          name: 'b2 tag 产品 (subtree) + open statuses',
          query: `tag=${encodeURIComponent('产品')}&${open}`,
        },
        { name: 'c1 full text 物流', query: `q=${encodeURIComponent('物流')}` },
        { name: 'c2 full text 退款', query: `q=${encodeURIComponent('退款')}` },
        { name: 'd1 full text refund', query: 'q=refund' },
        { name: 'd2 full text delayed', query: 'q=delayed' },
      ],
      runs,
    );
    timings.push(await measureDeepPage(client, 'e  page 50 of the inbox (keyset)', 'limit=50', 50, runs));
    timings.push(
      await measurePath(
        client,
        'f  console overview (counts, SLA, 14 days)',
        '/api/v1/analytics/overview',
        runs,
      ),
    );
    const memory = await server.memory();
    return { timings, peakRss: memory.peakRss };
  } finally {
    await server.stop();
  }
}

/** Times the queries on a database seeded and kept by an earlier run (`--keep`). */
async function reuseDatabase(url: string): Promise<DbReport> {
  const kind: BenchDbKind = url.startsWith('postgres') ? 'postgres' : 'sqlite';
  const database = openDatabase(url);
  let departments: { id: string; code: string }[];
  let count: number;
  try {
    departments = await database.db.selectFrom('departments').select(['id', 'code']).execute();
    const counted = await database.db
      .selectFrom('feedback')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    count = Number(counted.n);
  } finally {
    await database.close();
  }
  phase(`${kind}: reusing ${url} (${fmtInt(count)} items)`);
  const measured = await measureDatabase(kind, url, { agentEmail: BENCH_AGENT_EMAIL, departments });
  return {
    kind,
    items: count,
    seedSeconds: Number.NaN,
    ...measured,
    size: Number.NaN,
    indexCheck: 'not checked (reused)',
    url,
  };
}

async function benchDatabase(kind: BenchDbKind, texts: ReturnType<typeof prepareTexts>, documents: string[]) {
  phase(`${kind}: fresh database, departments and agents`);
  const database: BenchDatabase = await createBenchDatabase(kind, 'list');
  try {
    phase(`${kind}: seeding ${fmtInt(items)} items (multi-row inserts, ${fmtInt(5000)} per transaction)`);
    const bar = progressBar(`${kind} items`, items);
    const started = Date.now();
    const seed = await seedBulk(database, {
      items,
      texts,
      documents: (i) => documents[i] ?? '',
      onProgress: (done) => bar.update(done),
      onPhase: (message) => {
        bar.stop();
        process.stdout.write(`  ${message}\n`);
      },
    });
    bar.stop();
    const seedSeconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `  ${fmtInt(seed.items)} items, ${fmtInt(seed.customers)} customers in ${seedSeconds.toFixed(1)} s\n`,
    );

    phase(`${kind}: checking the seeded search documents against the product's indexFeedbackText`);
    const indexCheck = await checkIndexFormat(database.url, 5);
    process.stdout.write(`  ${indexCheck}\n`);

    const measured = await measureDatabase(kind, database.url, seed);
    return {
      kind,
      items,
      seedSeconds,
      ...measured,
      size: await database.size(),
      indexCheck,
      url: database.url,
    } satisfies DbReport;
  } finally {
    if (keep) process.stdout.write(`  kept ${database.url}\n`);
    else await database.drop();
  }
}

async function main(): Promise<void> {
  if (reuseUrl) {
    const report = await reuseDatabase(reuseUrl);
    printReports([report], report.items);
    return;
  }
  phase('loading texts from ../shared/data train splits');
  const samples = loadSampleTexts({ maxLength: 2000 });
  const source = samples.length > 0 ? 'data sets' : 'built-in templates (../shared/data not found)';
  const texts = prepareTexts(samples.length > 0 ? samples : templateSamples());
  process.stdout.write(`  ${fmtInt(texts.length)} distinct texts from ${source}\n`);
  phase('segmenting texts for the full-text index (jieba, same tokenizer as the product)');
  const bar = progressBar('texts', texts.length);
  const documents: string[] = [];
  for (const [i, t] of texts.entries()) {
    documents.push(searchDocument(t.sample.text));
    if (i % 2000 === 0) {
      bar.update(i);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  bar.update(texts.length);
  bar.stop();

  const kinds: BenchDbKind[] =
    dbFlag === 'both' ? ['sqlite', 'postgres'] : [dbFlag === 'postgres' ? 'postgres' : 'sqlite'];
  const reports: DbReport[] = [];
  for (const kind of kinds) {
    if (kind === 'postgres' && !(await postgresReachable())) {
      process.stdout.write('\n! PostgreSQL is not reachable: skipping the Postgres run\n');
      continue;
    }
    reports.push(await benchDatabase(kind, texts, documents));
  }

  printReports(reports, items);
}

function printReports(reports: DbReport[], itemCount: number): void {
  for (const r of reports) {
    phase(`results · ${r.kind} · ${fmtInt(itemCount)} items · ${runs} runs per query over HTTP`);
    table([
      ['query', 'p50', 'p95', 'max', 'rows', `p95 < ${TARGET_MS} ms`],
      ...r.timings.map((t) => [
        t.name,
        fmtMs(t.p50),
        fmtMs(t.p95),
        fmtMs(t.max),
        String(t.returned),
        t.p95 < TARGET_MS ? 'yes' : 'NO',
      ]),
    ]);
    process.stdout.write(
      `  peak server RSS during the queries: ${fmtBytes(r.peakRss)}; database size: ${fmtBytes(r.size)}; ` +
        `seeding took ${r.seedSeconds.toFixed(1)} s (${fmtInt(itemCount / r.seedSeconds)} items/s)\n  index format: ${r.indexCheck}\n`,
    );
  }
  const misses = reports.flatMap((r) =>
    r.timings.filter((t) => t.p95 >= TARGET_MS).map((t) => `${r.kind}: ${t.name}`),
  );
  if (misses.length > 0) process.stdout.write(`\n✘ p95 target missed by:\n  ${misses.join('\n  ')}\n`);
  else if (reports.length > 0) process.stdout.write(`\n✔ every query p95 < ${TARGET_MS} ms\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
