import type { Logger } from '../logging/logger.js';

/**
 * Runs `work` repeatedly: again at once while it reports progress, after `idleMs` when it did nothing.
 * `stop()` waits for the round in flight, so shutdown never cuts a job in half.
 */
export class PollingLoop {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> = Promise.resolve();
  private stopped = true;

  constructor(
    private readonly name: string,
    private readonly work: () => Promise<number>,
    private readonly idleMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.inFlight = this.round();
    }, delayMs);
  }

  private async round(): Promise<void> {
    if (this.stopped) return;
    let progress = 0;
    try {
      progress = await this.work();
    } catch (error) {
      this.logger.error({ err: error }, `${this.name} failed`);
    }
    if (!this.stopped) this.schedule(progress > 0 ? 0 : this.idleMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.inFlight;
  }
}
