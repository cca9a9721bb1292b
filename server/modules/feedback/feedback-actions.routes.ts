import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZAddMessage,
  ZAssignFeedback,
  ZFeedbackEventsResponse,
  ZFeedbackIdParams,
  ZFeedbackMessageResponse,
  ZFeedbackMessagesResponse,
  ZFeedbackResponse,
  ZFeedbackShareParams,
  ZMergeFeedback,
  ZMergeResponse,
  ZPageQuery,
  ZSetTags,
  ZShareFeedback,
  ZTransition,
} from '../../../shared/contracts/feedback.js';
import { nowIso } from '../../platform/db/ids.js';
import { addMessage } from './commands/add-message.js';
import { assignFeedback } from './commands/assign-feedback.js';
import { changeStatus } from './commands/change-status.js';
import { mergeFeedback } from './commands/merge-feedback.js';
import { setTags } from './commands/set-tags.js';
import { shareFeedback, unshareFeedback } from './commands/share-feedback.js';
import { authorizeFeedback } from './feedback.policy.js';
import { presentEvent, presentForAgent, presentMessage } from './feedback.presenter.js';
import { loadFeedbackView } from './queries/feedback-views.js';
import { getFeedbackOrThrow } from './queries/get-feedback.js';
import { listFeedbackEvents, listFeedbackMessages } from './queries/timeline.js';

/** Work on one item: lifecycle, assignment, conversation, tags, sharing, merging, history. */
export const feedbackActionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.ctx;
  const db = database.db;
  const tags = ['feedback'];

  app.post(
    '/feedback/:id/transitions',
    {
      schema: {
        tags,
        summary: 'Change the status along the lifecycle (closure letter required to resolve)',
        params: ZFeedbackIdParams,
        body: ZTransition,
        response: { 200: ZFeedbackResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      const actor = authorizeFeedback(req.actor, 'transition', item);
      const record = await db.transaction().execute((trx) =>
        changeStatus({
          trx,
          actor,
          at: nowIso(clock),
          ip: req.ip,
          feedbackId: item.id,
          to: req.body.to,
          reason: req.body.reason ?? null,
          closure: req.body.closure ?? null,
        }),
      );
      return { data: presentForAgent(await loadFeedbackView(db, record), req.locale) };
    },
  );

  app.post(
    '/feedback/:id/assign',
    {
      schema: {
        tags,
        summary: 'Assign to an agent and/or a department (null clears)',
        params: ZFeedbackIdParams,
        body: ZAssignFeedback,
        response: { 200: ZFeedbackResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      const actor = authorizeFeedback(req.actor, 'assign', item);
      const record = await db
        .transaction()
        .execute((trx) =>
          assignFeedback({ trx, actor, at: nowIso(clock), ip: req.ip, feedbackId: item.id, ...req.body }),
        );
      return { data: presentForAgent(await loadFeedbackView(db, record), req.locale) };
    },
  );

  app.get(
    '/feedback/:id/messages',
    {
      schema: {
        tags,
        summary: 'Messages of an item, oldest first (customer, agent replies, internal notes)',
        params: ZFeedbackIdParams,
        querystring: ZPageQuery,
        response: { 200: ZFeedbackMessagesResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      authorizeFeedback(req.actor, 'view', item);
      const page = await listFeedbackMessages(db, item.id, req.query);
      return { data: page.rows.map((r) => presentMessage(r, page.names)), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/feedback/:id/messages',
    {
      schema: {
        tags,
        summary: 'Reply to the customer, or add an internal note (internal: true)',
        params: ZFeedbackIdParams,
        body: ZAddMessage,
        response: { 201: ZFeedbackMessageResponse },
      },
    },
    async (req, reply) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      const internal = req.body.internal === true;
      const actor = authorizeFeedback(req.actor, internal ? 'note' : 'reply', item);
      const { message } = await db.transaction().execute((trx) =>
        addMessage({
          trx,
          actor,
          at: nowIso(clock),
          ip: req.ip,
          feedbackId: item.id,
          kind: internal ? 'note' : 'agent',
          body: req.body.body,
        }),
      );
      const names = new Map(actor.type === 'user' && actor.id ? [[actor.id, actor.name]] : []);
      return reply.status(201).send({ data: presentMessage(message, names) });
    },
  );

  app.get(
    '/feedback/:id/events',
    {
      schema: {
        tags,
        summary: 'History of every change: who, when, what from → to, why',
        params: ZFeedbackIdParams,
        querystring: ZPageQuery,
        response: { 200: ZFeedbackEventsResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      authorizeFeedback(req.actor, 'view', item);
      const page = await listFeedbackEvents(db, item.id, req.query);
      return { data: page.rows.map((r) => presentEvent(r, page.names)), nextCursor: page.nextCursor };
    },
  );

  app.put(
    '/feedback/:id/tags',
    {
      schema: {
        tags,
        summary: 'Replace the tags (hierarchical paths such as "服务/排队时间")',
        params: ZFeedbackIdParams,
        body: ZSetTags,
        response: { 200: ZFeedbackResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      const actor = authorizeFeedback(req.actor, 'tag', item);
      const record = await db
        .transaction()
        .execute((trx) =>
          setTags({ trx, actor, at: nowIso(clock), ip: req.ip, feedbackId: item.id, tags: req.body.tags }),
        );
      return { data: presentForAgent(await loadFeedbackView(db, record), req.locale) };
    },
  );

  app.post(
    '/feedback/:id/shares',
    {
      schema: {
        tags,
        summary: 'Share with another department (its members see and work on the item)',
        params: ZFeedbackIdParams,
        body: ZShareFeedback,
        response: { 200: ZFeedbackResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      const actor = authorizeFeedback(req.actor, 'share', item);
      const record = await db
        .transaction()
        .execute((trx) =>
          shareFeedback({ trx, actor, at: nowIso(clock), ip: req.ip, feedbackId: item.id, ...req.body }),
        );
      return { data: presentForAgent(await loadFeedbackView(db, record), req.locale) };
    },
  );

  app.delete(
    '/feedback/:id/shares/:departmentId',
    {
      schema: {
        tags,
        summary: 'Stop sharing with a department',
        params: ZFeedbackShareParams,
        response: { 200: ZFeedbackResponse },
      },
    },
    async (req) => {
      const item = await getFeedbackOrThrow(db, req.params.id);
      const actor = authorizeFeedback(req.actor, 'share', item);
      const record = await db.transaction().execute((trx) =>
        unshareFeedback({
          trx,
          actor,
          at: nowIso(clock),
          ip: req.ip,
          feedbackId: item.id,
          departmentId: req.params.departmentId,
        }),
      );
      return { data: presentForAgent(await loadFeedbackView(db, record), req.locale) };
    },
  );

  app.post(
    '/feedback/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge this item (a duplicate) into another; messages and tags move to the target',
        params: ZFeedbackIdParams,
        body: ZMergeFeedback,
        response: { 200: ZMergeResponse },
      },
    },
    async (req) => {
      const source = await getFeedbackOrThrow(db, req.params.id);
      const actor = authorizeFeedback(req.actor, 'merge', source);
      authorizeFeedback(actor, 'merge', await getFeedbackOrThrow(db, req.body.targetId));
      const merged = await db.transaction().execute((trx) =>
        mergeFeedback({
          trx,
          actor,
          at: nowIso(clock),
          ip: req.ip,
          sourceId: source.id,
          targetId: req.body.targetId,
          reason: req.body.reason ?? null,
        }),
      );
      const [s, t] = await Promise.all([
        loadFeedbackView(db, merged.source),
        loadFeedbackView(db, merged.target),
      ]);
      return { data: { source: presentForAgent(s, req.locale), target: presentForAgent(t, req.locale) } };
    },
  );
};
