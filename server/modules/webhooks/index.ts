import { WEBHOOK_EVENT_TYPES } from '../../../shared/contracts/webhooks.js';
import type { Module } from '../module.js';
import { deliverHandler, fanOutHandler } from './subscribers/fan-out.js';
import { WEBHOOK_JOBS } from './webhooks.events.js';
import { webhooksRoutes } from './webhooks.routes.js';

export { isForbiddenAddress } from './destination.js';
export { signDelivery } from './sender.js';
export { WEBHOOK_JOBS } from './webhooks.events.js';

/**
 * Outbound webhooks: admins subscribe URLs to domain events; each event fans out to one signed delivery
 * per matching subscription, retried with backoff, logged, and refused for internal destinations (SSRF).
 */
export const webhooksModule: Module = {
  name: 'webhooks',
  routes: webhooksRoutes,
  registerJobs(ctx) {
    const fanOut = fanOutHandler(ctx);
    for (const eventType of WEBHOOK_EVENT_TYPES)
      ctx.subscribers.register(WEBHOOK_JOBS.fanOut, fanOut, eventType);
    ctx.subscribers.register(WEBHOOK_JOBS.deliver, deliverHandler(ctx));
  },
};
