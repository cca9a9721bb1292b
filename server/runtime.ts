import type { FastifyInstance } from 'fastify';
import { authenticate, MODULES } from './modules/index.js';
import type { Listener } from './modules/module.js';
import type { Config } from './platform/config/config.js';
import { type DatabaseHandle, openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { OutboxDispatcher } from './platform/events/dispatcher.js';
import { buildApp } from './platform/http/app.js';
import type { AppContext } from './platform/http/context.js';
import { BullMqJobQueue } from './platform/jobs/bullmq-queue.js';
import { DatabaseJobQueue } from './platform/jobs/database-queue.js';
import { purgePlatformTables } from './platform/jobs/maintenance.js';
import { type JobQueue, SubscriberRegistry } from './platform/jobs/queue.js';
import { Scheduler } from './platform/jobs/scheduler.js';
import { createLogger } from './platform/logging/logger.js';

export interface Runtime {
  ctx: AppContext;
  dispatcher: OutboxDispatcher;
  app: FastifyInstance;
  scheduler: Scheduler;
  /** Starts the worker (queue + outbox dispatcher) and/or the scheduler in this process. */
  startBackground(services?: { worker: boolean; scheduler: boolean }): void;
  /** Starts the modules' own listeners (inbound SMTP …), with the web service; closed by close(). */
  startListeners(): Promise<Listener[]>;
  close(): Promise<void>;
}

/** Opens and migrates the database, wires modules, subscribers and the queue, and builds the HTTP app. */
export async function createRuntime(
  config: Config,
  options: {
    clock?: () => Date;
    database?: DatabaseHandle;
    httpLogger?: boolean;
    /** Redis key prefix of the BullMQ queue (tests isolate with a random one). */
    redisPrefix?: string;
  } = {},
): Promise<Runtime> {
  const logger = createLogger(config.logLevel);
  const database = options.database ?? openDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
  const clock = options.clock ?? (() => new Date());
  const subscribers = new SubscriberRegistry();
  const queue: JobQueue = config.redisUrl
    ? new BullMqJobQueue(subscribers, logger, {
        url: config.redisUrl,
        clock,
        ...(options.redisPrefix ? { prefix: options.redisPrefix } : {}),
      })
    : new DatabaseJobQueue(database, subscribers, logger, { clock });
  const ctx: AppContext = { config, database, queue, subscribers, logger, clock };
  subscribers.register('maintenance.purge', async () => {
    const purged = await purgePlatformTables(database, clock());
    logger.info({ purged }, 'maintenance purge');
  });
  for (const module of MODULES) module.registerJobs?.(ctx);
  const dispatcher = new OutboxDispatcher(database, queue, subscribers, logger, { clock });
  const scheduler = new Scheduler(
    queue,
    [{ jobName: 'maintenance.purge', everyMs: 3_600_000 }, ...MODULES.flatMap((m) => m.schedule ?? [])],
    logger,
    clock,
  );
  const app = await buildApp(ctx, {
    authenticate,
    modules: MODULES,
    logger: options.httpLogger ?? true,
    ...(options.redisPrefix ? { redisPrefix: options.redisPrefix } : {}),
  });
  const listeners: Listener[] = [];
  return {
    ctx,
    dispatcher,
    scheduler,
    app,
    startBackground(services = { worker: true, scheduler: true }) {
      if (services.worker) {
        queue.start();
        dispatcher.start();
      }
      if (services.scheduler) scheduler.start();
    },
    async startListeners() {
      for (const module of MODULES) {
        const listener = await module.listen?.(ctx);
        if (listener) listeners.push(listener);
      }
      return listeners;
    },
    async close() {
      for (const listener of listeners.splice(0)) await listener.close();
      await scheduler.stop();
      await dispatcher.stop();
      await queue.stop();
      await app.close();
      await database.close();
    },
  };
}
