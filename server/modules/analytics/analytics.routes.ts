import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZOverviewQuery, ZOverviewResponse } from '../../../shared/contracts/analytics.js';
import { isValidTimeZone } from '../../../shared/time/zoned.js';
import { AppError } from '../../platform/http/errors.js';
import { visibilityScope } from '../feedback/index.js';
import { authorizeReadOverview } from './analytics.policy.js';
import { loadOverview } from './queries/overview.js';

/** Read-only figures (mounted under /api/v1). */
export const analyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock, config } = app.ctx;

  app.get(
    '/analytics/overview',
    {
      schema: {
        tags: ['analytics'],
        summary:
          "The console home: today's volume by channel, open items by priority and status, SLA at risk",
        description:
          'Counts only the items the caller may see. "Today" and the daily buckets are local dates in ' +
          '`timeZone` (default: the business time zone); an unknown zone is 400 invalid_time_zone.',
        querystring: ZOverviewQuery,
        response: { 200: ZOverviewResponse },
      },
    },
    async (req) => {
      const actor = authorizeReadOverview(req.actor);
      const timeZone = req.query.timeZone ?? config.businessTimeZone;
      if (!isValidTimeZone(timeZone)) throw new AppError('invalid_time_zone', { params: { timeZone } });
      return {
        data: await loadOverview(database.db, {
          scope: visibilityScope(actor),
          timeZone,
          days: req.query.days,
          now: clock(),
        }),
      };
    },
  );
};
