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
import type { Locale } from '../../../shared/enums.js';
import type { Actor } from '../../platform/auth/actor.js';
import { nowIso } from '../../platform/db/ids.js';
import { addMessage } from './commands/add-message.js';
import { assignFeedback } from './commands/assign-feedback.js';
import type { CommandBase } from './commands/change.js';
import { changeStatus } from './commands/change-status.js';
import { claimUploads } from './commands/claim-uploads.js';
import { mergeFeedback } from './commands/merge-feedback.js';
import { setTags } from './commands/set-tags.js';
import { shareFeedback, unshareFeedback } from './commands/share-feedback.js';
import { authorizeFeedback, type FeedbackAction } from './feedback.policy.js';
import { presentEvent, presentForAgent, presentMessage } from './feedback.presenter.js';
import type { FeedbackRecord } from './feedback.repository.js';
import { loadFeedbackView } from './queries/feedback-views.js';
import { getFeedbackOrThrow } from './queries/get-feedback.js';
import { listFeedbackEvents, listFeedbackMessages } from './queries/timeline.js';

interface ItemRequest {
  params: { id: string };
  actor: Actor | null;
  ip: string;
  locale: Locale;
}

/** Work on one item: lifecycle, assignment, conversation, tags, sharing, merging, history. */
export const feedbackActionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock, config } = app.ctx;
  const db = database.db;
  const tags = ['feedback'];

  /** Loads the item, checks the actor may do `action` on it, and runs `command` in one transaction. */
  async function onItem<R>(
    req: ItemRequest,
    action: FeedbackAction,
    command: (base: CommandBase & { feedbackId: string }) => Promise<R>,
  ): Promise<R> {
    const item = await getFeedbackOrThrow(db, req.params.id);
    const actor = authorizeFeedback(req.actor, action, item);
    return db
      .transaction()
      .execute((trx) => command({ trx, actor, at: nowIso(clock), ip: req.ip, feedbackId: item.id }));
  }

  async function itemResponse(req: ItemRequest, record: FeedbackRecord) {
    return { data: presentForAgent(await loadFeedbackView(db, record), req.locale) };
  }

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
      const record = await onItem(req, 'transition', (base) =>
        changeStatus({
          ...base,
          to: req.body.to,
          reason: req.body.reason ?? null,
          closure: req.body.closure ?? null,
        }),
      );
      return itemResponse(req, record);
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
      const record = await onItem(req, 'assign', (base) => assignFeedback({ ...base, ...req.body }));
      return itemResponse(req, record);
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
      return {
        data: page.rows.map((r) => presentMessage(r, page.names, page.attachments)),
        nextCursor: page.nextCursor,
      };
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
      const internal = req.body.internal === true;
      const { message, attachments, actor } = await onItem(
        req,
        internal ? 'note' : 'reply',
        async (base) => ({
          ...(await addMessage({
            ...base,
            kind: internal ? 'note' : 'agent',
            body: req.body.body,
            attachments: await claimUploads(base.trx, req.body.attachments, {
              at: base.at,
              maxCount: config.attachments.maxCount,
            }),
          })),
          actor: base.actor,
        }),
      );
      const names = new Map(actor.type === 'user' && actor.id ? [[actor.id, actor.name]] : []);
      return reply.status(201).send({ data: presentMessage(message, names, attachments) });
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
      const record = await onItem(req, 'tag', (base) => setTags({ ...base, tags: req.body.tags }));
      return itemResponse(req, record);
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
      const record = await onItem(req, 'share', (base) => shareFeedback({ ...base, ...req.body }));
      return itemResponse(req, record);
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
      const record = await onItem(req, 'share', (base) =>
        unshareFeedback({ ...base, departmentId: req.params.departmentId }),
      );
      return itemResponse(req, record);
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
