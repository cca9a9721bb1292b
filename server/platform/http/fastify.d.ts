import type { Locale } from '../../../shared/enums.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from './context.js';
import type { PublicOrigins } from './cors.js';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    /** Origins allowed to call the public API from a browser (see cors.ts). */
    publicOrigins: PublicOrigins;
  }
  interface FastifyRequest {
    /** Set by the identity module's authentication hook; null for anonymous requests. */
    actor: Actor | null;
    /** How the actor authenticated; cookie sessions need a CSRF token on unsafe methods. */
    authMethod: 'session' | 'api_key' | null;
    locale: Locale;
  }
}
