import type { CustomerRating } from '../../../../shared/contracts/customer-ratings.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { type VisibilityScope, visibleTo } from '../../feedback/index.js';

/** A customer's newest ratings of resolutions, of the items the scope may see. */
export async function listCustomerRatings(
  db: DbOrTrx,
  options: { customerId: string; scope: VisibilityScope; limit: number },
): Promise<CustomerRating[]> {
  const rows = await db
    .selectFrom('feedback_ratings as r')
    .innerJoin('feedback', 'feedback.id', 'r.feedback_id')
    .where('feedback.customer_id', '=', options.customerId)
    .where((eb) => visibleTo(eb, options.scope))
    .select([
      'r.feedback_id',
      'feedback.number',
      'feedback.subject',
      'r.score',
      'r.comment',
      'r.outcome',
      'r.created_at',
    ])
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map((r) => ({
    feedbackId: r.feedback_id,
    number: r.number,
    subject: r.subject,
    score: Number(r.score),
    comment: r.comment,
    outcome: r.outcome,
    ratedAt: r.created_at,
  }));
}
