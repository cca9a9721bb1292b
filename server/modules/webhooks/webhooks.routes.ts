import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  WEBHOOK_EVENT_TYPES,
  ZCreateWebhook,
  ZDeliveryListQuery,
  ZDeliveryParams,
  ZUpdateWebhook,
  ZUpdateWebhookSettings,
  ZWebhookDeliveryListResponse,
  ZWebhookDeliveryResponse,
  ZWebhookEventTypesResponse,
  ZWebhookIdParams,
  ZWebhookListResponse,
  ZWebhookResponse,
  ZWebhookSettingsResponse,
  ZWebhookWithSecretResponse,
} from '../../../shared/contracts/webhooks.js';
import { nowIso } from '../../platform/db/ids.js';
import type { DeliveryDeps } from './commands/deliver.js';
import {
  createSubscription,
  deleteSubscription,
  getSubscriptionOrThrow,
  rotateSecret,
  updateSubscription,
} from './commands/manage-subscriptions.js';
import { redeliver, sendPing } from './commands/manual-delivery.js';
import { effectiveSettings, updateSettings } from './commands/settings.js';
import { authorizeManageWebhooks } from './webhooks.policy.js';
import { presentDelivery, presentWebhook } from './webhooks.presenter.js';
import { listAttempts, listDeliveries, listSubscriptions } from './webhooks.repository.js';

const TAG = 'webhooks';

/** Outbound webhook subscriptions, their delivery log and settings (admin only; mounted under /api/v1). */
export const webhooksRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock, config, queue } = app.ctx;
  const db = database.db;
  const deps: DeliveryDeps = { database, config, clock, queue };

  app.get(
    '/webhooks/event-types',
    {
      schema: {
        tags: [TAG],
        summary: 'Event types a subscription can choose',
        response: { 200: ZWebhookEventTypesResponse },
      },
    },
    async (req) => {
      authorizeManageWebhooks(req.actor);
      return { data: [...WEBHOOK_EVENT_TYPES] };
    },
  );

  app.get(
    '/webhooks/settings',
    {
      schema: {
        tags: [TAG],
        summary: 'Outbound webhook settings',
        response: { 200: ZWebhookSettingsResponse },
      },
    },
    async (req) => {
      authorizeManageWebhooks(req.actor);
      return { data: await effectiveSettings(db, config) };
    },
  );

  app.patch(
    '/webhooks/settings',
    {
      schema: {
        tags: [TAG],
        summary: 'Change outbound webhook settings (private destinations, failures before disabling)',
        body: ZUpdateWebhookSettings,
        response: { 200: ZWebhookSettingsResponse },
      },
    },
    async (req) => {
      const actor = authorizeManageWebhooks(req.actor);
      const data = await updateSettings(db, config, {
        actor,
        at: nowIso(clock),
        ip: req.ip,
        changes: req.body,
      });
      return { data };
    },
  );

  app.get(
    '/webhooks',
    { schema: { tags: [TAG], summary: 'Webhook subscriptions', response: { 200: ZWebhookListResponse } } },
    async (req) => {
      authorizeManageWebhooks(req.actor);
      return { data: (await listSubscriptions(db)).map(presentWebhook) };
    },
  );

  app.post(
    '/webhooks',
    {
      schema: {
        tags: [TAG],
        summary: 'Create a webhook subscription; the answer shows its signing secret once',
        description:
          'The URL host is resolved; an address on a loopback, private, link-local, CGNAT, unique-local, ' +
          'multicast or unspecified network is refused (422 webhook_destination_forbidden) unless private ' +
          'destinations are allowed in the settings.',
        body: ZCreateWebhook,
        response: { 201: ZWebhookWithSecretResponse },
      },
    },
    async (req, reply) => {
      const actor = authorizeManageWebhooks(req.actor);
      const { row, secret } = await createSubscription(db, config, {
        actor,
        at: nowIso(clock),
        ip: req.ip,
        input: req.body,
      });
      return reply.status(201).send({ data: { ...presentWebhook(row), secret } });
    },
  );

  app.get(
    '/webhooks/:id',
    {
      schema: {
        tags: [TAG],
        summary: 'One webhook subscription',
        params: ZWebhookIdParams,
        response: { 200: ZWebhookResponse },
      },
    },
    async (req) => {
      authorizeManageWebhooks(req.actor);
      return { data: presentWebhook(await getSubscriptionOrThrow(db, req.params.id)) };
    },
  );

  app.patch(
    '/webhooks/:id',
    {
      schema: {
        tags: [TAG],
        summary: 'Change a webhook subscription (`active: true` re-enables one that was disabled)',
        params: ZWebhookIdParams,
        body: ZUpdateWebhook,
        response: { 200: ZWebhookResponse },
      },
    },
    async (req) => {
      const actor = authorizeManageWebhooks(req.actor);
      const row = await updateSubscription(db, config, {
        actor,
        at: nowIso(clock),
        ip: req.ip,
        id: req.params.id,
        changes: req.body,
      });
      return { data: presentWebhook(row) };
    },
  );

  app.post(
    '/webhooks/:id/secret',
    {
      schema: {
        tags: [TAG],
        summary: 'Issue a new signing secret (shown once); the old one is no longer used',
        params: ZWebhookIdParams,
        response: { 200: ZWebhookWithSecretResponse },
      },
    },
    async (req) => {
      const actor = authorizeManageWebhooks(req.actor);
      const { row, secret } = await rotateSecret(db, {
        actor,
        at: nowIso(clock),
        ip: req.ip,
        id: req.params.id,
      });
      return { data: { ...presentWebhook(row), secret } };
    },
  );

  app.delete(
    '/webhooks/:id',
    {
      schema: {
        tags: [TAG],
        summary: 'Delete a webhook subscription and its delivery log',
        params: ZWebhookIdParams,
      },
    },
    async (req, reply) => {
      const actor = authorizeManageWebhooks(req.actor);
      await deleteSubscription(db, { actor, at: nowIso(clock), ip: req.ip, id: req.params.id });
      return reply.status(204).send();
    },
  );

  app.get(
    '/webhooks/:id/deliveries',
    {
      schema: {
        tags: [TAG],
        summary: 'Delivery log of a subscription, newest first, with every attempt',
        params: ZWebhookIdParams,
        querystring: ZDeliveryListQuery,
        response: { 200: ZWebhookDeliveryListResponse },
      },
    },
    async (req) => {
      authorizeManageWebhooks(req.actor);
      await getSubscriptionOrThrow(db, req.params.id);
      const { limit, cursor } = req.query;
      const rows = await listDeliveries(db, req.params.id, {
        limit: limit + 1,
        ...(cursor ? { before: cursor } : {}),
      });
      const page = rows.slice(0, limit);
      const attempts = await listAttempts(
        db,
        page.map((r) => r.id),
      );
      return {
        data: page.map((r) => presentDelivery(r, attempts)),
        nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  );

  app.post(
    '/webhooks/:id/deliveries/:deliveryId/redeliver',
    {
      schema: {
        tags: [TAG],
        summary: 'Send a past delivery again (queued; one attempt, even if the subscription is disabled)',
        params: ZDeliveryParams,
        response: { 202: ZWebhookDeliveryResponse },
      },
    },
    async (req, reply) => {
      const actor = authorizeManageWebhooks(req.actor);
      const row = await redeliver(deps, {
        actor,
        ip: req.ip,
        subscriptionId: req.params.id,
        deliveryId: req.params.deliveryId,
      });
      return reply.status(202).send({ data: presentDelivery(row, await listAttempts(db, [row.id])) });
    },
  );

  app.post(
    '/webhooks/:id/test',
    {
      schema: {
        tags: [TAG],
        summary: 'Send a webhook.ping now and answer with the attempt',
        params: ZWebhookIdParams,
        response: { 200: ZWebhookDeliveryResponse },
      },
    },
    async (req) => {
      const actor = authorizeManageWebhooks(req.actor);
      const row = await sendPing(deps, { actor, ip: req.ip, subscriptionId: req.params.id });
      return { data: presentDelivery(row, await listAttempts(db, [row.id])) };
    },
  );
};
