import type { Module } from '../module.js';
import { recomputeBatch } from './commands/recompute.js';
import { sweepSla } from './commands/sweep.js';
import { SLA_JOBS, SLA_TRIGGER_EVENTS } from './sla.events.js';
import { slaRoutes } from './sla.routes.js';
import { syncClocksHandler } from './subscribers/on-feedback-event.js';

export {
  addBusinessMinutes,
  businessMinutesBetween,
  type CalendarSpec,
} from './calendar/business-calendar.js';
export { sweepSla } from './commands/sweep.js';
export { loadSlaStates, type SlaState } from './queries/sla-state.js';
export { SLA_EVENTS, SLA_JOBS } from './sla.events.js';

/** SLA policies, business calendars, clocks per item, the minute sweep and its escalations. */
export const slaModule: Module = {
  name: 'sla',
  routes: slaRoutes,
  registerJobs(ctx) {
    const handler = syncClocksHandler(ctx.database, ctx.clock);
    for (const eventType of SLA_TRIGGER_EVENTS) ctx.subscribers.register(SLA_JOBS.sync, handler, eventType);
    ctx.subscribers.register(SLA_JOBS.recompute, async (payload) => {
      await recomputeBatch(
        ctx.database.db,
        ctx.queue,
        payload as { run: string; afterId: string | null },
        ctx.clock().toISOString(),
      );
    });
    ctx.subscribers.register(SLA_JOBS.sweep, async () => {
      const result = await sweepSla(ctx.database.db, ctx.clock().toISOString(), { logger: ctx.logger });
      if (result.escalated > 0) ctx.logger.info(result, 'sla sweep');
    });
  },
  schedule: [{ jobName: SLA_JOBS.sweep, everyMs: 60_000 }],
};
