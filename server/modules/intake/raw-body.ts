import type { FastifyInstance, FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import { AppError } from '../../platform/http/errors.js';

const rawBodies = new WeakMap<FastifyRequest, Buffer>();
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

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
  app.addContentTypeParser(
    /^application\/([\w.+-]+\+)?json(;.*)?$/i,
    { parseAs: 'buffer' },
    (req, body: Buffer, done) => {
      rawBodies.set(req, body);
      if (body.length === 0) return done(new AppError('empty_body'), undefined);
      let text: string;
      try {
        text = utf8.decode(body);
      } catch {
        return done(new AppError('invalid_utf8'), undefined);
      }
      try {
        done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
      } catch {
        done(new AppError('invalid_json'), undefined);
      }
    },
  );
}

/** In this plugin's scope only: every body, whatever its type, arrives as its raw bytes (webhooks). */
export function keepRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    rawBodies.set(req, body);
    done(null, body);
  });
}
