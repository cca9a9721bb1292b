import type { DatabaseHandle } from '../db/database.js';
import { PollingLoop } from '../jobs/polling-loop.js';
import type { JobQueue, SubscriberRegistry } from '../jobs/queue.js';
import type { Logger } from '../logging/logger.js';
import type { DomainEvent } from './outbox.js';

/**
 * Moves committed outbox events into jobs, one job per subscriber, with a deterministic dedupe key
 * (event id + job name) so a crash between enqueue and marking never duplicates work.
 */
export class OutboxDispatcher {
  private readonly loop: PollingLoop;

  constructor(
    private readonly database: DatabaseHandle,
    private readonly queue: JobQueue,
    private readonly registry: SubscriberRegistry,
    logger: Logger,
    private readonly options: { pollMs?: number; clock?: () => Date } = {},
  ) {
    this.loop = new PollingLoop('outbox dispatch', () => this.dispatchBatch(), options.pollMs ?? 250, logger);
  }

  /** Dispatches one batch of undispatched events; returns how many were dispatched. */
  async dispatchBatch(limit = 100): Promise<number> {
    const rows = await this.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('dispatched_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    if (rows.length === 0) return 0;
    const dispatchedAt = (this.options.clock?.() ?? new Date()).toISOString();
    // One transaction for the batch: its jobs and its dispatched marks commit together (one commit, not
    // two per event). Dedupe keys make a batch that is dispatched again after a failure harmless.
    await this.database.write(async (trx) => {
      for (const row of rows) {
        const event: DomainEvent = {
          id: row.id,
          type: row.type,
          aggregateType: row.aggregate_type,
          aggregateId: row.aggregate_id,
          payload: JSON.parse(row.payload) as Record<string, unknown>,
          createdAt: row.created_at,
        };
        for (const jobName of this.registry.jobsFor(event)) {
          await this.queue.enqueue(jobName, { event }, { dedupeKey: `${event.id}:${jobName}`, trx });
        }
      }
      await trx
        .updateTable('outbox')
        .set({ dispatched_at: dispatchedAt })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    });
    return rows.length;
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }
}
