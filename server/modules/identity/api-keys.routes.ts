import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  dataOf,
  listOf,
  ZApiKey,
  ZCreateApiKey,
  ZCreatedApiKey,
  ZIdParams,
} from '../../../shared/contracts/identity.js';
import { AppError } from '../../platform/http/errors.js';
import { createApiKey } from './commands/create-api-key.js';
import { revokeApiKey } from './commands/revoke-api-key.js';
import { authorize, canManageApiKeys } from './identity.policy.js';
import { presentApiKey } from './identity.presenter.js';
import { findApiKeyById, listApiKeyRows } from './identity.repository.js';

export const apiKeysRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.ctx;

  app.post(
    '/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key (admin); the key is shown only in this response',
        body: ZCreateApiKey,
        response: { 201: dataOf(ZCreatedApiKey) },
      },
    },
    async (req, reply) => {
      const actor = authorize(req.actor, canManageApiKeys);
      const created = await createApiKey(
        database.db,
        { ...req.body, createdBy: actor.type === 'user' ? actor.id : null },
        clock().toISOString(),
        { actor, ip: req.ip },
      );
      const row = await findApiKeyById(database.db, created.id);
      if (!row) throw new AppError('api_key_not_found');
      return reply.status(201).send({ data: { ...presentApiKey(row), key: created.key } });
    },
  );

  app.get(
    '/api-keys',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'List API keys (admin); secrets are never returned',
        response: { 200: listOf(ZApiKey) },
      },
    },
    async (req) => {
      authorize(req.actor, canManageApiKeys);
      const rows = await listApiKeyRows(database.db);
      return { data: rows.map(presentApiKey), nextCursor: null };
    },
  );

  app.delete(
    '/api-keys/:id',
    {
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key (admin)',
        params: ZIdParams,
      },
    },
    async (req, reply) => {
      const actor = authorize(req.actor, canManageApiKeys);
      await revokeApiKey({
        db: database.db,
        actor,
        id: req.params.id,
        ip: req.ip,
        at: clock().toISOString(),
      });
      return reply.status(204).send();
    },
  );
};
