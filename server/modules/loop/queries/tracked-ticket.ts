import type { CustomerTicketView } from '../../../../shared/contracts/tracking.js';
import type { Locale } from '../../../../shared/enums.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import {
  type FeedbackRow,
  findItemByNumber,
  loadCustomerView,
  presentForCustomer,
} from '../../feedback/index.js';
import { tokenHash } from '../commands/open-session.js';
import * as repo from '../loop.repository.js';

/** The item a valid, unexpired session token was issued for, when it has this number; 401 otherwise. */
export async function itemOfSession(
  db: DbOrTrx,
  options: { number: string; token: string | null; now: Date },
): Promise<FeedbackRow> {
  const unauthorized = new AppError('tracking_session_invalid', { status: 401 });
  if (!options.token) throw unauthorized;
  const session = await repo.findSession(db, tokenHash(options.token));
  if (!session || session.expires_at <= options.now.toISOString()) throw unauthorized;
  const item = await findItemByNumber(db, options.number);
  if (!item || item.id !== session.feedback_id) throw unauthorized;
  return item;
}

/** The ticket as its customer sees it. */
export async function getTrackedTicket(
  db: DbOrTrx,
  options: { number: string; token: string | null; now: Date; locale: Locale },
): Promise<CustomerTicketView> {
  const item = await itemOfSession(db, options);
  return presentForCustomer(await loadCustomerView(db, item), options.locale);
}
