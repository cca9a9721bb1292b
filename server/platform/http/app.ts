import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyPluginAsync, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import { Redis } from 'ioredis';
import type { AppContext } from './context.js';
import { PublicOrigins, registerPublicCors } from './cors.js';
import { registerErrorHandling } from './error-handler.js';
import { healthRoutes } from './health.routes.js';
import { registerJsonBodyParser } from './json-body.js';
import { pickLocale } from './locale.js';
import { zodValidatorCompiler } from './validation.js';
import { registerWebApp } from './web-app.js';

export interface AppModule {
  /** Routes mounted under /api/v1 (or at their own absolute paths when `prefix` is ''). */
  routes: FastifyPluginAsync;
  prefix?: string;
}

/**
 * Assembles the HTTP app: platform plugins first, then the authentication hook, then each module's
 * routes. The same function serves production and in-memory tests (`app.inject`).
 */
export async function buildApp(
  ctx: AppContext,
  options: {
    authenticate: FastifyPluginAsync;
    modules: AppModule[];
    logger?: boolean;
    /** Key prefix of the shared rate-limit counters in Redis (tests isolate with a random one). */
    redisPrefix?: string;
  },
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: ctx.config.logLevel },
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: false,
    logController: new LogController({
      disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace',
    }),
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.decorate('ctx', ctx);
  app.decorateRequest('actor', null);
  app.decorateRequest('authMethod', null);
  app.decorateRequest('locale', 'en');
  app.addHook('onRequest', async (req) => {
    req.locale = pickLocale(req.headers['accept-language']);
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerJsonBodyParser(app);
  registerErrorHandling(app, ctx.config.bodyLimitBytes);

  const publicOrigins = new PublicOrigins(ctx.config.widgetAllowedOrigins);
  app.decorate('publicOrigins', publicOrigins);
  await registerPublicCors(app, publicOrigins);
  await app.register(cookie);
  await app.register(rateLimit, { global: false, ...sharedRateLimitStore(app, ctx, options.redisPrefix) });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Closeloop API',
        version: '1.0.0',
        description:
          'Customer feedback management (客户反馈管理). Errors: `{ "error": { "code", "message", "details" } }`, ' +
          'message in zh-CN or en by Accept-Language. Authenticate with a session cookie (POST /api/v1/auth/login; ' +
          'send the CSRF token as `x-csrf-token` on writes) or `Authorization: Bearer <api key>`.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'closeloop_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { persistAuthorization: true } });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes);
  await app.register(options.authenticate);
  for (const module of options.modules) {
    await app.register(module.routes, { prefix: module.prefix ?? '/api/v1' });
  }
  await registerWebApp(app, ctx.config.webDistDir);
  return app;
}

/**
 * With REDIS_URL the rate-limit counters live in Redis, so every web process counts against the same limits;
 * otherwise each process keeps its own in memory. When Redis does not answer, requests pass (logged): a
 * limit is not worth refusing customers' submissions.
 */
function sharedRateLimitStore(app: FastifyInstance, ctx: AppContext, prefix = 'closeloop') {
  if (!ctx.config.redisUrl) return {};
  const redis = new Redis(ctx.config.redisUrl, {
    connectTimeout: 1000,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
  });
  redis.on('error', (error) => ctx.logger.warn({ err: error }, 'rate-limit store (Redis) unavailable'));
  app.addHook('onClose', async () => {
    redis.disconnect();
  });
  return { redis, nameSpace: `${prefix}:rate-limit:`, skipOnError: true };
}
