import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZFeedbackIdParams } from '../../../shared/contracts/feedback.js';
import {
  ZFollowUpIdParams,
  ZFollowUpListQuery,
  ZFollowUpListResponse,
  ZFollowUpOutcome,
  ZFollowUpResponse,
  ZMajorComplaint,
  ZMajorComplaintResponse,
} from '../../../shared/contracts/follow-ups.js';
import { authorizeFeedback, getFeedbackOrThrow } from '../feedback/index.js';
import { getMajorComplaint, setMajorComplaint } from './commands/flag-major.js';
import { recordFollowUpOutcome } from './commands/record-follow-up-outcome.js';
import { authorizeFollowUpWork, authorizeListFollowUps, followUpNotFound } from './follow-up.policy.js';
import * as repo from './loop.repository.js';
import { getFollowUpFor, listFollowUpsFor, presentFollowUps } from './queries/follow-ups.js';

/** Follow-up visits of major complaints (PRODUCT §3) and the agent's "major complaint" flag. */
export const followUpRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.ctx;

  app.get(
    '/feedback/:id/major-complaint',
    {
      schema: {
        tags: ['follow-ups'],
        summary: 'Whether an item is flagged as a major complaint',
        params: ZFeedbackIdParams,
        response: { 200: ZMajorComplaintResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(database.db, req.params.id);
      authorizeFeedback(req.actor, 'view', item);
      return { data: await getMajorComplaint(database, item.id) };
    },
  );

  app.put(
    '/feedback/:id/major-complaint',
    {
      schema: {
        tags: ['follow-ups'],
        summary: 'Flag (or unflag) an item as a major complaint: it gets a follow-up visit after closure',
        description:
          'Urgent and high-priority complaints get one anyway. Written on the item’s history. Whoever may update ' +
          'the item (403 forbidden otherwise).',
        params: ZFeedbackIdParams,
        body: ZMajorComplaint,
        response: { 200: ZMajorComplaintResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(database.db, req.params.id);
      const actor = authorizeFollowUpWork(req.actor, item);
      return {
        data: await setMajorComplaint(database, {
          actor,
          feedbackId: item.id,
          major: req.body.major,
          reason: req.body.reason || null,
          at: clock().toISOString(),
          ip: req.ip,
        }),
      };
    },
  );

  app.get(
    '/follow-ups',
    {
      schema: {
        tags: ['follow-ups'],
        summary: 'Follow-up visits due: mine or my department’s',
        description:
          '`due=now` (default) lists those due by now, `due=all` any, `due=<ISO time>` those due by then; ' +
          '`scope=mine|department`; `status=open|done|all` (default open). Soonest first.',
        querystring: ZFollowUpListQuery,
        response: { 200: ZFollowUpListResponse },
      },
    },
    async (req) => {
      const actor = authorizeListFollowUps(req.actor);
      return {
        data: await listFollowUpsFor(database.db, actor, req.query, { now: clock(), locale: req.locale }),
      };
    },
  );

  app.post(
    '/follow-ups/:id/outcome',
    {
      schema: {
        tags: ['follow-ups'],
        summary: 'Record the outcome of a follow-up visit (care measure, satisfied again), once',
        description:
          '404 follow_up_not_found (also when its item is not visible), 409 follow_up_already_done. Written on ' +
          'the item’s history.',
        params: ZFollowUpIdParams,
        body: ZFollowUpOutcome,
        response: { 200: ZFollowUpResponse },
      },
    },
    async (req) => {
      const { followUp, item } = await getFollowUpFor(
        database.db,
        authorizeListFollowUps(req.actor),
        req.params.id,
      );
      const actor = authorizeFollowUpWork(req.actor, item);
      await recordFollowUpOutcome(database, {
        actor,
        followUp,
        careMeasure: req.body.careMeasure,
        satisfiedAgain: req.body.satisfiedAgain,
        note: req.body.note || null,
        at: clock().toISOString(),
        ip: req.ip,
      });
      const row = await repo.findFollowUp(database.db, followUp.id);
      const [data] = await presentFollowUps(database.db, row ? [row] : [], req.locale);
      if (!data) throw followUpNotFound();
      return { data };
    },
  );
};
