import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZLogin, ZSessionInfo } from '../../../shared/contracts/identity.js';
import { requireActor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/http/errors.js';
import { logIn } from './commands/log-in.js';
import { logOut } from './commands/log-out.js';
import { presentUser } from './identity.presenter.js';
import { findUserRowById } from './identity.repository.js';
import { clearSessionCookie, csrfTokenFor, SESSION_COOKIE, setSessionCookie } from './session-cookie.js';

const LOGIN_WINDOW = '15 minutes';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config, database, clock } = app.ctx;

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with email and password; sets the session cookie and returns a CSRF token',
        security: [],
        body: ZLogin,
        response: { 200: ZSessionInfo },
      },
      config: {
        rateLimit: {
          max: config.loginRateLimit,
          timeWindow: LOGIN_WINDOW,
          // After body parsing, so the key can include the email: one address cannot be brute-forced
          // from one IP, and one IP cannot lock everyone else out.
          hook: 'preHandler',
          keyGenerator: (req) => {
            const body = req.body as { email?: unknown } | undefined;
            const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
            return `login:${req.ip}:${email}`;
          },
        },
      },
    },
    async (req, reply) => {
      const { user, token, ttlSeconds } = await logIn({
        db: database.db,
        email: req.body.email,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
        now: clock(),
        ttlHours: config.sessionTtlHours,
      });
      setSessionCookie(reply, config, token, ttlSeconds);
      return { data: { user: presentUser(user), csrfToken: csrfTokenFor(reply, token) } };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log out: ends the session and clears the cookie',
      },
    },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (req.authMethod === 'session' && req.actor && token) {
        await logOut({
          db: database.db,
          actor: req.actor,
          token,
          ip: req.ip,
          at: clock().toISOString(),
        });
      }
      clearSessionCookie(reply, config);
      return reply.status(204).send();
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The logged-in user and a fresh CSRF token for writes',
        response: { 200: ZSessionInfo },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req.actor);
      const token = req.cookies[SESSION_COOKIE];
      if (req.authMethod !== 'session' || !actor.id || !token) throw new AppError('forbidden');
      const user = await findUserRowById(database.db, actor.id);
      if (!user) throw new AppError('unauthenticated');
      return { data: { user: presentUser(user), csrfToken: csrfTokenFor(reply, token) } };
    },
  );
};
