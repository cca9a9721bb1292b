import type { DomainEvent } from '../../server/platform/events/outbox.js';
import type { TestApp } from './test-app.js';

/**
 * The newest recorded domain event of a type (of one aggregate, when given), as subscribers receive it — for
 * tests that deliver an event to a job again (at-least-once delivery).
 */
export async function latestEvent(t: TestApp, type: string, aggregateId?: string): Promise<DomainEvent> {
  let query = t.ctx.database.db.selectFrom('outbox').selectAll().where('type', '=', type);
  if (aggregateId) query = query.where('aggregate_id', '=', aggregateId);
  const row = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();
  const payload: unknown = typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload;
  return {
    id: row.id,
    type: row.type,
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    payload: payload as Record<string, unknown>,
    createdAt: row.created_at,
  };
}
