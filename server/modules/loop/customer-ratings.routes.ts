import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZCustomerRatingsResponse } from '../../../shared/contracts/customer-ratings.js';
import { ZCustomerParams } from '../../../shared/contracts/customers.js';
import { requireActor } from '../../platform/auth/actor.js';
import { visibilityScope } from '../feedback/index.js';
import { listCustomerRatings } from './queries/customer-ratings.js';

/** How many of a customer's newest ratings the console shows. */
const MAX_RATINGS = 20;

/** A customer's satisfaction history for the ticket page's customer panel (mounted under /api/v1). */
export const customerRatingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database } = app.ctx;

  app.get(
    '/customers/:id/ratings',
    {
      schema: {
        tags: ['loop'],
        summary: "A customer's ratings of resolutions, newest first (at most 20)",
        description: 'Only ratings of items the caller may see; an unknown customer simply has none.',
        params: ZCustomerParams,
        response: { 200: ZCustomerRatingsResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req.actor);
      const data = await listCustomerRatings(database.db, {
        customerId: req.params.id,
        scope: visibilityScope(actor),
        limit: MAX_RATINGS,
      });
      const average = data.length ? data.reduce((sum, r) => sum + r.score, 0) / data.length : null;
      return { data, average: average === null ? null : Math.round(average * 100) / 100 };
    },
  );
};
