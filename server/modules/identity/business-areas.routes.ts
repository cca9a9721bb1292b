import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZBusinessAreaListQuery,
  ZBusinessAreaListResponse,
  ZBusinessAreaParams,
  ZBusinessAreaResponse,
  ZCreateBusinessArea,
  ZUpdateBusinessArea,
} from '../../../shared/contracts/catalog.js';
import { requireActor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/http/errors.js';
import { presentBusinessAreas } from './business-areas.presenter.js';
import type { BusinessAreaRow } from './business-areas.repository.js';
import { listBusinessAreaRows, listDepartmentsForAreas } from './business-areas.repository.js';
import {
  createBusinessArea,
  deleteBusinessArea,
  updateBusinessArea,
} from './commands/manage-business-areas.js';
import { authorize, canManageDepartments, isStaffRole } from './identity.policy.js';

/** The business-area catalogue (售前 / 售后 / 技术支持 and configurable others). */
export const businessAreaRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.ctx;
  const db = database.db;
  const present = async (row: BusinessAreaRow) =>
    presentBusinessAreas([row], await listDepartmentsForAreas(db))[0]!;

  app.get(
    '/business-areas',
    {
      schema: {
        tags: ['business-areas'],
        summary: 'List business areas in catalogue order, with the departments that receive each (staff)',
        querystring: ZBusinessAreaListQuery,
        response: { 200: ZBusinessAreaListResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req.actor);
      if (!isStaffRole(actor.role)) throw new AppError('forbidden');
      const active = req.query.active === undefined ? undefined : req.query.active === 'true';
      const rows = await listBusinessAreaRows(db, active === undefined ? {} : { active });
      return { data: presentBusinessAreas(rows, await listDepartmentsForAreas(db)) };
    },
  );

  app.post(
    '/business-areas',
    {
      schema: {
        tags: ['business-areas'],
        summary: 'Add a business area (admin); 409 business_area_code_taken when the code exists',
        body: ZCreateBusinessArea,
        response: { 201: ZBusinessAreaResponse },
      },
    },
    async (req, reply) => {
      const actor = authorize(req.actor, canManageDepartments);
      const row = await createBusinessArea({
        db,
        actor,
        at: clock().toISOString(),
        ip: req.ip,
        input: req.body,
      });
      return reply.status(201).send({ data: await present(row) });
    },
  );

  app.patch(
    '/business-areas/:code',
    {
      schema: {
        tags: ['business-areas'],
        summary: 'Change labels, sort order or on/off of a business area (admin); the code never changes',
        params: ZBusinessAreaParams,
        body: ZUpdateBusinessArea,
        response: { 200: ZBusinessAreaResponse },
      },
    },
    async (req) => {
      const actor = authorize(req.actor, canManageDepartments);
      const row = await updateBusinessArea({
        db,
        actor,
        at: clock().toISOString(),
        ip: req.ip,
        code: req.params.code,
        patch: req.body,
      });
      return { data: await present(row) };
    },
  );

  app.delete(
    '/business-areas/:code',
    {
      schema: {
        tags: ['business-areas'],
        summary:
          'Remove a business area nothing uses (admin); 409 business_area_in_use otherwise (deactivate it instead)',
        params: ZBusinessAreaParams,
      },
    },
    async (req, reply) => {
      const actor = authorize(req.actor, canManageDepartments);
      await deleteBusinessArea({ db, actor, at: clock().toISOString(), ip: req.ip, code: req.params.code });
      return reply.status(204).send();
    },
  );
};
