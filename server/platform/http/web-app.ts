import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Content-Security-Policy of the app pages: scripts and styles only from our own origin (no inline
 * script), API calls to our own origin, no framing, no plugins.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HASHED_ASSET_CACHE = 'public, max-age=31536000, immutable';

function setPageHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', WEB_CSP);
  reply.header('cache-control', 'no-cache');
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'same-origin');
}

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Closeloop</title></head>
<body><h1>Closeloop</h1>
<p>网页应用尚未构建：请运行 <code>npm run build</code>（<code>npm start</code> 会自动构建）。API 可在 <a href="/api/docs">/api/docs</a> 使用。</p>
<p>The web app is not built yet: run <code>npm run build</code> (<code>npm start</code> builds it for you). The API is at <a href="/api/docs">/api/docs</a>.</p>
</body></html>`;

/**
 * Serves the built web app (`vite build` output) at `/`: hashed files under `/assets/` cached for a
 * year, every other GET outside `/api/` answered with index.html (the app routes on the client), never
 * cached and under the CSP above. `/api/**` is untouched: unknown API paths keep their JSON 404.
 */
export async function registerWebApp(app: FastifyInstance, distDir: string): Promise<void> {
  const indexFile = path.join(distDir, 'index.html');
  const built = fs.existsSync(indexFile);

  if (built) {
    await app.register(fastifyStatic, {
      root: distDir,
      prefix: '/',
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: (res, filePath) => {
        if (filePath.startsWith(path.join(distDir, 'assets') + path.sep)) {
          res.header('cache-control', HASHED_ASSET_CACHE);
        } else if (filePath.endsWith('.html')) {
          res.header('content-security-policy', WEB_CSP);
          res.header('cache-control', 'no-cache');
        } else {
          res.header('cache-control', 'public, max-age=3600');
        }
        res.header('x-content-type-options', 'nosniff');
      },
    });
  }

  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const pathname = req.url.split('?')[0] ?? '/';
    // API paths and missing asset files are real 404s, never the app page.
    if (pathname === '/api' || pathname.startsWith('/api/') || pathname.startsWith('/assets/')) {
      return reply.callNotFound();
    }
    setPageHeaders(reply);
    if (!built) return reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    return reply.type('text/html; charset=utf-8').sendFile('index.html', distDir);
  });
}
