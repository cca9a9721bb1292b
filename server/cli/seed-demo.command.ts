import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoEmail, seedDemo } from '../demo/seed-demo.js';
import type { AppContext } from '../platform/http/context.js';
import { createProgress } from './progress.js';

/** `closeloop seed-demo`: loads the bilingual demo data set with a progress bar, then prints the demo logins. */
export async function runSeedDemo(ctx: AppContext, items: number): Promise<void> {
  const progress = createProgress('seed-demo · 演示数据');
  let result: Awaited<ReturnType<typeof seedDemo>>;
  try {
    result = await seedDemo(ctx, { items, onProgress: (done, total) => progress.update(done, total) });
  } finally {
    progress.stop();
  }
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => demoEmail(a.local).length));
  const deptWidth = Math.max(...DEMO_ACCOUNTS.map((a) => (a.department ?? '—').length));
  console.log(
    [
      `seeded ${result.departments} departments, ${result.users} users, ${result.customers} customers, ${result.items} feedback items`,
      `已导入 ${result.departments} 个部门、${result.users} 个用户、${result.customers} 位客户、${result.items} 条反馈`,
      '',
      `Demo logins · 演示账号 (password · 密码: ${DEMO_PASSWORD})`,
      ...DEMO_ACCOUNTS.map(
        (a) =>
          `  ${demoEmail(a.local).padEnd(width)}  ${a.role.padEnd(10)}  ${(a.department ?? '—').padEnd(deptWidth)}  ${a.name}`,
      ),
    ].join('\n'),
  );
}
