import type { RatingLinkView } from '../../../../shared/contracts/tracking.js';
import type { Locale } from '../../../../shared/enums.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { signingKey } from '../../../platform/security/server-secret.js';
import {
  type FeedbackRow,
  getFeedbackRecords,
  loadCustomerView,
  presentForCustomer,
} from '../../feedback/index.js';
import { issueRatingToken, type RatingLinkClaim, verifyRatingToken } from '../rating-link.js';

export const RATING_LINK_KEY = 'rating-link';

/**
 * The item a rating link names, for the round it was issued: 401 rating_link_invalid (forged, malformed, item
 * gone), 401 rating_link_expired, 409 rating_link_superseded (the item was reopened or resolved again since).
 */
export async function itemOfRatingLink(
  db: Db,
  options: { token: string; now: Date; clock: () => Date },
): Promise<{ item: FeedbackRow; claim: RatingLinkClaim }> {
  const check = verifyRatingToken(
    await signingKey(db, options.clock, RATING_LINK_KEY),
    options.token,
    options.now,
  );
  if (!check.ok)
    throw new AppError(check.reason === 'expired' ? 'rating_link_expired' : 'rating_link_invalid', {
      status: 401,
    });
  const [item] = await getFeedbackRecords(db, [check.claim.feedbackId]);
  if (!item) throw new AppError('rating_link_invalid', { status: 401 });
  // The round is the resolved_at the link was issued for (compared as instants: the token keeps milliseconds).
  if (!item.resolved_at || Date.parse(item.resolved_at) !== Date.parse(check.claim.resolvedAt))
    throw new AppError('rating_link_superseded', { status: 409 });
  return { item, claim: check.claim };
}

/** What the customer needs to rate: the ticket's number, status, closure letter and whether it can be rated. */
export async function getRatingLinkView(
  db: Db,
  options: { token: string; now: Date; clock: () => Date; locale: Locale },
): Promise<RatingLinkView> {
  const { item, claim } = await itemOfRatingLink(db, options);
  const view = presentForCustomer(await loadCustomerView(db, item), options.locale);
  return {
    number: view.number,
    status: view.status,
    statusLabel: view.statusLabel,
    submittedAt: view.submittedAt,
    resolvedAt: view.resolvedAt,
    closedAt: view.closedAt,
    handlerName: view.handlerName,
    closure: view.closure,
    canRate: item.status === 'resolved',
    expiresAt: claim.expiresAt.toISOString(),
  };
}

/** The token of the signed rating link for one resolution round; it expires with the confirmation period. */
export async function ratingLinkToken(
  ctx: { database: { db: Db }; clock: () => Date; config: { resolutionConfirmDays: number } },
  round: { feedbackId: string; resolvedAt: string },
): Promise<string> {
  const key = await signingKey(ctx.database.db, ctx.clock, RATING_LINK_KEY);
  const expiresAt = new Date(Date.parse(round.resolvedAt) + ctx.config.resolutionConfirmDays * 86_400_000);
  return issueRatingToken(key, { ...round, expiresAt });
}
