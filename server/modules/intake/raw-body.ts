import type { FastifyInstance, FastifyRequest } from 'fastify';
import { JSON_CONTENT_TYPE, parseStrictJson } from '../../platform/http/json-body.js';

const rawBodies = new WeakMap<FastifyRequest, Buffer>();

/** The exact bytes of the request body, when a parser of this module kept them. */
export function rawBodyOf(req: FastifyRequest): Buffer | null {
  return rawBodies.get(req) ?? null;
}

/**
 * In this plugin's scope only: JSON bodies are parsed as strictly as everywhere else (UTF-8, no
 * prototype keys) but their bytes are kept for the raw original.
 */
export function keepRawJsonBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(JSON_CONTENT_TYPE, { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    rawBodies.set(req, body);
    try {
      done(null, parseStrictJson(body));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

/** In this plugin's scope only: every body, whatever its type, arrives as its raw bytes (webhooks). */
export function keepRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    rawBodies.set(req, body);
    done(null, body);
  });
}
