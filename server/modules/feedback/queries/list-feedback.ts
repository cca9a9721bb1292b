import type { ListFeedbackQuery } from '../../../../shared/contracts/feedback.js';
import { normalizeTagPath } from '../../../../shared/feedback/tags.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import type { DialectHelpers } from '../../../platform/db/dialect/index.js';
import { AppError } from '../../../platform/http/errors.js';
import { visibilityScope } from '../feedback.policy.js';
import type { FeedbackView } from '../feedback.presenter.js';
import { withTagsAndShares } from '../feedback.repository.js';
import { type FeedbackFilter, searchFeedback } from '../search.repository.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { loadFeedbackViews } from './feedback-views.js';

async function toFilter(
  db: DbOrTrx,
  actor: Actor,
  query: ListFeedbackQuery,
  dialect: DialectHelpers,
): Promise<FeedbackFilter> {
  const filter: FeedbackFilter = {};
  if (query.status) filter.statuses = query.status;
  if (query.priority) filter.priorities = query.priority;
  if (query.nature) filter.natures = query.nature;
  if (query.businessArea) filter.businessAreas = query.businessArea;
  if (query.channel) filter.channels = query.channel;
  if (query.departmentId) filter.departmentId = query.departmentId;
  if (query.customerId) filter.customerId = query.customerId;
  if (query.customerTier) filter.customerTiers = query.customerTier;
  if (query.assigneeId === 'unassigned' || query.unassigned === 'true') filter.assigneeId = null;
  else if (query.assigneeId === 'me') filter.assigneeId = actor.id ?? '00000000-0000-0000-0000-000000000000';
  else if (query.assigneeId) filter.assigneeId = query.assigneeId;
  if (query.tag) {
    const tag = normalizeTagPath(query.tag);
    if (tag) filter.tag = tag;
  }
  // Stored timestamps are UTC ISO strings, so bounds are normalised the same way to compare as text on SQLite.
  if (query.createdFrom) filter.createdFrom = new Date(query.createdFrom).toISOString();
  if (query.createdTo) filter.createdTo = new Date(query.createdTo).toISOString();
  if (query.q) {
    const listOrdered = query.sort === 'created' ? dialect.listOrderedMatch(query.q) : null;
    if (listOrdered !== null) filter.listOrderedMatch = listOrdered;
    else filter.text = (await dialect.feedbackTextMatch(db, query.q)) ?? false;
  }
  return filter;
}

/**
 * One page of the items the actor may see (scope applied in SQL), filtered and in keyset order.
 * `nextCursor` is null on the last page.
 */
export async function listFeedback(
  db: DbOrTrx,
  options: { actor: Actor; query: ListFeedbackQuery; dialect: DialectHelpers },
): Promise<{ items: FeedbackView[]; nextCursor: string | null }> {
  const { actor, query, dialect } = options;
  const sort = query.sort;
  const after = query.cursor ? decodeCursor(`feedback:${sort}`, query.cursor) : null;
  if (after && sort === 'created' && after.value === null) throw new AppError('invalid_cursor');
  const rows = await searchFeedback(db, {
    scope: visibilityScope(actor),
    filter: await toFilter(db, actor, query, dialect),
    sort,
    after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor(
          `feedback:${sort}`,
          sort === 'created' ? last.created_at : last.resolution_due_at,
          last.id,
        )
      : null;
  const items = await loadFeedbackViews(db, await withTagsAndShares(db, page));
  return { items, nextCursor };
}
