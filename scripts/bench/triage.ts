// npm run bench:triage [-- --items 3000 --db-items 1000 --db sqlite|postgres|both]
// Items/s of the triage decision on mixed zh/en texts from the TEST splits in ../shared/data, one item at a
// time in this process: nlp analysis alone, the full decision (analysis + rules + priority + routing decision,
// no database), and runTriage including its database reads and writes. "Per core" divides by this process's
// CPU time, so other load on the machine does not count (wall-clock items/s are printed too).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createProgress } from '../../server/cli/progress.js';
import { createFeedback } from '../../server/modules/feedback/index.js';
import { createDepartment, createUser } from '../../server/modules/identity/index.js';
import { analyzeText } from '../../server/modules/nlp/index.js';
import {
  compileRule,
  DEFAULT_RULES,
  decideRouting,
  decideTriage,
  type RoutingSource,
  runTriage,
  seedDefaultTriage,
  type TriageSubject,
  toOutcome,
} from '../../server/modules/triage/index.js';
import { SYSTEM_ACTOR } from '../../server/platform/auth/actor.js';
import { openDatabase } from '../../server/platform/db/database.js';
import { migrateToLatest } from '../../server/platform/db/migrate.js';
import type { Channel } from '../../shared/enums.js';
import { sharedDataDir } from '../nlp/datasets.js';
import { type BenchDbKind, createBenchDatabase, postgresReachable } from './bench-database.js';
import { flag, fmtInt, fmtMs, numberFlag, percentile, phase, table } from './report.js';

const items = numberFlag('items', 3000);
const dbItems = numberFlag('db-items', 1000);
const dbFlag = flag('db') ?? 'sqlite';

const SOURCES = [
  { dataset: 'online_shopping_10_cats', column: 'review', language: 'zh' },
  { dataset: 'waimai_10k', column: 'review', language: 'zh' },
  { dataset: 'ChnSentiCorp_htl_all', column: 'review', language: 'zh' },
  { dataset: 'twitter_airline_sentiment', column: 'text', language: 'en' },
  { dataset: 'banking77', column: 'text', language: 'en' },
  { dataset: 'cfpb_complaints', column: 'narrative', language: 'en' },
] as const;
const CHANNELS: Channel[] = ['portal', 'email', 'phone', 'social', 'app_store', 'widget'];

interface Sample {
  text: string;
  channel: Channel;
  vip: boolean;
}

/** Round-robin over the six TEST splits (half Chinese, half English), the first `count` usable texts. */
function loadSamples(count: number): Sample[] {
  const columns = SOURCES.map((s) => {
    const rows = parse(readFileSync(join(sharedDataDir(), s.dataset, 'test.csv')), {
      columns: true,
      bom: true,
      skip_empty_lines: true,
    }) as Record<string, string>[];
    return rows.map((r) => (r[s.column] ?? '').trim()).filter((t) => t.length >= 4);
  });
  const out: Sample[] = [];
  for (let i = 0; out.length < count; i++) {
    const column = columns[i % columns.length]!;
    const text = column[Math.floor(i / columns.length) % column.length]!;
    out.push({ text, channel: CHANNELS[i % CHANNELS.length]!, vip: i % 9 === 0 });
  }
  return out;
}

interface Measured {
  label: string;
  count: number;
  seconds: number;
  /** CPU time of this process (user + system): what one core spent, whatever else the machine ran. */
  cpuSeconds: number;
  latencies: number[];
}

async function measure(
  label: string,
  samples: Sample[],
  run: (s: Sample, i: number) => unknown | Promise<unknown>,
): Promise<Measured> {
  const progress = createProgress(label);
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const [i, s] of samples.entries()) {
    const t0 = performance.now();
    await run(s, i);
    latencies.push(performance.now() - t0);
    if (i % 50 === 0 || i === samples.length - 1) progress.update(i + 1, samples.length);
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  progress.stop();
  return { label, count: samples.length, seconds, cpuSeconds: (used.user + used.system) / 1e6, latencies };
}

function subjectOf(s: Sample): TriageSubject {
  return {
    text: s.text,
    channel: s.channel,
    customerTier: s.vip ? 'vip' : 'normal',
    product: null,
    current: { nature: null, businessArea: null, priority: 'normal', departmentId: null, assigneeId: null },
    locked: new Set(),
    open: true,
  };
}

// In-memory routing data of the same shape the database gives (three departments, two agents each).
const memoryDepartments = [
  { id: 'd-after', code: 'after_sales', areas: ['after_sales'] },
  { id: 'd-pre', code: 'pre_sales', areas: ['pre_sales'] },
  { id: 'd-tech', code: 'tech_support', areas: ['tech_support'] },
];
const load = new Map<string, number>();
const memorySource: RoutingSource = {
  departments: () => memoryDepartments,
  autoAssign: () => true,
  candidates: (id) => [`${id}-a`, `${id}-b`].map((userId) => ({ userId, open: load.get(userId) ?? 0 })),
};

async function decisionPhases(samples: Sample[]): Promise<Measured[]> {
  const rules = DEFAULT_RULES.map((r, i) =>
    compileRule({ id: `rule-${i}`, name: r.name, position: i, conditions: r.conditions, actions: r.actions }),
  );
  phase(`warm-up (model load) · ${Math.min(50, samples.length)} items`);
  for (const s of samples.slice(0, 50)) decideTriage(subjectOf(s), rules);
  phase(`nlp analysis only · ${fmtInt(samples.length)} items`);
  const analysis = await measure('analyze', samples, (s) => analyzeText(s.text));
  phase(`full triage decision, no database · ${fmtInt(samples.length)} items`);
  const at = new Date().toISOString();
  const decision = await measure('decide', samples, async (s) => {
    const subject = subjectOf(s);
    const d = decideTriage(subject, rules);
    const routing = await decideRouting(d, subject, memorySource);
    if (routing.assigneeId) load.set(routing.assigneeId, (load.get(routing.assigneeId) ?? 0) + 1);
    return toOutcome(d, subject, routing, at);
  });
  return [
    { ...analysis, label: 'nlp analysis only' },
    { ...decision, label: 'triage decision (analysis + rules + priority + routing), no DB' },
  ];
}

async function databasePhase(kind: BenchDbKind, samples: Sample[]): Promise<Measured> {
  const bench = await createBenchDatabase(kind, 'triage');
  const database = openDatabase(bench.url);
  try {
    await migrateToLatest(database.db);
    const db = database.db;
    const at = new Date().toISOString();
    const agents: { userId: string; skills: string[] }[] = [];
    for (const d of memoryDepartments) {
      const dept = await createDepartment(
        db,
        { code: d.code, nameZh: d.code, nameEn: d.code, businessAreas: d.areas },
        at,
      );
      for (const n of [1, 2]) {
        const user = await createUser(
          db,
          {
            email: `${d.code}.${n}@bench.closeloop.local`,
            name: `${d.code} ${n}`,
            password: 'bench password 123',
            role: 'agent',
            departmentId: dept.id,
          },
          at,
        );
        agents.push({ userId: user.id, skills: d.areas });
      }
    }
    await seedDefaultTriage(db, at, agents);

    phase(`${kind}: creating ${fmtInt(samples.length)} items to triage (setup, not timed)`);
    const ids: string[] = [];
    const setup = createProgress('create');
    for (const [i, s] of samples.entries()) {
      const record = await db.transaction().execute((trx) =>
        createFeedback({
          trx,
          actor: SYSTEM_ACTOR,
          at: new Date().toISOString(),
          dialect: database.dialect,
          timeZone: 'Asia/Shanghai',
          input: {
            description: s.text,
            channel: s.channel,
            customer: { name: `bench ${i}`, email: `c${i}@bench.closeloop.local` },
          },
        }),
      );
      ids.push(record.id);
      if (i % 50 === 0 || i === samples.length - 1) setup.update(i + 1, samples.length);
    }
    setup.stop();

    phase(`${kind}: runTriage with database reads and writes · ${fmtInt(samples.length)} items`);
    const measured = await measure(`triage ${kind}`, samples, (_s, i) =>
      runTriage(database, { feedbackId: ids[i]!, at: new Date().toISOString() }),
    );
    return { ...measured, label: `runTriage incl. DB reads + writes (${kind})` };
  } finally {
    await database.close();
    await bench.drop();
  }
}

const samples = loadSamples(items);
const zh = samples.filter((s) => /[\u4e00-\u9fff]/.test(s.text)).length;
phase(
  `${fmtInt(samples.length)} texts from the TEST splits of ${SOURCES.length} data sets (${fmtInt(zh)} Chinese, ` +
    `${fmtInt(samples.length - zh)} English), mean ${Math.round(samples.reduce((n, s) => n + s.text.length, 0) / samples.length)} characters`,
);
const results = await decisionPhases(samples);
const kinds: BenchDbKind[] = dbFlag === 'both' ? ['sqlite', 'postgres'] : [dbFlag as BenchDbKind];
for (const kind of kinds) {
  if (kind === 'postgres' && !(await postgresReachable())) {
    console.error('postgres not reachable: skipped');
    continue;
  }
  results.push(await databasePhase(kind, samples.slice(0, dbItems)));
}

phase('results (one process, one item at a time; per core = items per CPU-second of this process)');
table([
  ['phase', 'items', 'wall s', 'items/s (wall)', 'CPU s', 'items/s per core', 'p50', 'p99'],
  ...results.map((r) => {
    const sorted = [...r.latencies].sort((a, b) => a - b);
    return [
      r.label,
      fmtInt(r.count),
      r.seconds.toFixed(2),
      fmtInt(r.count / r.seconds),
      r.cpuSeconds.toFixed(2),
      fmtInt(r.count / r.cpuSeconds),
      fmtMs(percentile(sorted, 50)),
      fmtMs(percentile(sorted, 99)),
    ];
  }),
]);
