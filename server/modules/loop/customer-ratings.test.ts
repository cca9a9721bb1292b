import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerRating } from '../../../shared/contracts/customer-ratings.js';
import type { FeedbackItem } from '../../../shared/contracts/feedback.js';
import { actorHeaders } from '../../../test/support/actors.js';
import { buildFeedback, CLOSURE, transition } from '../../../test/support/feedback.js';
import { call, createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { getFeedbackOrThrow } from '../feedback/index.js';
import { rateResolution } from './commands/rate-resolution.js';

describe('GET /api/v1/customers/:id/ratings — the customer panel’s satisfaction history', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  let afterSales: { headers: Record<string, string>; departmentId: string | null };
  let techAgent: { headers: Record<string, string>; departmentId: string | null };

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await actorHeaders(t, { role: 'admin', via: 'api_key' })).headers;
    afterSales = await actorHeaders(t, { role: 'agent', departmentCode: 'after_sales', via: 'api_key' });
    techAgent = await actorHeaders(t, { role: 'agent', departmentCode: 'tech_support', via: 'api_key' });
  });
  afterAll(async () => t?.close());

  async function resolvedAndRated(customer: Record<string, string>, departmentId: string, score: number) {
    const item: FeedbackItem = await buildFeedback(t, admin, { customer });
    const assigned = await call(t.app, {
      method: 'POST',
      url: `/api/v1/feedback/${item.id}/assign`,
      headers: admin,
      payload: { departmentId, reason: 'test' },
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    const resolved = await transition(t, admin, item.id, { to: 'resolved', closure: CLOSURE });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const row = await getFeedbackOrThrow(t.ctx.database.db, item.id);
    await rateResolution(t.ctx.database, {
      item: row,
      score,
      comment: score < 3 ? '问题没有解决' : '满意',
      at: new Date().toISOString(),
      ip: null,
    });
    return item;
  }

  it('lists the ratings of the items the caller sees, newest first, with their mean', async () => {
    const customer = { name: '赵敏', email: 'zhao.min@example.com' };
    const first = await resolvedAndRated(customer, afterSales.departmentId!, 2);
    const second = await resolvedAndRated(customer, afterSales.departmentId!, 5);
    const elsewhere = await resolvedAndRated(customer, techAgent.departmentId!, 4);
    const customerId = first.customer?.id;
    expect(customerId).toBeTruthy();

    const all = await call<{ data: CustomerRating[]; average: number | null }>(t.app, {
      method: 'GET',
      url: `/api/v1/customers/${customerId}/ratings`,
      headers: admin,
    });
    expect(all.status).toBe(200);
    expect(all.body.data.map((r) => [r.number, r.score, r.outcome])).toEqual([
      [elsewhere.number, 4, 'closed'],
      [second.number, 5, 'closed'],
      [first.number, 2, 'reopened'],
    ]);
    expect(all.body.data[2]?.comment).toBe('问题没有解决');
    expect(all.body.average).toBe(3.67);

    // The after-sales agent sees only their department's items' ratings.
    const scoped = await call<{ data: CustomerRating[]; average: number | null }>(t.app, {
      method: 'GET',
      url: `/api/v1/customers/${customerId}/ratings`,
      headers: afterSales.headers,
    });
    expect(scoped.body.data.map((r) => r.number)).toEqual([second.number, first.number]);
    expect(scoped.body.average).toBe(3.5);
  });

  it('answers an empty list for a customer without ratings, 401 without a login', async () => {
    const item = await buildFeedback(t, admin, { customer: { name: 'Li Lei', email: 'li.lei@example.com' } });
    const none = await call<{ data: CustomerRating[]; average: number | null }>(t.app, {
      method: 'GET',
      url: `/api/v1/customers/${item.customer?.id}/ratings`,
      headers: admin,
    });
    expect(none.body).toEqual({ data: [], average: null });
    const anonymous = await call(t.app, {
      method: 'GET',
      url: `/api/v1/customers/${item.customer?.id}/ratings`,
    });
    expect(anonymous.status).toBe(401);
  });
});
