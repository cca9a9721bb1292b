import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackEvent, FeedbackItem, FeedbackLink } from '../../../../shared/contracts/feedback.js';
import { actorHeaders } from '../../../../test/support/actors.js';
import { buildFeedback, CLOSURE, transition } from '../../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../../test/support/test-app.js';
import { detectDuplicates } from '../commands/detect-duplicates.js';

const COMPLAINT = '我的信用卡还款已经三天了还没到账，客服电话一直打不通，请尽快处理';
const SIMILAR = '信用卡还款三天了还是没有到账，客服电话也打不通，到底怎么回事';
const OTHER = '网点排队时间太长，大堂经理服务态度也不好';

interface ErrorBody {
  error: { code: string; message: string };
}

describe('related items and duplicate detection', () => {
  let t: TestApp;
  let agent: Record<string, string>;
  let phoneSeq = 0;

  const newPhone = () => `1390000${String(++phoneSeq).padStart(4, '0')}`;

  function create(description: string, phone: string) {
    return buildFeedback(t, agent, { description, customer: { phone } });
  }
  async function item(id: string, headers = agent) {
    const res = await call<{ data: FeedbackItem }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${id}`,
      headers,
    });
    return res.body.data;
  }
  function links(id: string, headers = agent) {
    return call<{ data: FeedbackLink[] } & ErrorBody>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${id}/links`,
      headers,
    });
  }
  async function historyTypes(id: string): Promise<string[]> {
    const res = await call<{ data: FeedbackEvent[] }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${id}/events?limit=100`,
      headers: agent,
    });
    return res.body.data.map((e) => e.type);
  }
  async function count(table: 'feedback_links' | 'feedback_events' | 'outbox'): Promise<number> {
    const row = await t.ctx.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeAll(async () => {
    t = await createTestApp();
    agent = (await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' })).headers;
  });
  afterAll(async () => t.close());

  it('flags a similar complaint from the same customer as a possible duplicate, both ways, once', async () => {
    const phone = newPhone();
    const first = await create(COMPLAINT, phone);
    const second = await create(SIMILAR, phone);
    await t.drainJobs();

    const a = await item(first.id);
    const b = await item(second.id);
    expect(b.possibleDuplicateOf).toEqual([first.id]);
    expect(a.possibleDuplicateOf).toEqual([second.id]);
    expect(b.links).toEqual([
      {
        relatedId: first.id,
        relatedNumber: first.number,
        kind: 'possible_duplicate',
        score: expect.any(Number),
      },
    ]);
    const score = b.links[0]!.score!;
    expect(score).toBeGreaterThanOrEqual(t.ctx.config.duplicates.threshold);

    const zh = await links(second.id, { ...agent, 'accept-language': 'zh-CN' });
    expect(zh.body.data).toHaveLength(1);
    expect(zh.body.data[0]).toMatchObject({
      relatedId: first.id,
      kind: 'possible_duplicate',
      relatedStatus: 'received',
    });
    expect(zh.body.data[0]!.reason).toContain(`与工单 ${first.number} 内容相似`);
    const en = await links(first.id, { ...agent, 'accept-language': 'en' });
    expect(en.body.data[0]!.reason).toContain(`Similar to ${second.number}`);
    expect(await historyTypes(first.id)).toContain('duplicate_flagged');
    expect(await historyTypes(second.id)).toContain('duplicate_flagged');
    const events = await t.ctx.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('type', '=', 'feedback.linked')
      .where('aggregate_id', '=', second.id)
      .execute();
    expect(events).toHaveLength(1);

    // A redelivered job changes nothing.
    const before = await Promise.all([count('feedback_links'), count('feedback_events'), count('outbox')]);
    const again = await detectDuplicates(t.ctx.database, {
      feedbackId: second.id,
      at: t.ctx.clock().toISOString(),
      windowDays: 30,
      threshold: t.ctx.config.duplicates.threshold,
    });
    expect(again).toEqual([]);
    expect(await Promise.all([count('feedback_links'), count('feedback_events'), count('outbox')])).toEqual(
      before,
    );
  });

  it('does not flag another customer, a dissimilar text, or an item that is no longer open', async () => {
    const phone = newPhone();
    const open = await create(OTHER, phone);
    const resolved = await create(COMPLAINT, phone);
    expect((await transition(t, agent, resolved.id, { to: 'resolved', closure: CLOSURE })).status).toBe(200);
    const otherCustomer = await create(COMPLAINT, newPhone());
    await t.drainJobs();
    const later = await create(SIMILAR, phone);
    await t.drainJobs();
    for (const id of [open.id, resolved.id, otherCustomer.id, later.id]) {
      const view = await item(id);
      expect(view.possibleDuplicateOf).toEqual([]);
      expect(view.links).toEqual([]);
    }
  });

  it('dismisses a flag for good; links and unlinks related items by hand', async () => {
    const phone = newPhone();
    const first = await create(COMPLAINT, phone);
    const second = await create(SIMILAR, phone);
    await t.drainJobs();
    expect((await item(second.id)).possibleDuplicateOf).toEqual([first.id]);

    const dismissed = await call<{ data: FeedbackLink[] }>(t.app, {
      method: 'DELETE',
      url: `/api/v1/feedback/${second.id}/links/${first.id}`,
      headers: agent,
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.data).toEqual([]);
    expect((await item(first.id)).links).toEqual([]);
    expect(await historyTypes(first.id)).toContain('duplicate_dismissed');
    // Detection does not come back on a dismissed flag.
    await detectDuplicates(t.ctx.database, {
      feedbackId: second.id,
      at: t.ctx.clock().toISOString(),
      windowDays: 30,
      threshold: 0.1,
    });
    expect((await item(second.id)).links).toEqual([]);

    const post = (id: string, relatedId: string, headers = agent) =>
      call<{ data: FeedbackLink[] } & ErrorBody>(t.app, {
        method: 'POST',
        url: `/api/v1/feedback/${id}/links`,
        headers,
        payload: { relatedId, kind: 'related' },
      });
    const linked = await post(first.id, second.id);
    expect(linked.status).toBe(201);
    expect(linked.body.data.map((l) => [l.relatedId, l.kind, l.score])).toEqual([
      [second.id, 'related', null],
    ]);
    expect((await item(second.id)).links.map((l) => [l.relatedId, l.kind])).toEqual([[first.id, 'related']]);
    expect((await post(first.id, second.id)).status).toBe(200);
    expect((await post(first.id, first.id)).body.error.code).toBe('feedback_link_self');
    expect(
      (
        await call(t.app, {
          method: 'POST',
          url: `/api/v1/feedback/${first.id}/links`,
          headers: agent,
          payload: { relatedId: second.id, kind: 'possible_duplicate' },
        })
      ).status,
    ).toBe(400);
    expect(await historyTypes(second.id)).toContain('linked');

    const unlink = () =>
      call<ErrorBody>(t.app, {
        method: 'DELETE',
        url: `/api/v1/feedback/${second.id}/links/${first.id}`,
        headers: agent,
      });
    expect((await unlink()).status).toBe(200);
    const missing = await unlink();
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('feedback_link_not_found');
  });

  it('merging the duplicate settles the flag', async () => {
    const phone = newPhone();
    const first = await create(COMPLAINT, phone);
    const second = await create(SIMILAR, phone);
    await t.drainJobs();
    expect((await item(first.id)).possibleDuplicateOf).toEqual([second.id]);
    const merged = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${second.id}/merge`,
      headers: agent,
      payload: { targetId: first.id },
    });
    expect(merged.status).toBe(200);
    const target = await item(first.id);
    expect(target.possibleDuplicateOf).toEqual([]);
    expect(target.links).toEqual([]);
  });

  it('follows the visibility of both items', async () => {
    const phone = newPhone();
    const mine = await create(COMPLAINT, phone);
    const outsider = await actorHeaders(t, { role: 'agent', departmentCode: 'tech_support' });
    const theirs = await buildFeedback(t, outsider.headers, { description: OTHER });
    const analyst = await actorHeaders(t, { role: 'analyst' });

    expect((await links(mine.id, outsider.headers)).status).toBe(404);
    const cross = await call<ErrorBody>(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${mine.id}/links`,
      headers: agent,
      payload: { relatedId: theirs.id, kind: 'related' },
    });
    expect(cross.status).toBe(404);
    expect(cross.body.error.code).toBe('feedback_not_found');
    const readOnly = await call<ErrorBody>(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${mine.id}/links`,
      headers: analyst.headers,
      payload: { relatedId: theirs.id, kind: 'related' },
    });
    expect(readOnly.status).toBe(403);

    // A supervisor links them; each agent then sees only the link to what they may see.
    const supervisor = await actorHeaders(t, { role: 'supervisor' });
    const ok = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${mine.id}/links`,
      headers: supervisor.headers,
      payload: { relatedId: theirs.id, kind: 'related' },
    });
    expect(ok.status).toBe(201);
    expect((await links(mine.id, agent)).body.data).toEqual([]);
    expect((await links(mine.id, supervisor.headers)).body.data.map((l) => l.relatedId)).toEqual([theirs.id]);
  });
});
