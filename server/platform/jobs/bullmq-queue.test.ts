import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  deleteRedisKeys,
  REDIS_REQUIRED,
  REDIS_TEST_URL,
  randomRedisPrefix,
  redisAnswers,
} from '../../../test/support/redis.js';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { createRuntime } from '../../runtime.js';
import { loadConfig } from '../config/config.js';
import { migrateToLatest } from '../db/migrate.js';
import { OutboxDispatcher } from '../events/dispatcher.js';
import { recordEvent } from '../events/outbox.js';
import { createLogger } from '../logging/logger.js';
import { BullMqJobQueue, type BullMqQueueOptions, jobIdFor, QUEUE_NAME } from './bullmq-queue.js';
import { backoffMs } from './database-queue.js';
import { SubscriberRegistry } from './queue.js';

const logger = createLogger('silent');
const redisUp = await redisAnswers();
const skip = !redisUp && !REDIS_REQUIRED;
if (skip) {
  console.warn(
    `Redis at ${REDIS_TEST_URL} is unreachable: skipping the BullMQ queue tests (CI=true or REQUIRE_REDIS=1 makes this a failure).`,
  );
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('jobIdFor', () => {
  it('turns dedupe keys into ids BullMQ accepts, keeping distinct keys distinct', () => {
    expect(jobIdFor('0190:notify.on-created')).not.toContain(':');
    expect(jobIdFor('a:b')).not.toBe(jobIdFor('a%3Ab'));
    expect(jobIdFor('42')).not.toMatch(/^\d+$/);
  });
});

describe.skipIf(skip)(skip ? 'BullMQ job queue (skipped: Redis unreachable)' : 'BullMQ job queue', () => {
  let prefix: string;
  let opened: BullMqJobQueue[];
  let inspector: Queue | undefined;

  beforeAll(() => {
    if (!redisUp)
      throw new Error(`Redis at ${REDIS_TEST_URL} is unreachable, and CI/REQUIRE_REDIS requires it`);
  });
  beforeEach(() => {
    prefix = randomRedisPrefix();
    opened = [];
  });
  afterEach(async () => {
    for (const queue of opened) await queue.stop();
    await inspector?.close();
    inspector = undefined;
    await deleteRedisKeys(prefix);
  });

  function open(registry: SubscriberRegistry, options: Partial<BullMqQueueOptions> = {}): BullMqJobQueue {
    const queue = new BullMqJobQueue(registry, logger, { url: REDIS_TEST_URL, prefix, ...options });
    opened.push(queue);
    return queue;
  }

  async function stored(dedupeKey: string) {
    inspector ??= new Queue(QUEUE_NAME, { connection: new Redis(REDIS_TEST_URL), prefix });
    const job = await inspector.getJob(jobIdFor(dedupeKey));
    if (!job) throw new Error(`job ${dedupeKey} not in Redis`);
    return { job, state: await job.getState() };
  }

  it('runs a job once and ignores a second enqueue with the same dedupe key', async () => {
    const registry = new SubscriberRegistry();
    const seen: unknown[] = [];
    registry.register('demo.job', async (payload, context) => {
      seen.push({ payload, context });
    });
    const queue = open(registry);
    await queue.enqueue('demo.job', { n: 1 }, { dedupeKey: 'evt-1:demo.job' });
    await queue.enqueue('demo.job', { n: 2 }, { dedupeKey: 'evt-1:demo.job' });
    expect(await queue.runDue()).toBe(1);
    expect(await queue.runDue()).toBe(0);
    // Still deduplicated once the job is done (kept like done rows of the database queue).
    await queue.enqueue('demo.job', { n: 3 }, { dedupeKey: 'evt-1:demo.job' });
    expect(await queue.runDue()).toBe(0);
    expect(seen).toEqual([{ payload: { n: 1 }, context: { jobId: jobIdFor('evt-1:demo.job'), attempt: 1 } }]);
    expect((await stored('evt-1:demo.job')).state).toBe('completed');
  });

  it('holds a job until its runAt', async () => {
    const registry = new SubscriberRegistry();
    let calls = 0;
    registry.register('later', async () => void calls++);
    const queue = open(registry);
    await queue.enqueue('later', {}, { runAt: new Date(Date.now() + 150) });
    expect(await queue.runDue()).toBe(0);
    await sleep(200);
    expect(await queue.runDue()).toBe(1);
    expect(calls).toBe(1);
  });

  it('backs off like the database queue by default', async () => {
    const registry = new SubscriberRegistry();
    registry.register('flaky', async () => {
      throw new Error('boom');
    });
    const queue = open(registry);
    await queue.enqueue('flaky', {}, { dedupeKey: 'flaky-1', maxAttempts: 3 });
    expect(await queue.runDue()).toBe(1);
    expect(await queue.runDue()).toBe(0);
    const { job, state } = await stored('flaky-1');
    expect(state).toBe('delayed');
    expect(job.delay).toBe(backoffMs(1));
    expect(job.failedReason).toBe('boom');
  });

  it('retries a failing job with backoff and marks it failed after max attempts', async () => {
    const registry = new SubscriberRegistry();
    const attempts: number[] = [];
    registry.register('flaky', async (_payload, context) => {
      attempts.push(context.attempt);
      throw new Error('boom');
    });
    const queue = open(registry, { backoff: (attempt) => 40 * attempt });
    await queue.enqueue('flaky', {}, { dedupeKey: 'flaky-2', maxAttempts: 3 });
    expect(await queue.runDue()).toBe(1);
    expect(await queue.runDue()).toBe(0); // not due before its backoff
    expect((await stored('flaky-2')).job.delay).toBe(40);
    await sleep(60);
    expect(await queue.runDue()).toBe(1);
    expect((await stored('flaky-2')).job.delay).toBe(80);
    await sleep(100);
    expect(await queue.runDue()).toBe(1);
    await sleep(100);
    expect(await queue.runDue()).toBe(0);
    const { job, state } = await stored('flaky-2');
    expect(state).toBe('failed');
    expect(job.attemptsMade).toBe(3);
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('lets two workers take disjoint jobs', async () => {
    const registry = new SubscriberRegistry();
    const ran: number[] = [];
    registry.register('count', async (p) => void ran.push(Number(p.i)));
    const a = open(registry);
    const b = open(registry);
    for (let i = 0; i < 40; i++) await a.enqueue('count', { i });
    const [ra, rb] = await Promise.all([a.runDue(25), b.runDue(25)]);
    expect(ra + rb).toBe(40);
    expect(ra).toBeGreaterThan(0);
    expect(rb).toBeGreaterThan(0);
    expect(ran.sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('runs jobs in the background once started and stops cleanly', async () => {
    const registry = new SubscriberRegistry();
    let resolveRan: (value: unknown) => void = () => {};
    const ran = new Promise((resolve) => {
      resolveRan = resolve;
    });
    registry.register('bg', async (p) => resolveRan(p));
    const queue = open(registry);
    queue.start();
    await queue.enqueue('bg', { hello: 'world' });
    expect(await ran).toEqual({ hello: 'world' });
  });

  it('carries outbox events to their subscribers exactly once (dispatcher → BullMQ → handler)', async () => {
    const testDb = await createTestDatabase();
    const database = testDb.open();
    try {
      await migrateToLatest(database.db);
      const registry = new SubscriberRegistry();
      const handled: string[] = [];
      const record = (who: string) => async (p: Record<string, unknown>) =>
        void handled.push(`${who}:${(p.event as { id: string }).id}`);
      registry.register('a.on-thing', record('a'), 'thing.happened');
      registry.register('b.on-thing', record('b'), 'thing.happened');
      const queue = open(registry);
      const dispatcher = new OutboxDispatcher(database, queue, registry, logger);
      const at = new Date().toISOString();
      const id = await database.db
        .transaction()
        .execute((trx) =>
          recordEvent(trx, { type: 'thing.happened', aggregateType: 't', aggregateId: 'x', payload: {}, at }),
        );
      expect(await dispatcher.dispatchBatch()).toBe(1);
      // A crash between enqueue and marking re-dispatches: the dedupe key keeps it to one job each.
      await database.db.updateTable('outbox').set({ dispatched_at: null }).execute();
      expect(await dispatcher.dispatchBatch()).toBe(1);
      expect(await queue.runDue()).toBe(2);
      expect(await queue.runDue()).toBe(0);
      expect(handled.sort()).toEqual([`a:${id}`, `b:${id}`]);
    } finally {
      await database.close();
      await testDb.drop();
    }
  });

  it('is chosen by REDIS_URL and reported by /api/health', async () => {
    const testDb = await createTestDatabase();
    try {
      for (const [url, reachable] of [
        [REDIS_TEST_URL, true],
        ['redis://127.0.0.1:1', false],
      ] as const) {
        const config = loadConfig(
          {
            DATABASE_URL: testDb.url,
            REDIS_URL: url,
            LOG_LEVEL: 'silent',
            CLOSELOOP_DATA_DIR: '/tmp/closeloop-test-data',
          },
          { dotenv: false },
        );
        const runtime = await createRuntime(config, {
          database: testDb.open(),
          httpLogger: false,
          redisPrefix: prefix,
        });
        try {
          const response = await runtime.app.inject({ method: 'GET', url: '/api/health' });
          expect(response.statusCode).toBe(200);
          expect(response.json()).toMatchObject({
            status: reachable ? 'ok' : 'degraded',
            queue: { kind: 'redis', reachable },
          });
        } finally {
          await runtime.close();
        }
      }
    } finally {
      await testDb.drop();
    }
  });
});
