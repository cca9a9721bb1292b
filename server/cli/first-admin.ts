import { randomBytes } from 'node:crypto';
import { countUsers, createAdminFromCli } from '../modules/identity/cli.js';
import type { AppContext } from '../platform/http/context.js';

/**
 * On the very first start (no users at all) creates an administrator so the product is usable at once:
 * ADMIN_EMAIL / ADMIN_PASSWORD when set, otherwise admin@closeloop.local with a random password.
 */
export async function ensureFirstAdmin(
  ctx: AppContext,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ created: false } | { created: true; email: string; password: string }> {
  if ((await countUsers(ctx)) > 0) return { created: false };
  const email = env.ADMIN_EMAIL || 'admin@closeloop.local';
  const password = env.ADMIN_PASSWORD || randomBytes(12).toString('base64url');
  await createAdminFromCli(ctx, { email, password, name: 'Administrator' });
  return { created: true, email, password };
}
