import { seedDemo } from '../demo/seed-demo.js';
import type { AppContext } from '../platform/http/context.js';
import { createProgress } from './progress.js';

/** `closeloop seed-demo`: loads the bilingual demo data set with a progress bar. */
export async function runSeedDemo(ctx: AppContext, items: number): Promise<void> {
  const progress = createProgress('seed-demo · 演示数据');
  const result = await seedDemo(ctx, { items, onProgress: (done, total) => progress.update(done, total) });
  progress.stop();
  console.log(
    `seeded ${result.departments} departments, ${result.users} users, ${result.customers} customers, ${result.items} feedback items`,
  );
}
