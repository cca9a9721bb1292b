// npm run bench:intake [-- --duration 15 --connections 50 --db sqlite|postgres|both --endpoint feedback|public|both --no-worker]
// Drives POST /api/v1/feedback (API key) and/or POST /api/v1/public/feedback (no auth) on the real server, then a do-nothing Fastify endpoint with the same
// load, and checks that every acknowledged create is in the database.
import autocannon, { type Result } from 'autocannon';
import { createApiKey } from '../../server/modules/identity/index.js';
import { openDatabase } from '../../server/platform/db/database.js';
import { migrateToLatest } from '../../server/platform/db/migrate.js';
import { type BenchDbKind, createBenchDatabase, postgresReachable } from './bench-database.js';
import { IntakeBodies } from './intake-bodies.js';
import { flag, fmtInt, fmtMs, numberFlag, phase, table } from './report.js';
import { startServerChild } from './server-child.js';

const duration = numberFlag('duration', 15);
const connections = numberFlag('connections', 50);
const warmup = Math.min(3, duration);
const dbFlag = flag('db') ?? 'sqlite';
const worker = !process.argv.includes('--no-worker');
const endpointFlag = flag('endpoint') ?? 'feedback';

type Endpoint = 'feedback' | 'public';
interface BodySource {
  next(): string;
}

interface Run {
  label: string;
  result: Result;
  created: number;
  ids: string[];
}

function load(
  url: string,
  path: string,
  headers: Record<string, string>,
  bodies: BodySource,
  seconds: number,
) {
  const ids: string[] = [];
  return new Promise<{ result: Result; ids: string[] }>((resolve, reject) => {
    const started = Date.now();
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path,
            headers: { 'content-type': 'application/json', ...headers },
            setupRequest: (request) => ({ ...request, body: bodies.next() }),
            onResponse: (status, body) => {
              if (status !== 201) return;
              const id = (JSON.parse(body) as { data?: { id?: string } }).data?.id;
              if (id) ids.push(id);
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve({ result, ids })),
    );
    const ticker = setInterval(() => {
      process.stdout.write(
        `  … ${Math.round((Date.now() - started) / 1000)} s, ${fmtInt(ids.length)} acknowledged\n`,
      );
    }, 5000);
    instance.once('done', () => clearInterval(ticker));
  });
}

async function countRows(url: string, ids: string[]): Promise<{ rows: number; found: number }> {
  const database = openDatabase(url);
  try {
    const total = await database.db
      .selectFrom('feedback')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    let found = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const r = await database.db
        .selectFrom('feedback')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('id', 'in', chunk)
        .executeTakeFirstOrThrow();
      found += Number(r.n);
    }
    return { rows: Number(total.n), found };
  } finally {
    await database.close();
  }
}

/** The row count once it has not moved for three seconds (slow requests of the warm-up may still commit). */
async function settledCount(url: string): Promise<{ rows: number }> {
  let last = await countRows(url, []);
  let stableFor = 0;
  for (let i = 0; i < 60 && stableFor < 3; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = await countRows(url, []);
    stableFor = now.rows === last.rows ? stableFor + 1 : 0;
    last = now;
  }
  return last;
}

async function benchCloseloop(
  kind: BenchDbKind,
  intakeBodies: IntakeBodies,
  endpoint: Endpoint,
): Promise<Run & { rows: number; found: number }> {
  const path = endpoint === 'public' ? '/api/v1/public/feedback' : '/api/v1/feedback';
  const bodies: BodySource = endpoint === 'public' ? { next: () => intakeBodies.nextPublic() } : intakeBodies;
  phase(`${kind}: fresh database, migrations, API key`);
  const database = await createBenchDatabase(kind, 'intake');
  try {
    const handle = openDatabase(database.url);
    await migrateToLatest(handle.db);
    const { key } = await createApiKey(
      handle.db,
      { name: 'bench-intake', role: 'admin' },
      new Date().toISOString(),
    );
    await handle.close();

    phase(`${kind}: starting the Closeloop server (worker and outbox dispatcher ${worker ? 'on' : 'off'})`);
    const server = await startServerChild(
      'app',
      // One load generator is one client IP: the public limits are lifted so the run measures the write path.
      {
        DATABASE_URL: database.url,
        PUBLIC_RATE_LIMIT_IP: '1000000000',
        PUBLIC_RATE_LIMIT_CONTACT: '1000000000',
      },
      worker ? [] : ['--no-background'],
    );
    const headers: Record<string, string> = endpoint === 'public' ? {} : { authorization: `Bearer ${key}` };
    phase(`${kind}: warm-up ${warmup} s`);
    await load(server.url, path, headers, bodies, warmup);
    // Requests of the warm-up still in flight when it stopped may commit a little later.
    const before = await settledCount(database.url);
    phase(`${kind}: POST ${path} for ${duration} s with ${connections} connections`);
    const { result, ids } = await load(server.url, path, headers, bodies, duration);
    phase(`${kind}: stopping the server (it finishes requests in flight) and counting rows`);
    await server.stop();
    const after = await countRows(database.url, ids);
    return {
      label: `Closeloop · ${kind}${endpoint === 'public' ? ' · public' : ''}`,
      result,
      created: result.statusCodeStats['201']?.count ?? 0,
      ids,
      rows: after.rows - before.rows,
      found: after.found,
    };
  } finally {
    await database.drop();
  }
}

async function benchBare(bodies: IntakeBodies): Promise<Run> {
  phase('bare Fastify reference: starting a server whose POST does nothing');
  const server = await startServerChild('bare');
  try {
    await load(server.url, '/noop', {}, bodies, warmup);
    phase(`bare Fastify reference: POST /noop for ${duration} s with ${connections} connections`);
    const { result } = await load(server.url, '/noop', {}, bodies, duration);
    return {
      label: 'bare Fastify (no-op POST)',
      result,
      created: result.statusCodeStats['201']?.count ?? 0,
      ids: [],
    };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  phase('loading request bodies');
  const bodies = new IntakeBodies();
  process.stdout.write(
    `  ${fmtInt(bodies.poolSize)} distinct texts (${bodies.fromDataSets ? '../shared/data train splits' : 'built-in templates'})\n`,
  );
  const kinds: BenchDbKind[] =
    dbFlag === 'both' ? ['sqlite', 'postgres'] : [dbFlag === 'postgres' ? 'postgres' : 'sqlite'];
  const runs: (Run & { rows?: number; found?: number })[] = [];
  for (const kind of kinds) {
    if (kind === 'postgres' && !(await postgresReachable())) {
      process.stdout.write('\n! PostgreSQL is not reachable: skipping the Postgres run\n');
      continue;
    }
    const endpoints: Endpoint[] =
      endpointFlag === 'both' ? ['feedback', 'public'] : [endpointFlag === 'public' ? 'public' : 'feedback'];
    for (const endpoint of endpoints) runs.push(await benchCloseloop(kind, bodies, endpoint));
  }
  const bare = await benchBare(bodies);
  runs.push(bare);

  const rate = (run: Run) => run.created / run.result.duration;
  phase(`results (${duration} s, ${connections} connections, Node ${process.version})`);
  table([
    ['', ...runs.map((r) => r.label)],
    ['acknowledged (201) per second', ...runs.map((r) => fmtInt(rate(r)))],
    ['latency p50', ...runs.map((r) => fmtMs(r.result.latency.p50))],
    ['latency p99', ...runs.map((r) => fmtMs(r.result.latency.p99))],
    ['201 responses', ...runs.map((r) => fmtInt(r.created))],
    ['non-2xx responses', ...runs.map((r) => fmtInt(r.result.non2xx))],
    ['errors / timeouts', ...runs.map((r) => `${r.result.errors} / ${r.result.timeouts}`)],
    ['ratio to bare Fastify', ...runs.map((r) => `${((rate(r) / rate(bare)) * 100).toFixed(1)} %`)],
  ]);
  let ok = true;
  for (const run of runs) {
    if (run.rows === undefined || run.found === undefined) continue;
    const cutOff = run.rows - run.created;
    const durable = run.found === run.ids.length && run.ids.length === run.created;
    ok &&= durable && cutOff >= 0 && cutOff <= connections;
    process.stdout.write(
      `\n${run.label}: rows written during the run ${fmtInt(run.rows)}; 201 responses ${fmtInt(run.created)}; ` +
        `acknowledged ids found in the database ${fmtInt(run.found)}/${fmtInt(run.ids.length)} ${durable ? '✔' : '✘'}` +
        (cutOff > 0
          ? `; ${cutOff} committed whose response was cut off when the load generator stopped`
          : '') +
        '\n',
    );
  }
  if (!ok) {
    process.stdout.write('\n✘ durability check failed\n');
    process.exitCode = 1;
  } else process.stdout.write('\n✔ every acknowledged create is in the database\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
