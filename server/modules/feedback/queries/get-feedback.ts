import type { DbOrTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import {
  type FeedbackRecord,
  feedbackStatsForCustomer,
  findFeedbackRecord,
  findFeedbackRecords,
} from '../feedback.repository.js';

/** The item with its tags and shares, or 404 feedback_not_found. Authorize before showing or changing it. */
export async function getFeedbackOrThrow(db: DbOrTrx, id: string): Promise<FeedbackRecord> {
  const record = await findFeedbackRecord(db, id);
  if (!record) throw new AppError('feedback_not_found');
  return record;
}

/** Many items by id (unknown ids are left out), in the order of `ids`. */
export function getFeedbackRecords(db: DbOrTrx, ids: string[]): Promise<FeedbackRecord[]> {
  return findFeedbackRecords(db, ids);
}

/** How many items (merged duplicates excluded) a customer has sent, and when the latest arrived. */
export function customerFeedbackStats(
  db: DbOrTrx,
  customerId: string,
): Promise<{ count: number; lastFeedbackAt: string | null }> {
  return feedbackStatsForCustomer(db, customerId);
}
