import type { DatabaseHandle, DbOrTrx } from '../../../platform/db/database.js';
import type { JobHandler } from '../../../platform/jobs/queue.js';
import { customerFeedbackStats } from '../../feedback/index.js';
import * as repo from '../customers.repository.js';

/** Customer ids named by a feedback event (`customerId`, plus `customerIds` when an event names several). */
export function customerIdsOf(payload: Record<string, unknown>): string[] {
  const event = payload.event as { payload?: Record<string, unknown> } | undefined;
  const data = event?.payload ?? {};
  const ids = [data.customerId, ...(Array.isArray(data.customerIds) ? data.customerIds : [])];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id.length > 0))];
}

/** Recomputes (never increments) a customer's denormalised feedback count and last feedback time. */
export async function refreshCustomerStats(db: DbOrTrx, customerId: string): Promise<void> {
  const stats = await customerFeedbackStats(db, customerId);
  await repo.setFeedbackStats(db, customerId, { count: stats.count, lastFeedbackAt: stats.lastFeedbackAt });
}

/** Job `customers.refresh-stats`: payload `{ event: DomainEvent }` from feedback.created / feedback.merged. */
export function refreshStatsHandler(database: Pick<DatabaseHandle, 'write'>): JobHandler {
  return async (payload) => {
    await database.write(async (trx) => {
      for (const customerId of customerIdsOf(payload)) await refreshCustomerStats(trx, customerId);
    });
  };
}
