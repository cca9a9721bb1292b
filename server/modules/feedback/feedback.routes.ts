import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCreateFeedback,
  ZFeedbackIdParams,
  ZFeedbackListResponse,
  ZFeedbackResponse,
  ZListFeedbackQuery,
  ZUpdateFeedback,
} from '../../../shared/contracts/feedback.js';
import { nowIso } from '../../platform/db/ids.js';
import {
  idempotencyScope,
  parseIdempotencyKey,
  replyCreatedIdempotently,
} from '../../platform/http/idempotency.js';
import { assertBusinessAreasUsable } from '../identity/index.js';
import { attachmentRoutes } from './attachments/attachments.routes.js';
import { bulkRoutes } from './bulk.routes.js';
import { claimUploads } from './commands/claim-uploads.js';
import { createFeedback } from './commands/create-feedback.js';
import { updateFeedbackFields } from './commands/update-feedback-fields.js';
import { authorizeCreateFeedback, authorizeFeedback, authorizeReadFeedback } from './feedback.policy.js';
import { presentForAgent } from './feedback.presenter.js';
import { feedbackActionRoutes } from './feedback-actions.routes.js';
import { linkRoutes } from './links/links.routes.js';
import { loadFeedbackView, loadFeedbackViews } from './queries/feedback-views.js';
import { getFeedbackOrThrow } from './queries/get-feedback.js';
import { listFeedback } from './queries/list-feedback.js';
import { subtaskRoutes } from './subtasks/subtasks.routes.js';
import { tagRoutes } from './tags.routes.js';

const CREATE_ROUTE = 'POST /api/v1/feedback';

const ZIdempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .optional()
    .describe(
      '1–255 visible ASCII characters; a retry with the same key and body returns the first response',
    ),
});

/** The feedback endpoints (mounted under /api/v1). */
export const feedbackRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock, config } = app.ctx;
  const db = database.db;

  app.post(
    '/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Create a feedback item (agent or API key); Idempotency-Key supported',
        description:
          'Answers 201 with the new item; a retry with the same Idempotency-Key and body answers 200 with the ' +
          'same body and `idempotent-replayed: true`; the same key with a different body answers 422.',
        headers: ZIdempotencyHeaders,
        body: ZCreateFeedback,
        response: { 200: ZFeedbackResponse, 201: ZFeedbackResponse },
      },
    },
    async (req, reply) => {
      const actor = authorizeCreateFeedback(req.actor);
      await assertBusinessAreasUsable(db, [req.body.businessArea]);
      const key = parseIdempotencyKey(req.headers['idempotency-key']);
      const at = nowIso(clock);
      return replyCreatedIdempotently(
        reply,
        database,
        { key, scope: idempotencyScope(actor, CREATE_ROUTE), body: req.body, at },
        async (trx) => {
          const { attachments: tokens, ...input } = req.body;
          const attachments = await claimUploads(trx, tokens, { at, maxCount: config.attachments.maxCount });
          const record = await createFeedback({
            trx,
            actor,
            at,
            ip: req.ip,
            dialect: database.dialect,
            timeZone: config.businessTimeZone,
            input: { ...input, attachments },
          });
          const body = { data: presentForAgent(await loadFeedbackView(trx, record), req.locale) };
          return { body, resourceId: record.id };
        },
      );
    },
  );

  app.get(
    '/feedback',
    {
      schema: {
        tags: ['feedback'],
        summary: 'List feedback items the caller may see, filtered, with keyset pagination',
        querystring: ZListFeedbackQuery,
        response: { 200: ZFeedbackListResponse },
      },
    },
    async (req) => {
      const actor = authorizeReadFeedback(req.actor);
      const page = await listFeedback(db, { actor, query: req.query, dialect: database.dialect });
      return { data: page.items.map((v) => presentForAgent(v, req.locale)), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/feedback/:id',
    {
      schema: {
        tags: ['feedback'],
        summary: 'Get one feedback item',
        params: ZFeedbackIdParams,
        response: { 200: ZFeedbackResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      authorizeFeedback(req.actor, 'view', item);
      const [view] = await loadFeedbackViews(db, [item]);
      return { data: presentForAgent(view!, req.locale) };
    },
  );

  app.patch(
    '/feedback/:id',
    {
      schema: {
        tags: ['feedback'],
        summary:
          'Change record fields (nature, business area, product, branch, region, subject, priority, custom fields)',
        params: ZFeedbackIdParams,
        body: ZUpdateFeedback,
        response: { 200: ZFeedbackResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      const actor = authorizeFeedback(req.actor, 'update', item);
      const { reason, ...changes } = req.body;
      await assertBusinessAreasUsable(db, [changes.businessArea], [item.business_area]);
      const record = await db.transaction().execute((trx) =>
        updateFeedbackFields({
          trx,
          actor,
          at: nowIso(clock),
          ip: req.ip,
          feedbackId: item.id,
          changes,
          reason: reason ?? null,
          dialect: database.dialect,
        }),
      );
      return { data: presentForAgent(await loadFeedbackView(db, record), req.locale) };
    },
  );

  await app.register(feedbackActionRoutes);
  await app.register(bulkRoutes);
  await app.register(tagRoutes);
  await app.register(attachmentRoutes);
  await app.register(linkRoutes);
  await app.register(subtaskRoutes);
};
