import type { Locale } from '../../../shared/enums.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from './context.js';

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    /** Set by the identity module's authentication hook; null for anonymous requests. */
    actor: Actor | null;
    /** How the actor authenticated; cookie sessions need a CSRF token on unsafe methods. */
    authMethod: 'session' | 'api_key' | null;
    locale: Locale;
  }
}
