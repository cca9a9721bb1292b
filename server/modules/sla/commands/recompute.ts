import { SYSTEM_ACTOR } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import type { JobQueue } from '../../../platform/jobs/queue.js';
import { SLA_JOBS } from '../sla.events.js';
import { openClockItems } from '../sla.repository.js';
import { CalendarCache, syncItemClocks } from './sync-item.js';

const BATCH = 200;

/**
 * Job `sla.recompute`: after a calendar or policy change, recomputes the due times of every item whose
 * clocks still count (or are paused), one batch per job; each batch enqueues the next.
 */
export async function recomputeBatch(
  db: Db,
  queue: JobQueue,
  payload: { run: string; afterId: string | null },
  now: string,
): Promise<number> {
  const ids = await openClockItems(db, payload.afterId, BATCH);
  const calendars = new CalendarCache();
  for (const feedbackId of ids)
    await db
      .transaction()
      .execute((trx) =>
        syncItemClocks({ trx, actor: SYSTEM_ACTOR, at: now, feedbackId, reason: 'sla.recompute', calendars }),
      );
  const last = ids[ids.length - 1];
  if (ids.length === BATCH && last)
    await queue.enqueue(
      SLA_JOBS.recompute,
      { run: payload.run, afterId: last },
      { dedupeKey: `${SLA_JOBS.recompute}:${payload.run}:${last}` },
    );
  return ids.length;
}

/** Starts a recompute run (from the admin routes, after the change committed). */
export async function startRecompute(queue: JobQueue, run: string): Promise<void> {
  await queue.enqueue(
    SLA_JOBS.recompute,
    { run, afterId: null },
    { dedupeKey: `${SLA_JOBS.recompute}:${run}:` },
  );
}
