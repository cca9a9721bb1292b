import type { CustomerTicketView } from '../../../../shared/contracts/tracking.js';
import type { Locale } from '../../../../shared/enums.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { findItemByNumber, loadCustomerView, presentForCustomer } from '../../feedback/index.js';
import { tokenHash } from '../commands/open-session.js';
import * as repo from '../loop.repository.js';

/** The ticket a valid, unexpired session token was issued for, as its customer sees it; 401 otherwise. */
export async function getTrackedTicket(
  db: DbOrTrx,
  options: { number: string; token: string | null; now: Date; locale: Locale },
): Promise<CustomerTicketView> {
  const unauthorized = new AppError('tracking_session_invalid', { status: 401 });
  if (!options.token) throw unauthorized;
  const session = await repo.findSession(db, tokenHash(options.token));
  if (!session || session.expires_at <= options.now.toISOString()) throw unauthorized;
  const item = await findItemByNumber(db, options.number);
  if (!item || item.id !== session.feedback_id) throw unauthorized;
  return presentForCustomer(await loadCustomerView(db, item), options.locale);
}
