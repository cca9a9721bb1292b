import type { AppContext } from '../../../platform/http/context.js';
import { CUSTOMER_EVENTS } from '../../customers/index.js';
import { eraseCustomerAttachments } from '../commands/erase-attachments.js';
import { purgeExpiredUploads } from '../commands/purge-uploads.js';

/** Hourly maintenance: unused uploads past their expiry are deleted with their files. */
export const PURGE_UPLOADS_JOB = 'feedback.purge-uploads';
/** On `customer.erased`: the files attached to the customer's items are deleted. */
export const ERASE_ATTACHMENTS_JOB = 'feedback.erase-attachments';

export function registerAttachmentJobs(ctx: AppContext): void {
  const { database, config } = ctx;
  ctx.subscribers.register(PURGE_UPLOADS_JOB, async () => {
    await purgeExpiredUploads(database, config.dataDir, ctx.clock());
  });
  ctx.subscribers.register(
    ERASE_ATTACHMENTS_JOB,
    async (payload) => {
      const event = payload.event as { payload?: { customerId?: unknown } } | undefined;
      const customerId = event?.payload?.customerId;
      if (typeof customerId === 'string' && customerId)
        await eraseCustomerAttachments(database, config.dataDir, customerId);
    },
    CUSTOMER_EVENTS.erased,
  );
}
