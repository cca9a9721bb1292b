import type { DbOrTrx } from '../../../platform/db/database.js';

/** Items resolved at or before the cutoff and still waiting for the customer's confirmation, oldest first. */
export function findResolvedBefore(
  db: DbOrTrx,
  cutoff: string,
  limit: number,
): Promise<{ id: string; resolved_at: string | null }[]> {
  return db
    .selectFrom('feedback')
    .select(['id', 'resolved_at'])
    .where('status', '=', 'resolved')
    .where('resolved_at', '<=', cutoff)
    .orderBy('resolved_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}
