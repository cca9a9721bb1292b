import { nowIso } from '../../../platform/db/ids.js';
import type { AppContext } from '../../../platform/http/context.js';
import { CUSTOMER_EVENTS } from '../../customers/index.js';
import { feedbackIdsOfCustomer } from '../../feedback/index.js';
import type { Module } from '../../module.js';
import type { SmsSendJob } from './commands/queue-sms.js';
import { runSmsAttempt } from './commands/send-sms.js';
import { createGateway } from './gateways/index.js';
import { SMS_JOBS } from './sms.events.js';
import { countSmsTo, listSmsOfFeedback, scrubSmsOfItems } from './sms.repository.js';
import { smsRoutes } from './sms.routes.js';

export { type CustomerSms, queueSms } from './commands/queue-sms.js';
export { replyTemplate, type SmsGateway, type SmsMessage, type SmsSettings } from './gateway.js';
export { createGateway } from './gateways/index.js';
export { SMS_JOBS, type SmsPurpose } from './sms.events.js';
export { countSmsTo, listSmsOfFeedback };

/** Whether an SMS gateway is configured (SMS_PROVIDER set): without one, nothing is queued for phones. */
export function smsConfigured(ctx: Pick<AppContext, 'config'>): boolean {
  return ctx.config.sms.provider !== undefined;
}

/**
 * The SMS channel (outgoing only): customer SMS queued by other modules (`queueSms`, one per purpose and
 * reference) and sent by the retrying job `sms.send` through the configured gateway (generic HTTP, Aliyun,
 * Tencent Cloud).
 */
export const smsModule: Module = {
  name: 'sms',
  routes: smsRoutes,
  registerJobs(ctx) {
    const gateway = createGateway(ctx.config.sms, ctx.clock);
    ctx.subscribers.register(SMS_JOBS.send, (payload) =>
      runSmsAttempt({ ...ctx, gateway }, payload as unknown as SmsSendJob),
    );
    ctx.subscribers.register(
      SMS_JOBS.scrubCustomer,
      async (payload) => {
        const event = payload.event as { payload?: { customerId?: unknown } } | undefined;
        const customerId = event?.payload?.customerId;
        if (typeof customerId !== 'string' || !customerId) return;
        const ids = await feedbackIdsOfCustomer(ctx.database.db, customerId);
        if (ids.length > 0) await ctx.database.write((trx) => scrubSmsOfItems(trx, ids, nowIso(ctx.clock)));
      },
      CUSTOMER_EVENTS.erased,
    );
  },
};
