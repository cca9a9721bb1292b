import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  dataOf,
  listOf,
  ZCreateUser,
  ZIdParams,
  ZListUsersQuery,
  ZUpdateUser,
  ZUser,
} from '../../../shared/contracts/identity.js';
import { AppError } from '../../platform/http/errors.js';
import { createUser } from './commands/create-user.js';
import { updateUser } from './commands/update-user.js';
import { authorize, canListUsers, canManageUsers } from './identity.policy.js';
import { presentUser } from './identity.presenter.js';
import { findUserRowById } from './identity.repository.js';
import { listUsers } from './queries/list-users.js';

export const usersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.ctx;

  app.get(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'List users (every staff role: colleagues are needed for assignment)',
        querystring: ZListUsersQuery,
        response: { 200: listOf(ZUser) },
      },
    },
    async (req) => {
      authorize(req.actor, canListUsers);
      return listUsers(database.db, req.query);
    },
  );

  app.post(
    '/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user (admin)',
        body: ZCreateUser,
        response: { 201: dataOf(ZUser) },
      },
    },
    async (req, reply) => {
      const actor = authorize(req.actor, canManageUsers);
      const created = await createUser(database.db, req.body, clock().toISOString(), { actor, ip: req.ip });
      const row = await findUserRowById(database.db, created.id);
      if (!row) throw new AppError('user_not_found');
      return reply.status(201).send({ data: presentUser(row) });
    },
  );

  app.get(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'One user',
        params: ZIdParams,
        response: { 200: dataOf(ZUser) },
      },
    },
    async (req) => {
      authorize(req.actor, canListUsers);
      const row = await findUserRowById(database.db, req.params.id);
      if (!row) throw new AppError('user_not_found');
      return { data: presentUser(row) };
    },
  );

  app.patch(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change a user: name, role, department, locale, time zone, active, password (admin)',
        description:
          'Users are deactivated (`active: false`), never deleted, so their history keeps its author.',
        params: ZIdParams,
        body: ZUpdateUser,
        response: { 200: dataOf(ZUser) },
      },
    },
    async (req) => {
      const actor = authorize(req.actor, canManageUsers);
      const row = await updateUser({
        db: database.db,
        actor,
        id: req.params.id,
        patch: req.body,
        ip: req.ip,
        at: clock().toISOString(),
      });
      return { data: presentUser(row) };
    },
  );
};
