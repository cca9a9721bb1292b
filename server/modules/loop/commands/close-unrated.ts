import type { DatabaseHandle } from '../../../platform/db/database.js';
import { changeStatus, findResolvedBefore, lockFeedback } from '../../feedback/index.js';
import { CUSTOMER_ACTOR } from './rate-resolution.js';

const BATCH = 200;

/**
 * Job `loop.close-unrated` (hourly): an item the customer neither confirmed nor rated within the confirmation
 * period is closed "without rating". Each item in its own transaction, re-checked under its row lock, so a
 * rating arriving meanwhile wins; running it twice closes nothing twice.
 */
export async function closeUnrated(
  database: DatabaseHandle,
  options: { now: Date; confirmDays: number },
): Promise<number> {
  const cutoff = new Date(options.now.getTime() - options.confirmDays * 86_400_000).toISOString();
  const at = options.now.toISOString();
  let closed = 0;
  for (;;) {
    const due = await findResolvedBefore(database.db, cutoff, BATCH);
    for (const { id } of due) {
      const done = await database.write(async (trx) => {
        const item = await lockFeedback({ trx }, id);
        if (item.status !== 'resolved' || !item.resolved_at || item.resolved_at > cutoff) return false;
        await changeStatus({
          trx,
          actor: { ...CUSTOMER_ACTOR, name: 'system' },
          at,
          feedbackId: id,
          to: 'closed',
          reason: `${options.confirmDays} 天内未确认，无评价自动闭环 · Closed without rating after ${options.confirmDays} days`,
        });
        return true;
      });
      if (done) closed++;
    }
    if (due.length < BATCH) return closed;
  }
}
