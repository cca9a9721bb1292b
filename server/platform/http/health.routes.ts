import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrationState } from '../db/migrate.js';

const ZHealth = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({
    kind: z.enum(['sqlite', 'postgres']),
    reachable: z.boolean(),
    migrations: z.object({
      applied: z.number(),
      pending: z.array(z.string()),
      latest: z.string().nullable(),
    }),
    settings: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
  queue: z.object({ kind: z.enum(['database', 'redis']), reachable: z.boolean().optional() }),
  uptimeSeconds: z.number(),
  version: z.string(),
});

/**
 * GET /api/health: 200 when the database answers and is fully migrated, 503 otherwise; with a Redis
 * queue, also whether Redis answers ("degraded" but still 200 when it does not).
 */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['platform'],
        summary: 'Readiness: database kind, migration state, SQLite journal and sync modes',
        response: { 200: ZHealth, 503: ZHealth },
      },
    },
    async (_req, reply) => {
      const { database, queue } = app.ctx;
      let reachable = true;
      let state = { applied: [] as string[], pending: [] as string[], latest: null as string | null };
      let settings: Record<string, string | number> = {};
      try {
        state = await migrationState(database.db);
        settings = await database.pragmas();
      } catch {
        reachable = false;
      }
      const ok = reachable && state.pending.length === 0;
      // Redis only carries work (the outbox keeps it), so an outage degrades but does not unready.
      const queueReachable = await queue.reachable?.();
      return reply.status(ok ? 200 : 503).send({
        status: ok && queueReachable !== false ? 'ok' : 'degraded',
        database: {
          kind: database.kind,
          reachable,
          migrations: { applied: state.applied.length, pending: state.pending, latest: state.latest },
          settings,
        },
        queue: { kind: queue.kind, ...(queueReachable === undefined ? {} : { reachable: queueReachable }) },
        uptimeSeconds: Math.round(process.uptime()),
        version: process.env.npm_package_version ?? '0.1.0',
      });
    },
  );
};
