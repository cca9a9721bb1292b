import type { AppModule } from '../platform/http/app.js';
import type { AppContext } from '../platform/http/context.js';
import type { ScheduledTask } from '../platform/jobs/scheduler.js';

/** A network listener of a module besides the HTTP app (e.g. the inbound SMTP server). */
export interface Listener {
  name: string;
  port: number;
  close(): Promise<void>;
}

/** What a module contributes to the process: its routes and the jobs/subscribers it runs. */
export interface Module extends AppModule {
  name: string;
  registerJobs?(ctx: AppContext): void;
  /** Listeners started with the web service (null when the module has nothing to listen for). */
  listen?(ctx: AppContext): Promise<Listener | null>;
  /** Jobs (registered in registerJobs) that the scheduler enqueues periodically. */
  schedule?: ScheduledTask[];
}
