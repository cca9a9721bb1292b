import type { AppContext } from '../../../platform/http/context.js';
import { CUSTOMER_EVENTS } from '../../customers/index.js';
import { eraseCustomerAttachments } from '../commands/erase-attachments.js';
import { purgeExpiredUploads } from '../commands/purge-uploads.js';
import { sweepOrphanFiles } from '../commands/sweep-orphan-files.js';

/** Hourly maintenance: unused uploads past their expiry are deleted with their files. */
export const PURGE_UPLOADS_JOB = 'feedback.purge-uploads';
/** Daily: files that no attachment or upload names (left by a crash) are deleted. */
export const SWEEP_ORPHAN_FILES_JOB = 'feedback.sweep-orphan-files';
/** On `customer.erased`: the files attached to the customer's items are deleted. */
export const ERASE_ATTACHMENTS_JOB = 'feedback.erase-attachments';

export function registerAttachmentJobs(ctx: AppContext): void {
  const { database, config } = ctx;
  ctx.subscribers.register(PURGE_UPLOADS_JOB, async () => {
    await purgeExpiredUploads(database, config.dataDir, ctx.clock());
  });
  ctx.subscribers.register(SWEEP_ORPHAN_FILES_JOB, async () => {
    await sweepOrphanFiles(database.db, config.dataDir, ctx.clock());
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
