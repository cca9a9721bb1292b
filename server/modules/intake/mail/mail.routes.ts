import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Mail endpoints (mounted under /api/v1). */
export const mailRoutes: FastifyPluginAsyncZod = async () => {};
