import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TagNode } from '../../../shared/contracts/feedback.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}
type TagBody = { data: { path: string; name: string; labelEn: string | null } } & ErrorBody;

describe('tag tree administration', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let agent: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await actorHeaders(t, { role: 'admin' })).headers;
    agent = (await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales' })).headers;
  });
  afterAll(async () => t.close());

  const q = (path: string) => `/api/v1/tags?path=${encodeURIComponent(path)}`;
  const tree = async () =>
    (await call<{ data: TagNode[] }>(t.app, { method: 'GET', url: '/api/v1/tags', headers: agent })).body
      .data;
  const find = (nodes: TagNode[], path: string): TagNode | undefined => {
    for (const n of nodes) {
      if (n.path === path) return n;
      const hit = find(n.children, path);
      if (hit) return hit;
    }
    return undefined;
  };

  it('changes a tag’s Chinese name and English label; its path (what items store) stays', async () => {
    const item = await buildFeedback(t, admin, { tags: ['会员/积分'] });
    const res = await call<TagBody>(t.app, {
      method: 'PATCH',
      url: q('会员/积分'),
      headers: admin,
      payload: { name: '积分问题', labelEn: 'Points' },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ path: '会员/积分', name: '积分问题', labelEn: 'Points' });
    expect(find(await tree(), '会员/积分')).toMatchObject({ name: '积分问题', labelEn: 'Points' });
    const after = await call<{ data: { tags: string[] } }>(t.app, {
      method: 'GET',
      url: `/api/v1/feedback/${item.id}`,
      headers: admin,
    });
    expect(after.body.data.tags).toEqual(['会员/积分']);
    // creating the same path again keeps the edited name
    await call(t.app, {
      method: 'POST',
      url: '/api/v1/tags',
      headers: admin,
      payload: { path: '会员/积分' },
    });
    expect(find(await tree(), '会员/积分')?.name).toBe('积分问题');

    const cleared = await call<TagBody>(t.app, {
      method: 'PATCH',
      url: q('会员/积分'),
      headers: admin,
      payload: { labelEn: null },
    });
    expect(cleared.body.data.labelEn).toBeNull();
    expect(
      (await call(t.app, { method: 'PATCH', url: q('会员/积分'), headers: admin, payload: {} })).status,
    ).toBe(400);
    expect(
      (await call(t.app, { method: 'PATCH', url: q('会员/积分'), headers: agent, payload: { name: 'x' } }))
        .status,
    ).toBe(403);
    const missing = await call<ErrorBody>(t.app, {
      method: 'PATCH',
      url: q('没有/这个'),
      headers: { ...admin, 'accept-language': 'zh-CN' },
      payload: { name: 'x' },
    });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: 'tag_not_found', message: '未找到该标签。' });
  });

  it('removes only an unused leaf tag: 409 tag_in_use with the count, 409 tag_has_children; audited', async () => {
    await buildFeedback(t, admin, { tags: ['渠道/网点'] });
    await buildFeedback(t, admin, { tags: ['渠道/网点', '渠道/电话'] });
    await call(t.app, {
      method: 'POST',
      url: '/api/v1/tags',
      headers: admin,
      payload: { path: '渠道/网点/排队' },
    });

    const parent = await call<ErrorBody>(t.app, { method: 'DELETE', url: q('渠道'), headers: admin });
    expect(parent.status).toBe(409);
    expect(parent.body.error.code).toBe('tag_has_children');

    const leaf = await call<ErrorBody>(t.app, { method: 'DELETE', url: q('渠道/电话'), headers: admin });
    expect(leaf.status).toBe(409);
    expect(leaf.body.error).toMatchObject({
      code: 'tag_in_use',
      message: 'The tag is used by 1 tickets and cannot be deleted.',
      details: { count: 1 },
    });
    const zh = await call<ErrorBody>(t.app, {
      method: 'DELETE',
      url: q('渠道/网点/排队'),
      headers: { ...agent },
    });
    expect(zh.status).toBe(403);

    const unused = await call(t.app, { method: 'DELETE', url: q('渠道/网点/排队'), headers: admin });
    expect(unused.status).toBe(204);
    expect(find(await tree(), '渠道/网点/排队')).toBeUndefined();
    const busy = await call<ErrorBody>(t.app, {
      method: 'DELETE',
      url: q('渠道/网点'),
      headers: { ...admin, 'accept-language': 'zh-CN' },
    });
    expect(busy.status).toBe(409);
    expect(busy.body.error.message).toBe('该标签正被 2 个工单使用，无法删除。');

    const audit = await t.ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity_type', '=', 'tag')
      .where('action', 'in', ['tag.deleted', 'tag.updated'])
      .orderBy('created_at')
      .execute();
    expect(audit.filter((a) => a.action === 'tag.deleted')).toEqual([
      { action: 'tag.deleted', entity_id: '渠道/网点/排队' },
    ]);
    expect(audit.filter((a) => a.action === 'tag.updated').length).toBeGreaterThanOrEqual(2);
  });

  it('documents PATCH and DELETE /tags in the OpenAPI document', async () => {
    const doc = await call<{ paths: Record<string, Record<string, { parameters?: { name: string }[] }>> }>(
      t.app,
      { method: 'GET', url: '/api/openapi.json' },
    );
    const tags = doc.body.paths['/api/v1/tags'] ?? {};
    expect(Object.keys(tags).sort()).toEqual(['delete', 'get', 'patch', 'post']);
    expect(tags.delete?.parameters?.map((p) => p.name)).toEqual(['path']);
  });
});
