import type { DbOrTrx } from '../../../platform/db/database.js';
import type { JobHandler } from '../../../platform/jobs/queue.js';
import { scrubSubmissionsOfCustomer } from '../intake.repository.js';

export const SCRUB_ORIGINALS_JOB = 'intake.scrub-originals';

/** Job on `customer.erased`: the raw originals of the customer's submissions lose payload and address. */
export function scrubOriginalsHandler(db: DbOrTrx): JobHandler {
  return async (payload) => {
    const event = payload.event as { payload?: { customerId?: unknown } } | undefined;
    const customerId = event?.payload?.customerId;
    if (typeof customerId === 'string' && customerId) await scrubSubmissionsOfCustomer(db, customerId);
  };
}
