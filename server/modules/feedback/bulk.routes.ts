import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  type BulkItemResult,
  ZBulkFeedback,
  ZBulkFeedbackResponse,
} from '../../../shared/contracts/feedback-bulk.js';
import { requireActor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/db/ids.js';
import { AppError, isAppError } from '../../platform/http/errors.js';
import { bulkFeedback } from './commands/bulk-feedback.js';

/** One action on many items (the inbox's bulk bar). */
export const bulkRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.ctx;

  app.post(
    '/feedback/bulk',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Assign, tag, transition or re-prioritise up to 200 items at once; one result per item',
        description:
          'Each item is authorized, checked and changed exactly as by its single-item endpoint, in its own ' +
          'transaction (history row, event and audit entry each): one failing item never rolls back the ' +
          'others. Answers 200 with a result per id in the order sent; a failed item carries the code and ' +
          "message its single-item request would have answered, in the caller's language. Unknown ids and " +
          'items the caller may not see fail with feedback_not_found. "resolved" needs a closure letter, ' +
          'so a bulk status change to it fails per item with closure_required (or invalid_transition).',
        body: ZBulkFeedback,
        response: { 200: ZBulkFeedbackResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req.actor);
      const outcomes = await bulkFeedback({
        db: database.db,
        dialect: database.dialect,
        actor,
        ip: req.ip,
        now: () => nowIso(clock),
        ids: req.body.ids,
        action: req.body.action,
      });
      const results = outcomes.map((o): BulkItemResult => {
        if (o.ok) return o;
        let error: AppError;
        if (isAppError(o.error)) error = o.error;
        else {
          req.log.error({ err: o.error, feedbackId: o.id }, 'bulk action failed on an item');
          error = new AppError('internal_error');
        }
        const { code, message } = error.toBody(req.locale).error;
        return {
          id: o.id,
          ...(o.number !== undefined ? { number: o.number } : {}),
          ok: false,
          error: { code, message },
        };
      });
      const succeeded = results.filter((r) => r.ok).length;
      return { data: { results, succeeded, failed: results.length - succeeded } };
    },
  );
};
