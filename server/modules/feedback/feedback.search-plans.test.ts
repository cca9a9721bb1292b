import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { TextMatchPlan } from '../../platform/db/dialect/index.js';
import { renumberSearchRowids } from '../../platform/db/dialect/sqlite-search-rowid.js';
import type { VisibilityScope } from './feedback.policy.js';
import { type FeedbackFilter, type FeedbackSortKey, searchFeedback } from './search.repository.js';

// Full-text search picks its plan by how many documents match: rare terms start from the hits, frequent
// ones walk the list in order and probe each item. Both plans must give the same pages.
describe('full-text search: rare-term and frequent-term plans agree', () => {
  let t: TestApp;
  let now = Date.parse('2026-11-20T02:00:00.000Z');
  let scoped: VisibilityScope;

  const texts = [
    '快递三天了还没到，要求退款',
    'Refund still not received after two weeks',
    '退款申请被拒绝，客服不理人',
    '物流太慢，包装也破了',
    'The delivery was delayed again, I want a refund',
    '申请退款后钱一直没有退回银行卡',
    '网点排队时间太长',
    'refund please, the parcel was delayed',
    '退款到账很快，点赞',
    'App crashes when I open the refund page',
    '客服态度很好，物流也快',
    '退款 退款 退款',
  ];

  beforeAll(async () => {
    t = await createTestApp({ clock: () => new Date(now) });
    const admin = (await actorHeaders(t, { role: 'admin', via: 'api_key' })).headers;
    const agent = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' });
    const other = await actorHeaders(t, { role: 'agent', departmentCode: 'tech_support' });
    scoped = { kind: 'scoped', departmentId: agent.departmentId, userId: agent.userId };
    for (const [i, description] of texts.entries()) {
      // Out of order and crowded: items arrive with earlier times than ones already indexed, several
      // share a second, some share the exact millisecond (the id breaks those ties).
      // Spread over a year too, so a newest-first search on Postgres widens its time window page by page.
      const daysBack = ((Math.floor(i / 2) * 37) % 13) * 30;
      now =
        Date.parse('2026-11-20T02:00:00.000Z') - daysBack * 86_400_000 + ((i * 7) % 4) * 1000 + (i % 3) * 10;
      await buildFeedback(t, admin, {
        description,
        departmentId: i % 2 === 0 ? agent.departmentId : other.departmentId,
        ...(i % 5 === 0 ? { assigneeId: agent.userId } : {}),
      });
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  async function allPages(
    q: string,
    scope: VisibilityScope,
    sort: FeedbackSortKey,
    plan: TextMatchPlan | 'list-ordered',
  ): Promise<string[]> {
    const { db, dialect } = t.ctx.database;
    const filter: FeedbackFilter =
      plan === 'list-ordered'
        ? { listOrderedMatch: dialect.listOrderedMatch(q) ?? '' }
        : { text: (await dialect.feedbackTextMatch(db, q, plan)) ?? false };
    const seen: string[] = [];
    let after: { value: string | null; id: string } | null = null;
    for (let page = 0; page < 20; page++) {
      const rows = await searchFeedback(db, { scope, filter, sort, after, limit: 2 });
      seen.push(...rows.map((r) => r.id));
      const last = rows.at(-1);
      if (rows.length < 2 || !last) break;
      after = { value: sort === 'created' ? last.created_at : last.resolution_due_at, id: last.id };
    }
    return seen;
  }

  for (const q of ['退款', 'refund', 'delayed refund', '物流']) {
    it(`finds the same items for "${q}" with either plan, for every scope and sort`, async () => {
      for (const scope of [{ kind: 'all' } as const, scoped]) {
        for (const sort of ['created', 'due'] as const) {
          const fromHits = await allPages(q, scope, sort, { frequentFrom: 1_000_000 });
          const byProbe = await allPages(q, scope, sort, { frequentFrom: 1 });
          expect(fromHits.length).toBeGreaterThan(0);
          expect(byProbe).toEqual(fromHits);
          if (sort === 'created' && t.ctx.database.kind === 'sqlite')
            expect(await allPages(q, scope, sort, 'list-ordered')).toEqual(fromHits);
        }
      }
    });
  }

  it('counts a term as frequent by its number of matching documents', async () => {
    const { db, dialect } = t.ctx.database;
    const all = await searchFeedback(db, {
      scope: { kind: 'all' },
      filter: { text: (await dialect.feedbackTextMatch(db, '退款', { frequentFrom: 1 })) ?? false },
      sort: 'created',
      after: null,
      limit: 100,
    });
    expect(all.map((r) => r.description).sort()).toEqual(texts.filter((d) => d.includes('退款')).sort());
    const keys = all.map((r) => `${r.created_at} ${r.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(await dialect.feedbackTextMatch(db, '不存在的词语', { frequentFrom: 1 })).not.toBeNull();
  });
});

describe('SQLite: full-text rowids follow the list order', () => {
  let t: TestApp;
  let now = Date.parse('2026-11-21T08:00:00.000Z');

  beforeAll(async () => {
    t = await createTestApp({ clock: () => new Date(now) });
  });

  afterAll(async () => {
    await t?.close();
  });

  async function rowidOrderMatchesListOrder(): Promise<void> {
    const rows = await sql<{ id: string; created_at: string; search_rowid: number }>`
      select id, created_at, search_rowid from feedback where search_rowid is not null`.execute(
      t.ctx.database.db,
    );
    const byRowid = [...rows.rows].sort((a, b) => a.search_rowid - b.search_rowid).map((r) => r.id);
    const byList = [...rows.rows]
      .sort((a, b) =>
        a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : 1,
      )
      .map((r) => r.id);
    expect(byRowid).toEqual(byList);
  }

  it('keeps list order when items of one second arrive newest first, respacing when a gap runs out', async () => {
    if (t.ctx.database.kind !== 'sqlite') return;
    const admin = (await actorHeaders(t, { role: 'admin', via: 'api_key' })).headers;
    // 90 items of one second, each earlier than the last: the gaps below the first run out.
    for (let i = 0; i < 90; i++) {
      now = Date.parse('2026-11-21T08:00:00.999Z') - i * 10;
      await buildFeedback(t, admin, { description: `退款 第${i}单` });
    }
    await rowidOrderMatchesListOrder();
    const listed = await call<{ data: { id: string }[] }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback?q=${encodeURIComponent('退款')}&limit=100`,
      headers: admin,
    });
    expect(listed.body.data).toHaveLength(90);
  });

  it('renumbers data indexed in arrival order into list order', async () => {
    if (t.ctx.database.kind !== 'sqlite') return;
    const { db } = t.ctx.database;
    // Scramble: rowids in reverse list order, as data indexed before this scheme could have them.
    const rows = await sql<{ id: string; search_rowid: number }>`
      select id, search_rowid from feedback where search_rowid is not null order by search_rowid`.execute(db);
    await db.transaction().execute(async (trx) => {
      for (const [k, row] of rows.rows.entries()) {
        await sql`update feedback_fts set rowid = ${BigInt(-(k + 1))} where rowid = ${BigInt(row.search_rowid)}`.execute(
          trx,
        );
        await sql`update feedback set search_rowid = ${BigInt(-(k + 1))} where id = ${row.id}`.execute(trx);
      }
      await renumberSearchRowids(trx);
    });
    await rowidOrderMatchesListOrder();
    const hits = await sql<{
      n: number;
    }>`select count(*) as n from feedback_fts where feedback_fts match '"退款"'`.execute(db);
    expect(Number(hits.rows[0]?.n)).toBe(90);
  });
});
