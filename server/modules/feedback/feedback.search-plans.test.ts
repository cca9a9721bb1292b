import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback } from '../../../test/support/feedback.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { TextMatchPlan } from '../../platform/db/dialect/index.js';
import type { VisibilityScope } from './feedback.policy.js';
import { type FeedbackSortKey, searchFeedback } from './search.repository.js';

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
      // Several items share a creation time so the id breaks ties in the keyset.
      now = Date.parse('2026-11-20T02:00:00.000Z') + Math.floor(i / 3) * 60_000;
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
    plan: TextMatchPlan,
  ): Promise<string[]> {
    const { db, dialect } = t.ctx.database;
    const text = (await dialect.feedbackTextMatch(db, q, plan)) ?? false;
    const seen: string[] = [];
    let after: { value: string | null; id: string } | null = null;
    for (let page = 0; page < 20; page++) {
      const rows = await searchFeedback(db, { scope, filter: { text }, sort, after, limit: 2 });
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
    expect(all.map((r) => r.description)).toEqual(texts.filter((d) => d.includes('退款')).reverse());
    expect(await dialect.feedbackTextMatch(db, '不存在的词语', { frequentFrom: 1 })).not.toBeNull();
  });
});
