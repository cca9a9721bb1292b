import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from './errors.js';
import { pickLocale } from './locale.js';
import { fieldErrors } from './validation.js';

function toAppError(error: FastifyError, request: FastifyRequest, bodyLimit: number): AppError {
  if (isAppError(error)) return error;
  const locale = pickLocale(request.headers['accept-language']);
  const details = fieldErrors(error, locale, error.validationContext);
  if (details) return new AppError('validation_failed', { details });
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('body_too_large', {
        params: { limit: request.routeOptions.bodyLimit ?? bodyLimit },
      });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', {
        params: { type: String(request.headers['content-type'] ?? '') },
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('empty_body');
    case 'FST_CSRF_INVALID_TOKEN':
    case 'FST_CSRF_MISSING_SECRET':
      return new AppError('csrf_invalid');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('validation_failed', { details: [{ path: 'content-length', code: 'invalid' }] });
  }
  if (error.statusCode === 429) {
    return new AppError('rate_limited', {
      params: { after: String(error.message.match(/retry in ([^.]+)/)?.[1] ?? '1 minute') },
    });
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('validation_failed', {
      status: error.statusCode,
      details: [{ code: error.code, message: error.message }],
    });
  }
  return new AppError('internal_error');
}

/** One error shape for every failure: `{ error: { code, message, details? } }` in the caller's language. */
export function registerErrorHandling(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error, request, bodyLimit);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    const locale = pickLocale(request.headers['accept-language']);
    if (appError.code === 'rate_limited' && error.statusCode === 429) {
      for (const h of ['retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
        const v = reply.getHeader(h);
        if (v !== undefined) reply.header(h, v);
      }
    }
    return reply.status(appError.status).send(appError.toBody(locale));
  });
  app.setNotFoundHandler((request, reply) => {
    const locale = pickLocale(request.headers['accept-language']);
    const e = new AppError('route_not_found', {
      params: { method: request.method, url: request.url.split('?')[0] },
    });
    return reply.status(404).send(e.toBody(locale));
  });
}
