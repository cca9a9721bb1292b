import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listOf, ZAuditEntry, ZListAuditQuery } from '../../../shared/contracts/identity.js';
import { authorize, canReadAuditLog } from './identity.policy.js';
import { listAuditLog } from './queries/list-audit-log.js';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit-log',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first (admin, supervisor)',
        querystring: ZListAuditQuery,
        response: { 200: listOf(ZAuditEntry) },
      },
    },
    async (req) => {
      authorize(req.actor, canReadAuditLog);
      return listAuditLog(app.ctx.database.db, req.query);
    },
  );
};
