import type { FastifyInstance } from 'fastify';
import secureJson from 'secure-json-parse';
import { AppError } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** JSON bodies: strict UTF-8 (invalid bytes are refused, not replaced) and no prototype poisoning. */
export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser(
    /^application\/([\w.+-]+\+)?json(;.*)?$/i,
    { parseAs: 'buffer' },
    (_req, body: Buffer, done) => {
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
