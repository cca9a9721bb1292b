import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackItem } from '../../../shared/contracts/feedback.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';

describe('GET /api/v1/feedback?customerTier=vip — the inbox VIP view', () => {
  let t: TestApp;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await actorHeaders(t, { role: 'admin', via: 'api_key' })).headers;
  });
  afterAll(async () => t?.close());

  it('lists only the items of customers of the tier, and refuses an unknown tier', async () => {
    const vip = await buildFeedback(t, admin, { customer: { name: '钱总', email: 'qian@example.com' } });
    const regular = await buildFeedback(t, admin, { customer: { name: '孙先生', email: 'sun@example.com' } });
    const anonymous = await buildFeedback(t, admin);
    const patched = await call(t.app, {
      method: 'PATCH',
      url: `/api/v1/customers/${vip.customer?.id}`,
      headers: admin,
      payload: { tier: 'vip' },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);

    const list = async (query: string) =>
      call<{ data: FeedbackItem[]; error: { code: string } }>(t.app, {
        method: 'GET',
        url: `/api/v1/feedback?${query}`,
        headers: admin,
      });
    const vips = await list('customerTier=vip');
    expect(vips.status).toBe(200);
    expect(vips.body.data.map((i) => i.id)).toEqual([vip.id]);
    const normal = (await list('customerTier=normal')).body.data.map((i) => i.id);
    expect(normal).toContain(regular.id);
    expect(normal).not.toContain(vip.id);
    expect(normal).not.toContain(anonymous.id);
    const both = (await list('customerTier=vip,normal&sort=due')).body.data.map((i) => i.id);
    expect(both).toEqual(expect.arrayContaining([vip.id, regular.id]));
    const bad = await list('customerTier=gold');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });
});
