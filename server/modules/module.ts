import type { AppModule } from '../platform/http/app.js';
import type { AppContext } from '../platform/http/context.js';
import type { ScheduledTask } from '../platform/jobs/scheduler.js';

/** What a module contributes to the process: its routes and the jobs/subscribers it runs. */
export interface Module extends AppModule {
  name: string;
  registerJobs?(ctx: AppContext): void;
  /** Jobs (registered in registerJobs) that the scheduler enqueues periodically. */
  schedule?: ScheduledTask[];
}
