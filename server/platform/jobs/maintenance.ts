import type { DatabaseHandle } from '../db/database.js';

const DAY_MS = 86_400_000;

/** Deletes platform rows nobody needs any more: finished jobs, dispatched events, stale idempotency keys. */
export async function purgePlatformTables(
  database: DatabaseHandle,
  now: Date,
  retention = { jobsDays: 7, outboxDays: 7, idempotencyHours: 24 },
): Promise<{ jobs: number; outbox: number; idempotencyKeys: number }> {
  const { db } = database;
  const jobs = await db
    .deleteFrom('jobs')
    .where('status', '=', 'done')
    .where('updated_at', '<', new Date(now.getTime() - retention.jobsDays * DAY_MS).toISOString())
    .executeTakeFirst();
  const outbox = await db
    .deleteFrom('outbox')
    .where('dispatched_at', 'is not', null)
    .where('dispatched_at', '<', new Date(now.getTime() - retention.outboxDays * DAY_MS).toISOString())
    .executeTakeFirst();
  const keys = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', new Date(now.getTime() - retention.idempotencyHours * 3_600_000).toISOString())
    .executeTakeFirst();
  return {
    jobs: Number(jobs.numDeletedRows),
    outbox: Number(outbox.numDeletedRows),
    idempotencyKeys: Number(keys.numDeletedRows),
  };
}
