import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZCreateCustomer,
  ZCustomerIdentityParams,
  ZCustomerListResponse,
  ZCustomerParams,
  ZCustomerResponse,
  ZEraseCustomer,
  ZIdentityInput,
  ZListCustomersQuery,
  ZUpdateCustomer,
} from '../../../shared/contracts/customers.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Trx } from '../../platform/db/database.js';
import { nowIso } from '../../platform/db/ids.js';
import { addIdentity } from './commands/add-identity.js';
import { createCustomer } from './commands/create-customer.js';
import { eraseCustomer } from './commands/erase-customer.js';
import { removeIdentity } from './commands/remove-identity.js';
import { updateCustomer } from './commands/update-customer.js';
import { authorizeCustomer, canSeeCustomerPii } from './customers.policy.js';
import { presentCustomer } from './customers.presenter.js';
import { getCustomerOrThrow } from './queries/get-customer.js';
import { listCustomers } from './queries/list-customers.js';

const tags = ['customers'];

/** Customer profiles: CRUD, identities, PIPL/GDPR erasure. Mounted under /api/v1. */
export const customersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx.database;
  const write = <T>(fn: (trx: Trx, at: string) => Promise<T>) =>
    db.transaction().execute((trx) => fn(trx, nowIso(app.ctx.clock)));
  const detail = async (actor: Actor, id: string) => ({
    data: presentCustomer(await getCustomerOrThrow(db, id), {
      context: 'detail',
      piiAllowed: canSeeCustomerPii(actor),
    }),
  });
  const audit = (req: FastifyRequest) => ({ ip: req.ip });

  app.post(
    '/customers',
    {
      schema: {
        tags,
        summary: 'Create a customer with identities (email, phone, external id)',
        body: ZCreateCustomer,
        response: { 201: ZCustomerResponse },
      },
    },
    async (req, reply) => {
      const actor = authorizeCustomer(req.actor, 'create');
      const id = await write((trx, at) => createCustomer({ trx, actor, input: req.body, at, ...audit(req) }));
      return reply.status(201).send(await detail(actor, id));
    },
  );

  app.get(
    '/customers',
    {
      schema: {
        tags,
        summary: 'List customers (newest first; search by name, email or phone; contacts masked)',
        querystring: ZListCustomersQuery,
        response: { 200: ZCustomerListResponse },
      },
    },
    async (req) => {
      const actor = authorizeCustomer(req.actor, 'read');
      const page = await listCustomers(db, req.query);
      const piiAllowed = canSeeCustomerPii(actor);
      return {
        data: page.items.map((view) => presentCustomer(view, { context: 'list', piiAllowed })),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.get(
    '/customers/:id',
    {
      schema: {
        tags,
        summary: 'Get a customer with identities and feedback stats',
        params: ZCustomerParams,
        response: { 200: ZCustomerResponse },
      },
    },
    async (req) => detail(authorizeCustomer(req.actor, 'read'), req.params.id),
  );

  app.patch(
    '/customers/:id',
    {
      schema: {
        tags,
        summary: 'Update name, tier, locale or notes',
        params: ZCustomerParams,
        body: ZUpdateCustomer,
        response: { 200: ZCustomerResponse },
      },
    },
    async (req) => {
      const actor = authorizeCustomer(req.actor, 'update');
      const customerId = req.params.id;
      await write((trx, at) =>
        updateCustomer({ trx, actor, customerId, input: req.body, at, ...audit(req) }),
      );
      return detail(actor, customerId);
    },
  );

  app.post(
    '/customers/:id/identities',
    {
      schema: {
        tags,
        summary: 'Add an email, phone or external id (409 identity_taken if another customer has it)',
        params: ZCustomerParams,
        body: ZIdentityInput,
        response: { 200: ZCustomerResponse, 201: ZCustomerResponse },
      },
    },
    async (req, reply) => {
      const actor = authorizeCustomer(req.actor, 'update');
      const customerId = req.params.id;
      const result = await write((trx, at) =>
        addIdentity({ trx, actor, customerId, input: req.body, at, ...audit(req) }),
      );
      return reply.status(result.created ? 201 : 200).send(await detail(actor, customerId));
    },
  );

  app.delete(
    '/customers/:id/identities/:identityId',
    {
      schema: {
        tags,
        summary: 'Remove an identity from a customer',
        params: ZCustomerIdentityParams,
        response: { 200: ZCustomerResponse },
      },
    },
    async (req) => {
      const actor = authorizeCustomer(req.actor, 'update');
      const { id: customerId, identityId } = req.params;
      await write((trx, at) => removeIdentity({ trx, actor, customerId, identityId, at, ...audit(req) }));
      return detail(actor, customerId);
    },
  );

  app.post(
    '/customers/:id/erase',
    {
      schema: {
        tags,
        summary: 'Erase personal data (PIPL/GDPR): identities, name, notes; feedback is kept (admin only)',
        params: ZCustomerParams,
        body: ZEraseCustomer,
        response: { 200: ZCustomerResponse },
      },
    },
    async (req) => {
      const actor = authorizeCustomer(req.actor, 'erase');
      const customerId = req.params.id;
      const reason = req.body?.reason;
      await write((trx, at) =>
        eraseCustomer({ trx, actor, customerId, ...(reason ? { reason } : {}), at, ...audit(req) }),
      );
      return detail(actor, customerId);
    },
  );
};
