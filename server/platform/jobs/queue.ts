import type { DbOrTrx } from '../db/database.js';
import type { DomainEvent } from '../events/outbox.js';

export interface EnqueueOptions {
  /** Same key, same job: a second enqueue with a key already queued is ignored. */
  dedupeKey?: string;
  runAt?: Date;
  maxAttempts?: number;
  /**
   * The caller's open transaction, for a queue that lives in the database: the job is written with
   * it. A queue elsewhere (Redis) enqueues at once and relies on the dedupe key if the caller retries.
   */
  trx?: DbOrTrx;
}

export interface JobContext {
  jobId: string;
  attempt: number;
}

export type JobHandler = (payload: Record<string, unknown>, context: JobContext) => Promise<void>;

/**
 * The job queue every worker consumes. The default lives in the database; the BullMQ adapter
 * (bullmq-queue.ts) implements the same interface when REDIS_URL is set. Handlers must be
 * idempotent: delivery is at-least-once.
 */
export interface JobQueue {
  readonly kind: 'database' | 'redis';
  enqueue(name: string, payload: Record<string, unknown>, options?: EnqueueOptions): Promise<void>;
  /** Runs one batch of due jobs; returns how many ran. Used by the worker loop and by tests. */
  runDue(limit?: number): Promise<number>;
  start(): void;
  stop(): Promise<void>;
  /** Whether an external queue store (Redis) answers; absent for the database queue. */
  reachable?(): Promise<boolean>;
}

/** Maps event types to the names of jobs that react to them (subscribers). */
export class SubscriberRegistry {
  private readonly byEvent = new Map<string, string[]>();
  private readonly handlers = new Map<string, JobHandler>();

  /** Registers a job handler; when `onEvent` is given, every such event enqueues this job. */
  register(jobName: string, handler: JobHandler, onEvent?: string): void {
    this.handlers.set(jobName, handler);
    if (onEvent) this.byEvent.set(onEvent, [...(this.byEvent.get(onEvent) ?? []), jobName]);
  }

  jobsFor(event: DomainEvent): string[] {
    return this.byEvent.get(event.type) ?? [];
  }

  handler(jobName: string): JobHandler | undefined {
    return this.handlers.get(jobName);
  }
}
