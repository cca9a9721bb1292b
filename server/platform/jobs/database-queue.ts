import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/database.js';
import { newId } from '../db/ids.js';
import type { Logger } from '../logging/logger.js';
import { PollingLoop } from './polling-loop.js';
import type { EnqueueOptions, JobQueue, SubscriberRegistry } from './queue.js';

const LOCK_MS = 5 * 60_000;

/** Exponential backoff with a ceiling: 2 s, 4 s, 8 s … at most 1 h. */
export function backoffMs(attempt: number): number {
  return Math.min(3_600_000, 1000 * 2 ** attempt);
}

/** A job queue in the database's `jobs` table: claimed by conditional update (SKIP LOCKED on Postgres). */
export class DatabaseJobQueue implements JobQueue {
  readonly kind = 'database' as const;
  private readonly workerId = `worker-${randomUUID().slice(0, 8)}`;

  private readonly loop: PollingLoop;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly registry: SubscriberRegistry,
    private readonly logger: Logger,
    private readonly options: { pollMs?: number; clock?: () => Date } = {},
  ) {
    this.loop = new PollingLoop('job queue poll', () => this.runDue(), options.pollMs ?? 500, logger);
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  async enqueue(name: string, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<void> {
    const at = this.now().toISOString();
    await (options.trx ?? this.database.db)
      .insertInto('jobs')
      .values({
        id: newId(),
        name,
        payload: JSON.stringify(payload),
        status: 'pending',
        attempts: 0,
        max_attempts: options.maxAttempts ?? 8,
        run_at: (options.runAt ?? this.now()).toISOString(),
        locked_by: null,
        locked_until: null,
        last_error: null,
        dedupe_key: options.dedupeKey ?? null,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
  }

  private async claim(
    limit: number,
  ): Promise<{ id: string; name: string; payload: string; attempts: number }[]> {
    const now = this.now().toISOString();
    const lockedUntil = new Date(this.now().getTime() + LOCK_MS).toISOString();
    const { db } = this.database;
    if (this.database.kind === 'postgres') {
      const result = await sql<{ id: string; name: string; payload: string; attempts: number }>`
        update jobs set status = 'running', locked_by = ${this.workerId}, locked_until = ${lockedUntil},
          attempts = attempts + 1, updated_at = ${now}
        where id in (
          select id from jobs
          where (status = 'pending' and run_at <= ${now}) or (status = 'running' and locked_until < ${now})
          order by run_at limit ${limit} for update skip locked)
        returning id, name, payload, attempts`.execute(db);
      return result.rows;
    }
    // SQLite serialises writers, so a conditional update inside one transaction is a safe claim (sharing
    // its commit with concurrent writes).
    return this.database.write(async (trx) => {
      const due = await trx
        .selectFrom('jobs')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', now)]),
            eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
          ]),
        )
        .orderBy('run_at')
        .limit(limit)
        .execute();
      if (due.length === 0) return [];
      return trx
        .updateTable('jobs')
        .set((eb) => ({
          status: 'running',
          locked_by: this.workerId,
          locked_until: lockedUntil,
          attempts: eb('attempts', '+', 1),
          updated_at: now,
        }))
        .where(
          'id',
          'in',
          due.map((d) => d.id),
        )
        .returning(['id', 'name', 'payload', 'attempts'])
        .execute();
    });
  }

  async runDue(limit = 20): Promise<number> {
    const jobs = await this.claim(limit);
    for (const job of jobs) {
      const handler = this.registry.handler(job.name);
      const finishedAt = () => this.now().toISOString();
      try {
        if (!handler) throw new Error(`No handler registered for job "${job.name}"`);
        await handler(JSON.parse(job.payload) as Record<string, unknown>, {
          jobId: job.id,
          attempt: job.attempts,
        });
        await this.database.write((trx) =>
          trx
            .updateTable('jobs')
            .set({
              status: 'done',
              locked_by: null,
              locked_until: null,
              last_error: null,
              updated_at: finishedAt(),
            })
            .where('id', '=', job.id)
            .execute(),
        );
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        const row = await this.database.db
          .selectFrom('jobs')
          .select(['max_attempts'])
          .where('id', '=', job.id)
          .executeTakeFirst();
        const exhausted = job.attempts >= (row?.max_attempts ?? 8);
        this.logger.warn(
          { job: job.name, jobId: job.id, attempt: job.attempts, exhausted, err: message },
          'job failed',
        );
        await this.database.db
          .updateTable('jobs')
          .set({
            status: exhausted ? 'failed' : 'pending',
            run_at: new Date(this.now().getTime() + backoffMs(job.attempts)).toISOString(),
            locked_by: null,
            locked_until: null,
            last_error: message.slice(0, 4000),
            updated_at: finishedAt(),
          })
          .where('id', '=', job.id)
          .execute();
      }
    }
    return jobs.length;
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }
}
