import type { DomainEvent } from '../../platform/events/outbox.js';
import type { AppContext } from '../../platform/http/context.js';
import { FEEDBACK_EVENTS, getFeedbackRecords } from '../feedback/index.js';
import type { Module } from '../module.js';
import { defaultCodeDelivery } from './code-delivery.js';
import { closeUnrated } from './commands/close-unrated.js';
import { type IssueCodeRequest, issueTrackingCode } from './commands/issue-code.js';
import { notifyDueFollowUps } from './commands/notify-due-follow-ups.js';
import { scheduleFollowUp } from './commands/schedule-follow-up.js';
import { LOOP_JOBS } from './loop.events.js';
import { deleteExpired } from './loop.repository.js';
import { loopRoutes } from './loop.routes.js';
import { NOTICE_EVENTS, notifyCustomerHandler } from './subscribers/notify-customer.js';
import { replyBySmsHandler } from './subscribers/reply-by-sms.js';

export { TRACKING } from './loop.events.js';

/** Closing the loop with the customer: tracking without an account (codes, sessions, the public timeline). */
export const loopModule: Module = {
  name: 'loop',
  routes: loopRoutes,
  registerJobs(ctx: AppContext) {
    const delivery = defaultCodeDelivery(ctx);
    ctx.subscribers.register(LOOP_JOBS.issueTrackingCode, async (payload) => {
      await issueTrackingCode(
        { database: ctx.database, clock: ctx.clock, delivery },
        payload as unknown as IssueCodeRequest,
      );
    });
    const notify = notifyCustomerHandler(ctx);
    for (const event of NOTICE_EVENTS)
      ctx.subscribers.register(`loop.notify-customer:${event}`, notify, event);
    ctx.subscribers.register(LOOP_JOBS.replySms, replyBySmsHandler(ctx), FEEDBACK_EVENTS.messageAdded);
    ctx.subscribers.register(LOOP_JOBS.closeUnrated, async () => {
      const closed = await closeUnrated(ctx.database, {
        now: ctx.clock(),
        confirmDays: ctx.config.resolutionConfirmDays,
      });
      if (closed > 0) ctx.logger.info({ closed }, 'closed without rating');
    });
    ctx.subscribers.register(
      `${LOOP_JOBS.scheduleFollowUp}:${FEEDBACK_EVENTS.statusChanged}`,
      async (payload) => {
        await scheduleFollowUp(ctx.database, {
          event: payload.event as DomainEvent,
          followUpDays: ctx.config.followUpDays,
          now: ctx.clock(),
        });
      },
      FEEDBACK_EVENTS.statusChanged,
    );
    ctx.subscribers.register(LOOP_JOBS.followUpsDue, async () => {
      const notified = await notifyDueFollowUps(ctx.database, {
        now: ctx.clock(),
        numbers: async (ids) =>
          new Map((await getFeedbackRecords(ctx.database.db, ids)).map((i) => [i.id, i.number])),
      });
      if (notified > 0) ctx.logger.info({ notified }, 'follow-ups due notified');
    });
    ctx.subscribers.register(LOOP_JOBS.purgeTracking, async () => {
      await ctx.database.write((trx) => deleteExpired(trx, ctx.clock().toISOString()));
    });
  },
  schedule: [
    { jobName: LOOP_JOBS.closeUnrated, everyMs: 3_600_000 },
    { jobName: LOOP_JOBS.purgeTracking, everyMs: 3_600_000 },
    { jobName: LOOP_JOBS.followUpsDue, everyMs: 3_600_000 },
  ],
};
