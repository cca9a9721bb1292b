import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Paths other origins may call from a browser (portal and widget endpoints); everything else stays same-origin. */
export const PUBLIC_API_PREFIX = '/api/v1/public/';

const CACHE_MS = 5_000;

/**
 * The origins whose pages may call the public API from a browser: fixed ones (configuration) plus
 * those the modules keep in the database (read at most every few seconds; `invalidate()` after a change).
 */
export class PublicOrigins {
  private cached: { at: number; origins: Set<string> } | null = null;
  private readonly loaders: Array<() => Promise<readonly string[]>> = [];

  constructor(
    private readonly fixed: readonly string[],
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds a source of allowed origins (e.g. the widget settings table). */
  addSource(load: () => Promise<readonly string[]>): void {
    this.loaders.push(load);
    this.invalidate();
  }

  invalidate(): void {
    this.cached = null;
  }

  async allows(origin: string): Promise<boolean> {
    const now = this.now();
    if (!this.cached || now - this.cached.at > CACHE_MS) {
      const lists = await Promise.all(this.loaders.map((load) => load()));
      this.cached = { at: now, origins: new Set([...this.fixed, ...lists.flat()]) };
    }
    return this.cached.origins.has(origin);
  }
}

/**
 * CORS for the public API only: an allowed Origin is echoed (no credentials: the public endpoints use no
 * cookies), any other origin gets no CORS headers, so the browser refuses to hand the answer to its page.
 */
export async function registerPublicCors(app: FastifyInstance, origins: PublicOrigins): Promise<void> {
  await app.register(cors, {
    hook: 'onRequest',
    delegator: async (req: FastifyRequest) => {
      const origin = req.headers.origin;
      const allowed =
        typeof origin === 'string' && req.url.startsWith(PUBLIC_API_PREFIX) && (await origins.allows(origin));
      if (!allowed) return { origin: false };
      return {
        origin: true,
        methods: ['GET', 'POST'],
        allowedHeaders: [
          'content-type',
          'accept-language',
          'idempotency-key',
          'x-file-name',
          'authorization',
        ],
        exposedHeaders: ['retry-after'],
        credentials: false,
        maxAge: 600,
      };
    },
  });
}
