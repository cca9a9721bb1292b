import type { FastifyPluginAsync } from 'fastify';
import { authRoutes } from './auth.routes.js';

/** Every identity endpoint, mounted under /api/v1. */
export const identityRoutes: FastifyPluginAsync = async (app) => {
  await app.register(authRoutes);
};
