import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZCreateFeedbackLink,
  ZFeedbackIdParams,
  ZFeedbackLinkParams,
  ZFeedbackLinksResponse,
} from '../../../../shared/contracts/feedback.js';
import type { Locale } from '../../../../shared/enums.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { nowIso } from '../../../platform/db/ids.js';
import { linkFeedback, unlinkFeedback } from '../commands/link-feedback.js';
import { authorizeFeedback, canView } from '../feedback.policy.js';
import { presentLink } from '../feedback.presenter.js';
import { getFeedbackOrThrow, getFeedbackRecords } from '../queries/get-feedback.js';
import { listLinksOf } from './links.repository.js';

/** The item's links to items the caller can see (others are left out, not revealed). */
async function visibleLinks(db: DbOrTrx, actor: Actor, feedbackId: string, locale: Locale) {
  const rows = await listLinksOf(db, [feedbackId]);
  const related = await getFeedbackRecords(
    db,
    rows.map((r) => r.related_id),
  );
  const visible = new Set(related.filter((r) => canView(actor, r)).map((r) => r.id));
  return rows.filter((r) => visible.has(r.related_id)).map((r) => presentLink(r, locale));
}

/** Related items and possible duplicates of an item (mounted under /api/v1). */
export const linkRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.ctx;
  const db = database.db;
  const tags = ['feedback'];

  app.get(
    '/feedback/:id/links',
    {
      schema: {
        tags,
        summary: 'Related items and possible duplicates (flagged by detection) of an item',
        params: ZFeedbackIdParams,
        response: { 200: ZFeedbackLinksResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      const actor = authorizeFeedback(req.actor, 'view', item);
      return { data: await visibleLinks(db, actor, item.id, req.locale) };
    },
  );

  app.post(
    '/feedback/:id/links',
    {
      schema: {
        tags,
        summary: 'Link two items as related (agents and above who may update both)',
        description:
          'Both items get a history row; linking again answers 200 with the same links. 404 when either ' +
          'item is not visible to the caller; 400 feedback_link_self; 409 feedback_merged.',
        params: ZFeedbackIdParams,
        body: ZCreateFeedbackLink,
        response: { 200: ZFeedbackLinksResponse, 201: ZFeedbackLinksResponse },
      },
    },
    async (req, reply) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      const actor = authorizeFeedback(req.actor, 'update', item);
      authorizeFeedback(actor, 'update', await getFeedbackOrThrow(db, req.body.relatedId));
      const added = await db.transaction().execute((trx) =>
        linkFeedback({
          trx,
          actor,
          at: nowIso(clock),
          ip: req.ip,
          feedbackId: item.id,
          relatedId: req.body.relatedId,
        }),
      );
      return reply
        .status(added ? 201 : 200)
        .send({ data: await visibleLinks(db, actor, item.id, req.locale) });
    },
  );

  app.delete(
    '/feedback/:id/links/:relatedId',
    {
      schema: {
        tags,
        summary: 'Remove a link, or dismiss a possible-duplicate flag (both directions)',
        description: '404 feedback_link_not_found when the items are not linked.',
        params: ZFeedbackLinkParams,
        response: { 200: ZFeedbackLinksResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      const actor = authorizeFeedback(req.actor, 'update', item);
      authorizeFeedback(actor, 'update', await getFeedbackOrThrow(db, req.params.relatedId));
      await db.transaction().execute((trx) =>
        unlinkFeedback({
          trx,
          actor,
          at: nowIso(clock),
          ip: req.ip,
          feedbackId: item.id,
          relatedId: req.params.relatedId,
        }),
      );
      return { data: await visibleLinks(db, actor, item.id, req.locale) };
    },
  );
};
