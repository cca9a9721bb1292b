import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackItem } from '../../../shared/contracts/feedback.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { MIGRATIONS } from '../../platform/db/migrations/index.js';

describe('tag subtree filter (feedback_tag_paths)', () => {
  let t: TestApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await actorHeaders(t, { role: 'admin', via: 'api_key' })).headers;
  });
  afterAll(async () => t.close());

  const paths = async (id: string) =>
    (
      await t.ctx.database.db
        .selectFrom('feedback_tag_paths')
        .select('path')
        .where('feedback_id', '=', id)
        .orderBy('path')
        .execute()
    ).map((r) => r.path);
  const list = (query: string) =>
    call<{ data: FeedbackItem[]; nextCursor: string | null }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback?${query}`,
      headers: admin,
    });

  it('files each item under its tags and their ancestors, kept up to date by set-tags and merge', async () => {
    const a = await buildFeedback(t, admin, { tags: ['物流/配送/延迟', '物流/包装'] });
    expect(await paths(a.id)).toEqual(['物流', '物流/包装', '物流/配送', '物流/配送/延迟']);
    await call(t.app, {
      method: 'PUT',
      url: `/api/v1/feedback/${a.id}/tags`,
      headers: admin,
      payload: { tags: ['物流/包装', '产品'] },
    });
    expect(await paths(a.id)).toEqual(['产品', '物流', '物流/包装']);

    const b = await buildFeedback(t, admin, { tags: ['服务/态度'] });
    await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${a.id}/merge`,
      headers: admin,
      payload: { targetId: b.id },
    });
    expect(await paths(a.id)).toEqual([]);
    expect(await paths(b.id)).toEqual(['产品', '服务', '服务/态度', '物流', '物流/包装']);
    expect((await list(`tag=${encodeURIComponent('物流')}`)).body.data.map((i) => i.id)).toEqual([b.id]);
    expect((await list(`tag=${encodeURIComponent('物流/配送')}`)).body.data).toEqual([]);
  });

  it('pages through a tag subtree newest first, with other filters, without gaps', async () => {
    const made: FeedbackItem[] = [];
    for (let i = 0; i < 7; i++)
      made.push(
        await buildFeedback(t, admin, {
          tags: [i % 2 === 0 ? '渠道/网点/排队' : '渠道/电话'],
          priority: i % 3 === 0 ? 'high' : 'normal',
        }),
      );
    const expected = [...made].reverse().map((i) => i.id);
    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await list(
          `tag=${encodeURIComponent('渠道')}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        seen.push(...res.body.data.map((i) => i.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
    }
    const high = (await list(`tag=${encodeURIComponent('渠道')}&priority=high`)).body.data.map((i) => i.id);
    expect(high).toEqual(expected.filter((id) => made.find((m) => m.id === id)?.priority === 'high'));
    const due = (await list(`tag=${encodeURIComponent('渠道/网点')}&sort=due`)).body.data.map((i) => i.id);
    expect(due.sort()).toEqual(
      made
        .filter((_, i) => i % 2 === 0)
        .map((m) => m.id)
        .sort(),
    );
  });

  it('is backfilled from existing tags by its migration', async () => {
    const database = await createTestDatabase();
    const handle = database.open();
    try {
      const migrator = new Migrator({
        db: handle.db,
        provider: { getMigrations: async () => MIGRATIONS },
        migrationTableName: 'schema_migrations',
        migrationLockTableName: 'schema_migrations_lock',
      });
      const names = Object.keys(MIGRATIONS);
      const before = names[names.indexOf('2026-11-23-0004-feedback-list-indexes') - 1]!;
      expect((await migrator.migrateTo(before)).error).toBeUndefined();
      const at = '2026-11-23T00:00:00.000Z';
      const id = '018f0000-0000-7000-8000-0000000000aa';
      await handle.db
        .insertInto('feedback')
        .values({
          id,
          number: 'FB-20261123-000001',
          channel: 'email',
          source: null,
          source_id: null,
          customer_id: null,
          subject: null,
          description: 'old item',
          nature: null,
          business_area: null,
          product: null,
          branch: null,
          region: null,
          status: 'received',
          priority: 'normal',
          language: null,
          sentiment_label: null,
          sentiment_score: null,
          department_id: null,
          assignee_id: null,
          custom_fields: '{}',
          occurred_at: null,
          first_response_due_at: null,
          resolution_due_at: null,
          first_responded_at: null,
          resolved_at: null,
          closed_at: null,
          merged_into_id: null,
          created_by_type: 'system',
          created_by_id: null,
          created_at: at,
          updated_at: at,
          version: 1,
        })
        .execute();
      await handle.db
        .insertInto('feedback_tags')
        .values([
          { feedback_id: id, tag: '服务/排队时间', created_at: at },
          { feedback_id: id, tag: '服务/态度', created_at: at },
        ])
        .execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const rows = await handle.db
        .selectFrom('feedback_tag_paths')
        .select(['path', 'created_at'])
        .where('feedback_id', '=', id)
        .orderBy('path')
        .execute();
      expect(rows).toEqual([
        { path: '服务', created_at: at },
        { path: '服务/态度', created_at: at },
        { path: '服务/排队时间', created_at: at },
      ]);
    } finally {
      await handle.close();
      await database.drop();
    }
  });
});
