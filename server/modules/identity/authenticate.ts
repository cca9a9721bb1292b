import csrfProtection from '@fastify/csrf-protection';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from '../../platform/auth/actor.js';
import { AppError } from '../../platform/http/errors.js';
import { API_KEY_PREFIX } from './commands/create-api-key.js';
import { findApiKeyByHash, findSessionWithUser, touchApiKey, touchSession } from './identity.repository.js';
import { sha256 } from './secrets.js';
import { SESSION_COOKIE, setSessionCookie } from './session-cookie.js';

/** Writes that only refresh "last seen/used" happen at most this often per session or key. */
const TOUCH_INTERVAL_MS = 60_000;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_EXEMPT = [/^\/api\/v1\/auth\/login(\?|$)/, /^\/api\/v1\/public\//];

function isPublic(url: string): boolean {
  return url.startsWith('/api/v1/public/');
}

function bearerToken(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

function needsCsrf(req: FastifyRequest): boolean {
  return (
    req.authMethod === 'session' &&
    UNSAFE_METHODS.has(req.method) &&
    req.url.startsWith('/api/v1/') &&
    !CSRF_EXEMPT.some((re) => re.test(req.url))
  );
}

const plugin: FastifyPluginAsync = async (app) => {
  const { config, database, clock } = app.ctx;
  const ttlMs = config.sessionTtlHours * 3_600_000;

  await app.register(csrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: SESSION_COOKIE,
    getToken: (req) => {
      const value = req.headers['x-csrf-token'];
      return typeof value === 'string' ? value : undefined;
    },
  });

  async function fromApiKey(token: string): Promise<Actor> {
    if (!token.startsWith(API_KEY_PREFIX)) throw new AppError('invalid_api_key');
    const key = await findApiKeyByHash(database.db, sha256(token));
    if (!key || key.revoked_at !== null) throw new AppError('invalid_api_key');
    const now = clock();
    if (!key.last_used_at || now.getTime() - Date.parse(key.last_used_at) >= TOUCH_INTERVAL_MS) {
      await touchApiKey(database.db, key.id, now.toISOString());
    }
    return { type: 'api_key', id: key.id, role: key.role, departmentId: key.department_id, name: key.name };
  }

  async function fromSession(reply: FastifyReply, token: string): Promise<Actor | null> {
    const found = await findSessionWithUser(database.db, sha256(token));
    if (!found) return null;
    const { session, user } = found;
    const now = clock();
    if (Date.parse(session.expires_at) <= now.getTime() || Number(user.active) !== 1) return null;
    if (now.getTime() - Date.parse(session.last_seen_at) >= TOUCH_INTERVAL_MS) {
      // Sliding expiry: each minute of activity pushes the end of the session forward.
      await touchSession(database.db, session.id, {
        lastSeenAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
      });
      setSessionCookie(reply, config, token, Math.floor(ttlMs / 1000));
    }
    return { type: 'user', id: user.id, role: user.role, departmentId: user.department_id, name: user.name };
  }

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/v1/')) return;
    const bearer = isPublic(req.url) ? null : bearerToken(req);
    if (bearer) {
      req.actor = await fromApiKey(bearer);
      req.authMethod = 'api_key';
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const actor = await fromSession(reply, cookie);
    if (actor) {
      req.actor = actor;
      req.authMethod = 'session';
    }
  });

  app.addHook('onRequest', (req, reply, done) => {
    if (!needsCsrf(req)) return done();
    app.csrfProtection(req, reply, done);
  });
};

/**
 * Resolves the caller on every request: `Authorization: Bearer <api key>` (a bad key is a 401) or the
 * session cookie (an unknown or expired one leaves the request anonymous). Cookie-authenticated writes
 * under /api/v1 must carry `x-csrf-token`.
 */
export const authenticate = fp(plugin, { name: 'closeloop-authenticate', dependencies: ['@fastify/cookie'] });
