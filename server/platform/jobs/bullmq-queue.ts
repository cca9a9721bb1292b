import { randomUUID } from 'node:crypto';
import { type Job, Queue, Worker, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';
import { backoffMs } from './database-queue.js';
import type { EnqueueOptions, JobQueue, SubscriberRegistry } from './queue.js';

type Payload = Record<string, unknown>;
type QueueJob = Job<Payload, void, string>;

/** The one BullMQ queue all job names share (workers dispatch on the job name). */
export const QUEUE_NAME = 'jobs';
const BACKOFF_TYPE = 'closeloop';
const DAY_S = 86_400;
// Manual runDue() never renews locks, so give a job as long as the database queue does.
const MANUAL_LOCK_MS = 5 * 60_000;

export interface BullMqQueueOptions {
  /** redis://… connection URL. */
  url: string;
  /** Key prefix in Redis (default 'closeloop'); tests isolate themselves with a random one. */
  prefix?: string;
  /** Jobs one started worker runs in parallel (default 4). */
  concurrency?: number;
  /** Delay before retry number `attempt` (default backoffMs, as in the database queue). */
  backoff?: (attempt: number) => number;
  clock?: () => Date;
}

/**
 * Dedupe keys become BullMQ job ids. BullMQ rejects ids with ':' (and integers), so escape
 * injectively and prefix: distinct keys stay distinct.
 */
export function jobIdFor(dedupeKey: string): string {
  return `k.${dedupeKey.replaceAll('%', '%25').replaceAll(':', '%3A')}`;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

async function closeConnection(connection: Redis): Promise<void> {
  if (connection.status === 'end') return;
  if (connection.status !== 'ready') {
    connection.disconnect();
    return;
  }
  await connection.quit().catch(() => connection.disconnect());
}

/**
 * The job queue on Redis through BullMQ (enabled by REDIS_URL). Redis only carries work: the outbox
 * in the database stays the system of record, and dedupe keys keep re-dispatches idempotent.
 */
export class BullMqJobQueue implements JobQueue {
  readonly kind = 'redis' as const;
  readonly prefix: string;
  private readonly producer: Redis;
  private readonly queue: Queue<Payload, void, string>;
  private consumer: Redis | undefined;
  private worker: Worker<Payload, void, string> | undefined;
  private manual: Worker<Payload, void, string> | undefined;
  private readonly failing = new Set<string>();

  constructor(
    private readonly registry: SubscriberRegistry,
    private readonly logger: Logger,
    private readonly options: BullMqQueueOptions,
  ) {
    this.prefix = options.prefix ?? 'closeloop';
    this.producer = this.connect('producer', {});
    this.queue = new Queue<Payload, void, string>(QUEUE_NAME, {
      connection: this.producer,
      prefix: this.prefix,
    });
    this.queue.on('error', (error) => this.reportError('queue', error));
  }

  private connect(role: string, extra: { maxRetriesPerRequest?: null }): Redis {
    const connection = new Redis(this.options.url, { ...extra, connectionName: `closeloop-${role}` });
    connection.on('error', (error: Error) => this.reportError(role, error));
    connection.on('ready', () => this.failing.delete(role));
    return connection;
  }

  // ioredis reports every failed reconnect; say it once per outage, not every second.
  private reportError(role: string, error: Error): void {
    if (this.failing.has(role)) return;
    this.failing.add(role);
    this.logger.warn({ err: error.message, role }, 'redis connection error');
  }

  private now(): number {
    return (this.options.clock?.() ?? new Date()).getTime();
  }

  async enqueue(name: string, payload: Payload, options: EnqueueOptions = {}): Promise<void> {
    await this.queue.add(name, payload, {
      ...(options.dedupeKey ? { jobId: jobIdFor(options.dedupeKey) } : {}),
      delay: options.runAt ? Math.max(0, options.runAt.getTime() - this.now()) : 0,
      attempts: options.maxAttempts ?? 8,
      backoff: { type: BACKOFF_TYPE },
      // Finished jobs stay as long as done rows in the database queue, so a dedupe key holds as long.
      removeOnComplete: { age: 7 * DAY_S },
      removeOnFail: { age: 30 * DAY_S },
    });
  }

  private workerOptions(): WorkerOptions {
    // Blocking worker commands must wait out a Redis outage instead of failing (maxRetriesPerRequest null).
    this.consumer ??= this.connect('consumer', { maxRetriesPerRequest: null });
    const backoff = this.options.backoff ?? backoffMs;
    return {
      connection: this.consumer,
      prefix: this.prefix,
      settings: { backoffStrategy: (attemptsMade: number) => backoff(attemptsMade) },
    };
  }

  private async handle(job: QueueJob): Promise<void> {
    const handler = this.registry.handler(job.name);
    if (!handler) throw new Error(`No handler registered for job "${job.name}"`);
    await handler(job.data, { jobId: job.id ?? '', attempt: job.attemptsMade + 1 });
  }

  private logFailure(job: QueueJob | undefined, error: Error): void {
    const attempt = (job?.attemptsMade ?? 0) + 1;
    const exhausted = attempt >= (job?.opts.attempts ?? 1);
    this.logger.warn(
      { job: job?.name, jobId: job?.id, attempt, exhausted, err: error.stack ?? error.message },
      'job failed',
    );
  }

  /** Runs up to `limit` waiting jobs here and now, one after another (tests and drain helpers). */
  async runDue(limit = 20): Promise<number> {
    this.manual ??= this.createManualWorker();
    let ran = 0;
    while (ran < limit) {
      const token = randomUUID();
      const job = await this.manual.getNextJob(token, { block: false });
      if (!job) break;
      ran++;
      let failure: Error | undefined;
      try {
        await this.handle(job);
      } catch (error) {
        failure = toError(error);
      }
      if (failure) {
        this.logFailure(job, failure);
        await job.moveToFailed(failure, token, false);
      } else {
        await job.moveToCompleted(undefined, token, false);
      }
    }
    return ran;
  }

  private createManualWorker(): Worker<Payload, void, string> {
    const worker = new Worker<Payload, void, string>(QUEUE_NAME, null, {
      ...this.workerOptions(),
      autorun: false,
      lockDuration: MANUAL_LOCK_MS,
    });
    worker.on('error', (error) => this.reportError('manual worker', error));
    return worker;
  }

  start(): void {
    if (this.worker) return;
    const worker = new Worker<Payload, void, string>(QUEUE_NAME, (job) => this.handle(job), {
      ...this.workerOptions(),
      concurrency: this.options.concurrency ?? 4,
    });
    worker.on('failed', (job, error) => this.logFailure(job, error));
    worker.on('error', (error) => this.reportError('worker', error));
    this.worker = worker;
  }

  /** Whether Redis answers a PING within a second (for /api/health). */
  async reachable(): Promise<boolean> {
    if (['reconnecting', 'close', 'end'].includes(this.producer.status)) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), 1000);
    });
    try {
      return (await Promise.race([this.producer.ping(), timeout])) === 'PONG';
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Lets running jobs finish, then closes the worker, the queue and every Redis connection. */
  async stop(): Promise<void> {
    await this.worker?.close();
    await this.manual?.close();
    await this.queue.close();
    if (this.consumer) await closeConnection(this.consumer);
    await closeConnection(this.producer);
    this.worker = undefined;
    this.manual = undefined;
  }
}
