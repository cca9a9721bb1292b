import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { AppError } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** application/json and every application/…+json type. */
export const JSON_CONTENT_TYPE = /^application\/([\w.+-]+\+)?json(;.*)?$/i;

/**
 * Parses a JSON body strictly: invalid UTF-8 is refused (not replaced) and prototype keys are refused.
 * Throws AppError empty_body / invalid_utf8 / invalid_json.
 */
export function parseStrictJson(body: Buffer): unknown {
  if (body.length === 0) throw new AppError('empty_body');
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new AppError('invalid_utf8');
  }
  try {
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch {
    throw new AppError('invalid_json');
  }
}

/** JSON bodies: strict UTF-8 and no prototype poisoning (see parseStrictJson). */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser(JSON_CONTENT_TYPE, { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
    try {
      done(null, parseStrictJson(body));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
