import type { Listener } from '../modules/module.js';
import { loadConfig } from '../platform/config/config.js';
import { createRuntime } from '../runtime.js';
import { ensureFirstAdmin } from './first-admin.js';

/** `closeloop start`: migrate, bootstrap the first admin, listen, and run worker/scheduler in-process. */
export async function runStart(): Promise<void> {
  const config = loadConfig();
  const runtime = await createRuntime(config);
  const admin = await ensureFirstAdmin(runtime.ctx);
  if (config.services.has('worker') || config.services.has('scheduler')) {
    runtime.startBackground({
      worker: config.services.has('worker'),
      scheduler: config.services.has('scheduler'),
    });
  }
  let url = '(no web service in this process)';
  let listeners: Listener[] = [];
  if (config.services.has('web')) {
    const address = await runtime.app.listen({ port: config.port, host: config.host });
    url = address.replace('[::1]', 'localhost');
    listeners = await runtime.startListeners();
  }
  const db = runtime.ctx.database;
  const lines = [
    '',
    `Closeloop is running · Closeloop 已启动: ${url}`,
    `  Agent console · 坐席工作台: ${url}/   Customer portal · 客户门户: ${url}/portal`,
    `  API docs · 接口文档: ${url}/api/docs`,
    `  Database · 数据库: ${db.kind}${db.file ? ` (${db.file})` : ''}`,
    `  Services · 服务: ${[...config.services].join(', ')}`,
    ...listeners.map((l) => `  Listener · 监听: ${l.name} on ${config.host}:${l.port}`),
  ];
  if (admin.created) {
    lines.push(
      '',
      'First administrator created · 已创建首个管理员 (shown once · 仅显示一次):',
      `  email · 邮箱:    ${admin.email}`,
      `  password · 密码: ${admin.password}`,
      `  Log in at ${url}/ (or POST /api/v1/auth/login), then change the password (PATCH /api/v1/users/:id).`,
      `  请在 ${url}/ 登录（或调用 POST /api/v1/auth/login），然后修改密码。`,
    );
  } else {
    lines.push(
      '',
      `Log in · 登录: ${url}/ (API: POST /api/v1/auth/login {"email","password"}) — no admin yet? · 还没有管理员？`,
      '  npx closeloop create-admin --email you@example.com --password "a long password"',
    );
  }
  console.log(lines.join('\n'));
  const shutdown = async (signal: string) => {
    runtime.ctx.logger.info({ signal }, 'shutting down');
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
