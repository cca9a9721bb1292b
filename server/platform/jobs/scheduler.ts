import type { Logger } from '../logging/logger.js';
import { PollingLoop } from './polling-loop.js';
import type { JobQueue } from './queue.js';

export interface ScheduledTask {
  jobName: string;
  everyMs: number;
}

/**
 * Enqueues periodic jobs. The dedupe key names the time slot, so any number of scheduler processes
 * can run side by side and each slot's job is still queued exactly once.
 */
export class Scheduler {
  private readonly loop: PollingLoop;

  constructor(
    private readonly queue: JobQueue,
    private readonly tasks: ScheduledTask[],
    logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.loop = new PollingLoop('scheduler', () => this.tick().then(() => 0), 30_000, logger);
  }

  async tick(): Promise<void> {
    const now = this.clock().getTime();
    for (const task of this.tasks) {
      const slot = Math.floor(now / task.everyMs);
      await this.queue.enqueue(
        task.jobName,
        { slot },
        { dedupeKey: `${task.jobName}:${slot}`, maxAttempts: 3 },
      );
    }
  }

  start(): void {
    this.loop.start();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }
}
