import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import type { DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { OutboxDispatcher } from '../events/dispatcher.js';
import { recordEvent } from '../events/outbox.js';
import { createLogger } from '../logging/logger.js';
import { backoffMs, DatabaseJobQueue } from './database-queue.js';
import { SubscriberRegistry } from './queue.js';

const logger = createLogger('silent');
let testDb: TestDatabase;
let database: DatabaseHandle;
let now: Date;
const clock = () => now;

beforeEach(async () => {
  testDb = await createTestDatabase();
  database = testDb.open();
  await migrateToLatest(database.db);
  now = new Date('2026-11-23T08:00:00.000Z');
});
afterEach(async () => {
  await database.close();
  await testDb.drop();
});

describe('database job queue', () => {
  it('runs a job once and ignores a second enqueue with the same dedupe key', async () => {
    const registry = new SubscriberRegistry();
    const seen: unknown[] = [];
    registry.register('demo.job', async (payload) => {
      seen.push(payload);
    });
    const queue = new DatabaseJobQueue(database, registry, logger, { clock });
    await queue.enqueue('demo.job', { n: 1 }, { dedupeKey: 'k1' });
    await queue.enqueue('demo.job', { n: 2 }, { dedupeKey: 'k1' });
    expect(await queue.runDue()).toBe(1);
    expect(await queue.runDue()).toBe(0);
    expect(seen).toEqual([{ n: 1 }]);
    const job = await database.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
  });

  it('retries a failing job with backoff and marks it failed after max attempts', async () => {
    const registry = new SubscriberRegistry();
    let calls = 0;
    registry.register('flaky', async () => {
      calls++;
      throw new Error('boom');
    });
    const queue = new DatabaseJobQueue(database, registry, logger, { clock });
    await queue.enqueue('flaky', {}, { maxAttempts: 3 });
    expect(await queue.runDue()).toBe(1);
    expect(await queue.runDue()).toBe(0); // not due before its backoff
    let job = await database.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    expect(job.last_error).toContain('boom');
    expect(new Date(job.run_at).getTime() - now.getTime()).toBe(backoffMs(1));
    for (let i = 0; i < 2; i++) {
      now = new Date(now.getTime() + 3_600_000);
      expect(await queue.runDue()).toBe(1);
    }
    job = await database.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'failed', attempts: 3 });
    expect(calls).toBe(3);
  });

  it('lets two workers claim disjoint jobs', async () => {
    const registry = new SubscriberRegistry();
    const ran: number[] = [];
    registry.register('count', async (p) => {
      ran.push(Number(p.i));
    });
    const a = new DatabaseJobQueue(database, registry, logger, { clock });
    const b = new DatabaseJobQueue(database, registry, logger, { clock });
    for (let i = 0; i < 40; i++) await a.enqueue('count', { i });
    const [ra, rb] = await Promise.all([a.runDue(25), b.runDue(25)]);
    expect(ra + rb).toBe(40);
    expect(ran.sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('gives a job whose worker died (lock expired) to another worker', async () => {
    const registry = new SubscriberRegistry();
    registry.register('slow', async () => {});
    const queue = new DatabaseJobQueue(database, registry, logger, { clock });
    await queue.enqueue('slow', {});
    await database.db
      .updateTable('jobs')
      .set({
        status: 'running',
        locked_by: 'dead',
        locked_until: new Date(now.getTime() - 1000).toISOString(),
      })
      .execute();
    expect(await queue.runDue()).toBe(1);
    const job = await database.db.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
  });
});

describe('outbox dispatcher', () => {
  it('turns a committed event into one job per subscriber, exactly once', async () => {
    const registry = new SubscriberRegistry();
    const handled: string[] = [];
    registry.register(
      'a.on-thing',
      async (p) => void handled.push(`a:${(p.event as { id: string }).id}`),
      'thing.happened',
    );
    registry.register(
      'b.on-thing',
      async (p) => void handled.push(`b:${(p.event as { id: string }).id}`),
      'thing.happened',
    );
    const queue = new DatabaseJobQueue(database, registry, logger, { clock });
    const dispatcher = new OutboxDispatcher(database, queue, registry, logger, { clock });
    const id = await database.db.transaction().execute((trx) =>
      recordEvent(trx, {
        type: 'thing.happened',
        aggregateType: 't',
        aggregateId: 'x',
        payload: {},
        at: now.toISOString(),
      }),
    );
    // An event from a rolled-back transaction never reaches anyone.
    await database.db
      .transaction()
      .execute(async (trx) => {
        await recordEvent(trx, {
          type: 'thing.happened',
          aggregateType: 't',
          aggregateId: 'y',
          payload: {},
          at: now.toISOString(),
        });
        throw new Error('rollback');
      })
      .catch(() => {});
    expect(await dispatcher.dispatchBatch()).toBe(1);
    expect(await dispatcher.dispatchBatch()).toBe(0);
    // Simulate a crash after enqueue but before marking: re-dispatch must not duplicate jobs.
    await database.db.updateTable('outbox').set({ dispatched_at: null }).execute();
    expect(await dispatcher.dispatchBatch()).toBe(1);
    expect(await queue.runDue()).toBe(2);
    expect(handled.sort()).toEqual([`a:${id}`, `b:${id}`]);
  });
});
