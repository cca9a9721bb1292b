import { v7 as uuidv7 } from 'uuid';
import { demoPerson } from '../../../server/demo/demo-people.js';
import { Random } from '../../../server/demo/random.js';
import { createDepartment, createUser } from '../../../server/modules/identity/index.js';
import { searchTokens } from '../../../server/modules/nlp/segment.js';
import { openDatabase } from '../../../server/platform/db/database.js';
import { renumberSearchRowids } from '../../../server/platform/db/dialect/sqlite-search-rowid.js';
import { migrateToLatest } from '../../../server/platform/db/migrate.js';
import type { BenchDatabase } from '../bench-database.js';
import { type BulkDepartment, type PlannedItem, type PreparedText, planItems } from './plan.js';
import { type BulkWriter, postgresWriter, type Row, sqliteWriter } from './writers.js';

export const BENCH_PASSWORD = 'bench-password-1';
/** Agent of after-sales whose inbox the list benchmark reads. */
export const BENCH_AGENT_EMAIL = 'after_sales.agent1@bench.example.com';

const DEPARTMENTS = [
  { code: 'pre_sales', nameZh: '售前', nameEn: 'Pre-sales', businessAreas: ['pre_sales'] },
  { code: 'after_sales', nameZh: '售后', nameEn: 'After-sales', businessAreas: ['after_sales'] },
  { code: 'tech_support', nameZh: '技术支持', nameEn: 'Tech support', businessAreas: ['tech_support'] },
  { code: 'complaints', nameZh: '投诉管理', nameEn: 'Complaints', businessAreas: [] as string[] },
];

const BULK_TABLES = [
  'feedback',
  'feedback_messages',
  'feedback_events',
  'feedback_tags',
  'feedback_tag_paths',
  'feedback_search',
];

export interface SeedResult {
  departments: BulkDepartment[];
  /** Agent of after-sales whose inbox the queries read. */
  agentEmail: string;
  items: number;
  customers: number;
}

// Same day boundary as the product's ticket numbers (Asia/Shanghai business day).
const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function ticketNumber(created: Date, sequence: number): { day: string; number: string } {
  const day = dayFormat.format(created).replaceAll('-', '');
  return { day, number: `FB-${day}-${String(sequence).padStart(6, '0')}` };
}

/** The product's index document for a text: its unique search tokens joined by spaces (see dialect helpers). */
export function searchDocument(text: string): string {
  return [...new Set(searchTokens(text))].join(' ');
}

async function createPeople(
  url: string,
  at: string,
): Promise<{ departments: BulkDepartment[]; agentEmail: string }> {
  const database = openDatabase(url);
  try {
    await migrateToLatest(database.db);
    const departments: BulkDepartment[] = [];
    for (const d of DEPARTMENTS) {
      const created = await createDepartment(database.db, d, at);
      const agentIds: string[] = [];
      for (let i = 1; i <= 5; i++) {
        const user = await createUser(
          database.db,
          {
            email: `${d.code}.agent${i}@bench.example.com`,
            name: `${d.nameEn} agent ${i}`,
            password: BENCH_PASSWORD,
            role: 'agent',
            departmentId: created.id,
          },
          at,
        );
        agentIds.push(user.id);
      }
      departments.push({ id: created.id, code: d.code, businessAreas: d.businessAreas, agentIds });
    }
    return { departments, agentEmail: BENCH_AGENT_EMAIL };
  } finally {
    await database.close();
  }
}

function customerRows(count: number, at: string, random: Random): { customers: Row[]; identities: Row[] } {
  const customers: Row[] = [];
  const identities: Row[] = [];
  for (let i = 1; i <= count; i++) {
    const person = demoPerson(random, random.chance(0.6) ? 'zh' : 'en', i);
    const id = uuidv7();
    customers.push({
      id,
      name: person.name,
      tier: random.chance(0.05) ? 'vip' : 'normal',
      locale: person.language === 'zh' ? 'zh-CN' : 'en',
      notes: null,
      feedback_count: 0,
      last_feedback_at: null,
      created_at: at,
      updated_at: at,
    });
    identities.push({
      id: uuidv7(),
      customer_id: id,
      kind: 'email',
      value: person.email,
      verified: 0,
      created_at: at,
    });
  }
  return { customers, identities };
}

function itemRows(batch: readonly PlannedItem[]): {
  feedback: Row[];
  tags: Row[];
  tagPaths: Row[];
  messages: Row[];
  events: Row[];
} {
  const feedback: Row[] = [];
  const tags: Row[] = [];
  const tagPaths: Row[] = [];
  const messages: Row[] = [];
  const events: Row[] = [];
  for (const { row, tags: itemTags } of batch) {
    feedback.push(row as Row);
    for (const tag of itemTags) tags.push({ feedback_id: row.id, tag, created_at: row.created_at });
    // Every tag with all its ancestors, as the feedback module files them for subtree filters.
    for (const path of new Set(itemTags.flatMap(withAncestors))) {
      tagPaths.push({ path, feedback_id: row.id, created_at: row.created_at });
    }
    messages.push({
      id: uuidv7({ msecs: Date.parse(row.created_at) }),
      feedback_id: row.id,
      kind: 'customer',
      author_user_id: null,
      author_customer_id: row.customer_id,
      body: row.description,
      channel: row.channel,
      created_at: row.created_at,
    });
    events.push({
      id: uuidv7({ msecs: Date.parse(row.created_at) }),
      feedback_id: row.id,
      type: 'created',
      actor_type: 'system',
      actor_id: null,
      from_value: null,
      to_value: 'received',
      reason: null,
      data: JSON.stringify({
        number: row.number,
        channel: row.channel,
        priority: row.priority,
        tags: itemTags,
      }),
      created_at: row.created_at,
    });
  }
  return { feedback, tags, tagPaths, messages, events };
}

function withAncestors(path: string): string[] {
  const levels = path.split('/');
  return levels.map((_, i) => levels.slice(0, i + 1).join('/'));
}

async function writeTags(writer: BulkWriter, paths: Iterable<string>, at: string): Promise<void> {
  const all = new Set<string>();
  for (const path of paths) for (const p of withAncestors(path)) all.add(p);
  const rows = [...all]
    .sort((a, b) => a.split('/').length - b.split('/').length)
    .map((path) => ({
      path,
      parent_path: path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : null,
      name: path.slice(path.lastIndexOf('/') + 1),
      label_en: null,
      created_at: at,
    }));
  await writer.transaction(() => writer.insert('tags', rows));
}

/**
 * Fills a fresh database with `items` feedback rows (plus customers, first messages, history rows, tags and
 * the full-text index) using multi-row inserts in large transactions.
 */
export async function seedBulk(
  database: BenchDatabase,
  options: {
    items: number;
    texts: readonly PreparedText[];
    documents: (textIndex: number) => string;
    onProgress: (done: number) => void;
    onPhase: (message: string) => void;
  },
): Promise<SeedResult> {
  const now = new Date();
  const at = now.toISOString();
  const random = new Random(42);
  const { departments, agentEmail } = await createPeople(database.url, at);
  const writer =
    database.kind === 'sqlite' ? sqliteWriter(database.file!) : await postgresWriter(database.url);
  let result: SeedResult;
  try {
    const customerCount = Math.max(100, Math.min(50_000, Math.round(options.items / 20)));
    const { customers, identities } = customerRows(customerCount, at, random);
    await writer.transaction(async () => {
      for (let i = 0; i < customers.length; i += 5000) {
        await writer.insert('customers', customers.slice(i, i + 5000));
        await writer.insert('customer_identities', identities.slice(i, i + 5000));
      }
    });
    const usedTags = new Set<string>();
    for (const t of options.texts) for (const tag of t.traits.tags) usedTags.add(tag);
    await writeTags(writer, usedTags, at);

    const sequences = new Map<string, number>();
    const plan = planItems(options.items, {
      texts: options.texts,
      departments,
      customerIds: customers.map((c) => String(c.id)),
      now,
      random,
      ticketNumber,
      sequences,
    });
    const recreate = await writer.dropSecondaryIndexes(BULK_TABLES);
    const batchSize = 5000;
    let done = 0;
    let batch: PlannedItem[] = [];
    const flush = async () => {
      const rows = itemRows(batch);
      await writer.transaction(async () => {
        await writer.insert('feedback', rows.feedback);
        await writer.insert('feedback_messages', rows.messages);
        await writer.insert('feedback_events', rows.events);
        await writer.insert('feedback_tags', rows.tags);
        await writer.insert('feedback_tag_paths', rows.tagPaths);
        await writer.indexDocuments(
          batch.map((b) => ({
            id: b.row.id,
            document: options.documents(b.textIndex),
            createdAt: b.row.created_at,
          })),
        );
      });
      done += batch.length;
      batch = [];
      options.onProgress(done);
      // The synchronous SQLite driver never yields otherwise, and the progress bar redraws on a timer.
      await new Promise((resolve) => setImmediate(resolve));
    };
    for (const item of plan) {
      batch.push(item);
      if (batch.length >= batchSize) await flush();
    }
    if (batch.length > 0) await flush();
    const counters = [...sequences].map(([day, last]) => ({ day, last_value: last }));
    await writer.transaction(() => writer.insert('ticket_counters', counters));
    options.onPhase(`recreating ${recreate.length} secondary indexes`);
    const started = Date.now();
    for (const statement of recreate) await writer.run(statement);
    options.onPhase(`indexes rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (database.kind === 'postgres') await writer.analyze();
    result = { departments, agentEmail, items: done, customers: customerCount };
  } finally {
    await writer.close();
  }
  if (database.kind === 'sqlite') {
    options.onPhase('putting full-text rowids in list order (as the product indexes them)');
    const started = Date.now();
    const handle = openDatabase(database.url);
    try {
      await handle.db.transaction().execute((trx) => renumberSearchRowids(trx));
    } finally {
      await handle.close();
    }
    options.onPhase(`renumbered in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return result;
}
