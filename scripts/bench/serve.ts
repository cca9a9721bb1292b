// A benchmark server in its own process, so the load generator never shares its event loop.
//   tsx scripts/bench/serve.ts app   (DATABASE_URL from the environment) — the real Closeloop server
//   tsx scripts/bench/serve.ts bare  — a plain Fastify server whose POST endpoint does nothing
// Protocol: one JSON line on stdout when listening ({"event":"listening","port"}); stdin commands
// "reset" (peak memory), "report" (prints {"event":"report","peakRss","rss"}) and "exit".
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadConfig } from '../../server/platform/config/config.js';
import { createRuntime } from '../../server/runtime.js';

const mode = process.argv[2];
const background = !process.argv.includes('--no-background');

function send(message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function startApp(): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const config = loadConfig(
    {
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      CLOSELOOP_DATA_DIR: path.join(os.tmpdir(), 'closeloop-bench-data'),
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('PUBLIC_RATE_LIMIT_'))),
    },
    { dotenv: false },
  );
  const runtime = await createRuntime(config, { httpLogger: false });
  if (background) runtime.startBackground({ worker: true, scheduler: false });
  return { app: runtime.app, close: () => runtime.close() };
}

async function startBare(): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  const app = Fastify({ logger: false });
  app.post('/noop', async (_req, reply) => reply.code(201).send({ data: { ok: true } }));
  return { app, close: () => app.close() };
}

async function main(): Promise<void> {
  const server = mode === 'bare' ? await startBare() : await startApp();
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  sampler.unref();

  const lines = readline.createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const command = line.trim();
    if (command === 'reset') peakRss = process.memoryUsage().rss;
    else if (command === 'report') {
      const rss = process.memoryUsage().rss;
      peakRss = Math.max(peakRss, rss);
      send({ event: 'report', peakRss, rss });
    } else if (command === 'exit') {
      lines.close();
      clearInterval(sampler);
      void server.close().then(() => {
        send({ event: 'closed' });
        process.exit(0);
      });
    }
  });
  send({ event: 'listening', port });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
