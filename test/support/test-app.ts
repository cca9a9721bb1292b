import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../../server/platform/config/config.js';
import type { AppContext } from '../../server/platform/http/context.js';
import { createRuntime, type Runtime } from '../../server/runtime.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  runtime: Runtime;
  app: FastifyInstance;
  ctx: AppContext;
  database: TestDatabase;
  /** Runs every pending outbox event and due job now (no background timers in tests). */
  drainJobs(): Promise<void>;
  close(): Promise<void>;
}

/** The real app on a fresh database of the run's kind (DB=sqlite|postgres), in memory over app.inject. */
export async function createTestApp(
  options: { clock?: () => Date; env?: Record<string, string>; redisPrefix?: string } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig(
    {
      DATABASE_URL: database.url,
      LOG_LEVEL: 'silent',
      CLOSELOOP_DATA_DIR: '/tmp/closeloop-test-data',
      ...options.env,
    },
    { dotenv: false },
  );
  const runtime = await createRuntime(config, {
    database: database.open(),
    httpLogger: false,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.redisPrefix ? { redisPrefix: options.redisPrefix } : {}),
  });
  await runtime.app.ready();
  return {
    runtime,
    app: runtime.app,
    ctx: runtime.ctx,
    database,
    async drainJobs() {
      for (let i = 0; i < 50; i++) {
        const dispatched = await runtime.dispatcher.dispatchBatch();
        const ran = await runtime.ctx.queue.runDue(100);
        if (dispatched === 0 && ran === 0) return;
      }
    },
    async close() {
      await runtime.close();
      await database.drop();
    },
  };
}

/** app.inject returning the parsed JSON body alongside the raw response. */
export async function call<T = unknown>(
  app: FastifyInstance,
  options: InjectOptions,
): Promise<{ status: number; body: T; response: LightMyRequestResponse }> {
  const response = await app.inject(options);
  let body: unknown = response.body;
  try {
    body = response.body ? JSON.parse(response.body) : undefined;
  } catch {
    // not JSON: leave the raw text
  }
  return { status: response.statusCode, body: body as T, response };
}
