import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  dataOf,
  listOf,
  ZCreateDepartment,
  ZDepartment,
  ZIdParams,
  ZUpdateDepartment,
} from '../../../shared/contracts/identity.js';
import { requireActor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/http/errors.js';
import { createDepartment } from './commands/create-department.js';
import { assertBusinessAreasUsable } from './commands/manage-business-areas.js';
import { deleteDepartment, updateDepartment } from './commands/update-department.js';
import { authorize, canManageDepartments } from './identity.policy.js';
import { parseBusinessAreas, presentDepartment } from './identity.presenter.js';
import { findDepartmentById, listDepartmentRows } from './identity.repository.js';

export const departmentsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.ctx;

  app.get(
    '/departments',
    {
      schema: {
        tags: ['departments'],
        summary: 'List departments',
        response: { 200: listOf(ZDepartment) },
      },
    },
    async (req) => {
      requireActor(req.actor);
      const rows = await listDepartmentRows(database.db);
      return { data: rows.map(presentDepartment), nextCursor: null };
    },
  );

  app.post(
    '/departments',
    {
      schema: {
        tags: ['departments'],
        summary: 'Create a department (admin)',
        body: ZCreateDepartment,
        response: { 201: dataOf(ZDepartment) },
      },
    },
    async (req, reply) => {
      const actor = authorize(req.actor, canManageDepartments);
      await assertBusinessAreasUsable(database.db, req.body.businessAreas ?? []);
      const created = await createDepartment(database.db, req.body, clock().toISOString(), {
        actor,
        ip: req.ip,
      });
      const row = await findDepartmentById(database.db, created.id);
      if (!row) throw new AppError('department_not_found');
      return reply.status(201).send({ data: presentDepartment(row) });
    },
  );

  app.patch(
    '/departments/:id',
    {
      schema: {
        tags: ['departments'],
        summary: 'Change a department (admin)',
        params: ZIdParams,
        body: ZUpdateDepartment,
        response: { 200: dataOf(ZDepartment) },
      },
    },
    async (req) => {
      const actor = authorize(req.actor, canManageDepartments);
      if (req.body.businessAreas) {
        const current = await findDepartmentById(database.db, req.params.id);
        await assertBusinessAreasUsable(
          database.db,
          req.body.businessAreas,
          current ? parseBusinessAreas(current.business_areas) : [],
        );
      }
      const row = await updateDepartment({
        db: database.db,
        actor,
        id: req.params.id,
        patch: req.body,
        ip: req.ip,
        at: clock().toISOString(),
      });
      return { data: presentDepartment(row) };
    },
  );

  app.delete(
    '/departments/:id',
    {
      schema: {
        tags: ['departments'],
        summary: 'Delete a department nothing refers to (admin); 409 department_in_use otherwise',
        params: ZIdParams,
      },
    },
    async (req, reply) => {
      const actor = authorize(req.actor, canManageDepartments);
      await deleteDepartment({
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
