import type { Module } from '../module.js';
import { REFRESH_STATS_JOB, STATS_TRIGGER_EVENTS } from './customers.events.js';
import { customersRoutes } from './customers.routes.js';
import { refreshStatsHandler } from './subscribers/on-feedback-changed.js';

export { type ResolveCustomerInput, resolveCustomer } from './commands/resolve-customer.js';
export { CUSTOMER_EVENTS } from './customers.events.js';
export { normalizeEmail, normalizePhone } from './normalize-identity.js';
export { type CustomerContact, getCustomerContact } from './queries/get-customer-contact.js';
export { type CustomerSummary, getCustomerSummaries } from './queries/get-customer-summaries.js';
export { type MatchedContact, matchCustomerContact } from './queries/match-contact.js';

/** Customer profiles, tiers, identities (email / phone / external id) and PII protection. */
export const customersModule: Module = {
  name: 'customers',
  routes: customersRoutes,
  registerJobs(ctx) {
    const handler = refreshStatsHandler(ctx.database);
    for (const eventType of STATS_TRIGGER_EVENTS)
      ctx.subscribers.register(REFRESH_STATS_JOB, handler, eventType);
  },
};
