import type { FastifyPluginAsync } from 'fastify';
import { apiKeysRoutes } from './api-keys.routes.js';
import { auditRoutes } from './audit.routes.js';
import { authRoutes } from './auth.routes.js';
import { businessAreaRoutes } from './business-areas.routes.js';
import { departmentsRoutes } from './departments.routes.js';
import { usersRoutes } from './users.routes.js';

/** Every identity endpoint, mounted under /api/v1. */
export const identityRoutes: FastifyPluginAsync = async (app) => {
  await app.register(authRoutes);
  await app.register(usersRoutes);
  await app.register(departmentsRoutes);
  await app.register(businessAreaRoutes);
  await app.register(apiKeysRoutes);
  await app.register(auditRoutes);
};
