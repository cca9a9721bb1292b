import type { Config } from '../config/config.js';
import type { DatabaseHandle } from '../db/database.js';
import type { JobQueue, SubscriberRegistry } from '../jobs/queue.js';
import type { Logger } from '../logging/logger.js';

/** Everything a module needs from the platform, built once per process (or per test). */
export interface AppContext {
  config: Config;
  database: DatabaseHandle;
  queue: JobQueue;
  subscribers: SubscriberRegistry;
  logger: Logger;
  /** The one source of "now"; tests inject a fixed or advancing clock. */
  clock: () => Date;
}
