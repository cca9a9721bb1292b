// npm run bench:sla [-- --items 1000000 --open 0.05 --due 1000 --db sqlite|postgres|both]
// The minute sweep at scale: N items with their two SLA clocks (most stopped, a share still counting, some
// of those past their check time). Times the sweep's due-clock query, one sweep that escalates every due
// clock, and the next sweep that finds nothing; checks that every escalation happened exactly once.
import { sql } from 'kysely';
import { sweepSla } from '../../server/modules/sla/index.js';
import { dueClocksQuery } from '../../server/modules/sla/sla.repository.js';
import { type Db, openDatabase } from '../../server/platform/db/database.js';
import { newId } from '../../server/platform/db/ids.js';
import { migrateToLatest } from '../../server/platform/db/migrate.js';
import { type BenchDbKind, createBenchDatabase, postgresReachable } from './bench-database.js';
import { flag, fmtInt, fmtMs, numberFlag, phase, table } from './report.js';

const items = numberFlag('items', 1_000_000);
const openShare = Number(flag('open') ?? '0.05');
const dueCount = numberFlag('due', 1000);
const dbFlag = flag('db') ?? 'sqlite';

const NOW = Date.parse('2026-03-02T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

async function insertChunked<T>(db: Db, table: string, rows: T[]): Promise<void> {
  const size = 500;
  for (let i = 0; i < rows.length; i += size)
    // biome-ignore lint/suspicious/noExplicitAny: bulk seeding writes plain rows to a named table
    await (db as any)
      .insertInto(table)
      .values(rows.slice(i, i + size))
      .execute();
}

/** Seeds the items and their clocks; returns how many first responses are overdue. */
async function seed(db: Db): Promise<number> {
  const at = iso(NOW - 86_400_000);
  const departmentId = newId();
  await db
    .insertInto('departments')
    .values({
      id: departmentId,
      code: 'bench',
      name_zh: '基准',
      name_en: 'Bench',
      business_areas: '[]',
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('users')
    .values({
      id: newId(),
      email: 'supervisor@bench.example.com',
      name: 'Bench supervisor',
      password_hash: 'x',
      role: 'supervisor',
      department_id: departmentId,
      locale: 'zh-CN',
      time_zone: 'Asia/Shanghai',
      active: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
  const policy = await db
    .selectFrom('sla_policies')
    .select(['id', 'calendar_id'])
    .where('priority', '=', 'urgent')
    .executeTakeFirstOrThrow();
  const openEvery = Math.max(1, Math.round(1 / openShare));
  let due = 0;
  const batch = 5000;
  for (let start = 0; start < items; start += batch) {
    const feedback: Record<string, unknown>[] = [];
    const clocks: Record<string, unknown>[] = [];
    for (let i = start; i < Math.min(items, start + batch); i++) {
      const id = newId();
      const open = i % openEvery === 0;
      const overdue = open && due < dueCount;
      if (overdue) due++;
      // Closed items came in over the last days; open ones within the last two hours; overdue ones
      // 61 minutes ago (urgent: first response due an hour after receipt).
      const created = overdue
        ? NOW - 61 * 60_000
        : open
          ? NOW - 7_200_000 + (i % 3600) * 1000
          : NOW - 3 * 86_400_000 + (i % 86_400) * 1000;
      feedback.push({
        id,
        number: `B${String(i).padStart(9, '0')}`,
        channel: 'email',
        description: 'bench',
        status: open ? 'in_progress' : 'closed',
        priority: 'urgent',
        department_id: departmentId,
        custom_fields: '{}',
        created_by_type: 'system',
        created_at: iso(created),
        updated_at: iso(created),
        closed_at: open ? null : iso(created + 3_600_000),
        first_responded_at: overdue ? null : iso(created + 600_000),
        first_response_due_at: iso(created + 3_600_000),
        resolution_due_at: iso(created + 86_400_000),
        version: 1,
      });
      for (const target of ['first_response', 'resolution'] as const) {
        const running = target === 'first_response' ? overdue : open;
        const late = target === 'first_response' && overdue;
        const budget = target === 'first_response' ? 3_600_000 : 86_400_000;
        const dueAt = created + budget;
        const check = running ? (late ? NOW - 60_000 : dueAt - budget / 5) : null;
        clocks.push({
          feedback_id: id,
          target,
          policy_id: policy.id,
          calendar_id: policy.calendar_id,
          budget_minutes: target === 'first_response' ? 60 : 1440,
          started_at: iso(created),
          consumed_minutes: running ? 0 : 10,
          segment_started_at: running ? iso(created) : null,
          due_at: iso(dueAt),
          at_risk_at: iso(dueAt - budget / 5),
          paused_at: null,
          stopped_at: running ? null : iso(created + 600_000),
          next_check_at: check === null ? null : iso(check),
          next_level: check === null ? null : late ? 'breached' : 'at_risk',
          updated_at: iso(created),
        });
      }
    }
    await db.transaction().execute(async (trx) => {
      await insertChunked(trx as unknown as Db, 'feedback', feedback);
      await insertChunked(trx as unknown as Db, 'sla_clocks', clocks);
    });
    if ((start / batch) % 40 === 0)
      process.stdout.write(`  seeded ${fmtInt(start + feedback.length)} items\r`);
  }
  process.stdout.write('\n');
  return due;
}

async function run(kind: BenchDbKind): Promise<string[]> {
  const bench = await createBenchDatabase(kind, 'sla');
  const database = openDatabase(bench.url);
  try {
    await migrateToLatest(database.db);
    phase(
      `${kind}: seeding ${fmtInt(items)} items (${Math.round(openShare * 100)} % open, ${dueCount} overdue)`,
    );
    const seedStart = performance.now();
    const overdue = await seed(database.db);
    await sql`analyze`.execute(database.db);
    phase(`${kind}: seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    const db = database.db;
    const nowIso = iso(NOW);
    const queryTimes: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await dueClocksQuery(db, nowIso, 200).execute();
      queryTimes.push(performance.now() - t0);
    }
    queryTimes.sort((a, b) => a - b);
    const t1 = performance.now();
    const first = await sweepSla(db, nowIso, { batchSize: 200, maxBatches: 1000 });
    const sweepMs = performance.now() - t1;
    const t2 = performance.now();
    const second = await sweepSla(db, nowIso);
    const idleMs = performance.now() - t2;
    const escalations = await db
      .selectFrom('sla_escalations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const events = await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('type', '=', 'sla.breached')
      .executeTakeFirstOrThrow();
    const ok = Number(escalations.n) === overdue && Number(events.n) === overdue && second.escalated === 0;
    return [
      kind,
      fmtInt(items),
      fmtMs(queryTimes[Math.floor(queryTimes.length / 2)]!),
      `${fmtInt(first.escalated)} in ${fmtMs(sweepMs)} (${fmtInt((first.escalated / sweepMs) * 1000)}/s)`,
      fmtMs(idleMs),
      ok ? 'yes' : `NO (${escalations.n} rows, ${events.n} events)`,
    ];
  } finally {
    await database.close();
    await bench.drop();
  }
}

const kinds: BenchDbKind[] = dbFlag === 'both' ? ['sqlite', 'postgres'] : [dbFlag as BenchDbKind];
const rows: string[][] = [
  [
    'database',
    'items',
    'due-clock query (p50)',
    'sweep: escalated',
    'next sweep (nothing due)',
    'exactly once',
  ],
];
for (const kind of kinds) {
  if (kind === 'postgres' && !(await postgresReachable())) {
    rows.push([kind, '-', 'server not reachable', '', '', '']);
    continue;
  }
  rows.push(await run(kind));
}
phase('SLA sweep');
table(rows);
