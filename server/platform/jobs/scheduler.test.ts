import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database.js';
import type { DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createLogger } from '../logging/logger.js';
import { DatabaseJobQueue } from './database-queue.js';
import { SubscriberRegistry } from './queue.js';
import { Scheduler } from './scheduler.js';

const logger = createLogger('silent');
let testDb: TestDatabase;
let database: DatabaseHandle;

beforeEach(async () => {
  testDb = await createTestDatabase();
  database = testDb.open();
  await migrateToLatest(database.db);
});
afterEach(async () => {
  await database.close();
  await testDb.drop();
});

describe('scheduler', () => {
  it('queues each periodic job once per time slot, however many schedulers tick', async () => {
    let now = new Date('2026-11-23T08:00:00.000Z');
    const clock = () => now;
    const registry = new SubscriberRegistry();
    let runs = 0;
    registry.register('hourly.task', async () => {
      runs++;
    });
    const queue = new DatabaseJobQueue(database, registry, logger, { clock });
    const tasks = [{ jobName: 'hourly.task', everyMs: 3_600_000 }];
    const a = new Scheduler(queue, tasks, logger, clock);
    const b = new Scheduler(queue, tasks, logger, clock);
    await Promise.all([a.tick(), b.tick(), a.tick()]);
    now = new Date('2026-11-23T08:59:59.000Z');
    await b.tick();
    expect(await queue.runDue()).toBe(1);
    now = new Date('2026-11-23T09:00:01.000Z');
    await a.tick();
    await b.tick();
    expect(await queue.runDue()).toBe(1);
    expect(runs).toBe(2);
  });
});
