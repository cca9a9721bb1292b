import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../platform/config/config.js';

export const SESSION_COOKIE = 'closeloop_session';

function secure(config: Config, req: FastifyRequest): boolean {
  return config.cookieSecure === 'auto' ? req.protocol === 'https' : config.cookieSecure;
}

/** Sets the http-only session cookie, valid as long as the session itself. */
export function setSessionCookie(
  reply: FastifyReply,
  config: Config,
  token: string,
  ttlSeconds: number,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(config, reply.request),
    maxAge: ttlSeconds,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(config, reply.request),
  });
}

/**
 * A CSRF token bound to the session: @fastify/csrf-protection uses the session cookie's value as its
 * secret, so a token is only valid together with the session it was issued for.
 */
export function csrfTokenFor(reply: FastifyReply, sessionToken: string): string {
  reply.request.cookies[SESSION_COOKIE] = sessionToken;
  return reply.generateCsrf();
}
