import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZFeedbackIdParams } from '../../../../shared/contracts/feedback.js';
import { authorizeFeedback, getFeedbackOrThrow } from '../../feedback/index.js';
import { authorizeReadSmsLog } from './sms.policy.js';
import { presentSms, ZOutboundSmsListResponse } from './sms.presenter.js';
import { listSmsOfFeedback } from './sms.repository.js';

/** SMS endpoints (mounted under /api/v1): the SMS sent for an item. */
export const smsRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.ctx.database.db;
  app.get(
    '/feedback/:id/sms',
    {
      schema: {
        tags: ['sms'],
        summary:
          'SMS sent for an item (tracking codes masked, notices) with delivery status (admin, supervisor, agent)',
        params: ZFeedbackIdParams,
        response: { 200: ZOutboundSmsListResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      authorizeFeedback(req.actor, 'view', item);
      authorizeReadSmsLog(req.actor);
      return { data: (await listSmsOfFeedback(db, item.id)).map(presentSms) };
    },
  );
};
