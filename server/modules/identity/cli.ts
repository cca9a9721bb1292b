import type { Role } from '../../../shared/enums.js';
import type { AppContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/errors.js';
import { createApiKey } from './commands/create-api-key.js';
import { createUser } from './commands/create-user.js';
import { findDepartmentRowByCode, findUserRowByEmail } from './identity.repository.js';

/** Number of user accounts (the first start creates an admin when there are none). */
export async function countUsers(ctx: AppContext): Promise<number> {
  const row = await ctx.database.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** `closeloop create-admin`: an administrator account; an email already in use is an email_taken error. */
export async function createAdminFromCli(
  ctx: AppContext,
  input: { email: string; password: string; name?: string },
): Promise<{ id: string }> {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email))
    throw new AppError('validation_failed', { details: [{ path: 'email' }] });
  if (input.password.length < 8) {
    throw new AppError('validation_failed', {
      details: [{ path: 'password', code: 'too_small', minimum: 8 }],
    });
  }
  if (await findUserRowByEmail(ctx.database.db, email)) throw new AppError('email_taken');
  const user = await createUser(
    ctx.database.db,
    { email, password: input.password, name: input.name?.trim() || 'Administrator', role: 'admin' },
    ctx.clock().toISOString(),
  );
  return { id: user.id };
}

/** `closeloop create-api-key`: returns the secret, which is stored only as a hash. */
export async function createApiKeyFromCli(
  ctx: AppContext,
  input: { name: string; role: Role; departmentCode?: string },
): Promise<{ key: string }> {
  let departmentId: string | null = null;
  if (input.departmentCode) {
    const department = await findDepartmentRowByCode(ctx.database.db, input.departmentCode);
    if (!department) throw new AppError('department_not_found');
    departmentId = department.id;
  }
  const { key } = await createApiKey(
    ctx.database.db,
    { name: input.name, role: input.role, departmentId },
    ctx.clock().toISOString(),
  );
  return { key };
}
