import { nowIso } from '../../../../platform/db/ids.js';
import type { AppContext } from '../../../../platform/http/context.js';
import type { JobHandler } from '../../../../platform/jobs/queue.js';
import { feedbackIdsOfCustomer } from '../../../feedback/index.js';
import { scrubMailOfItems } from '../mail.repository.js';

/**
 * Job `mail.scrub-customer` on `customer.erased`: sender addresses and subjects of received mail, and
 * recipient, subject and text of mail we sent, are blanked on the customer's items (the raw originals are
 * scrubbed by intake's own job). A pending mail then has no recipient and ends as `skipped`.
 */
export function scrubCustomerMailHandler(deps: Pick<AppContext, 'database' | 'clock'>): JobHandler {
  return async (payload) => {
    const event = payload.event as { payload?: { customerId?: unknown } } | undefined;
    const customerId = event?.payload?.customerId;
    if (typeof customerId !== 'string' || !customerId) return;
    const ids = await feedbackIdsOfCustomer(deps.database.db, customerId);
    if (ids.length === 0) return;
    await deps.database.write((trx) => scrubMailOfItems(trx, ids, nowIso(deps.clock)));
  };
}
