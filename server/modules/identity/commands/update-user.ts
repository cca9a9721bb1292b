import type { UpdateUser } from '../../../../shared/contracts/identity.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, Trx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import {
  deleteSessionsOfUser,
  findDepartmentById,
  findUserRowById,
  type UserRow,
  updateUserRow,
} from '../identity.repository.js';
import { hashPassword } from '../secrets.js';
import { recordAudit } from './record-audit.js';

async function otherActiveAdmins(trx: Trx, userId: string): Promise<number> {
  const row = await trx
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .where('id', '!=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Changes a user's profile, role, department, activity or password. Deactivation and password resets
 * end every session of the user; the last active administrator cannot be demoted or deactivated.
 */
export async function updateUser(opts: {
  db: Db;
  actor: Actor;
  id: string;
  patch: UpdateUser;
  ip: string | null;
  at: string;
}): Promise<UserRow> {
  const { patch } = opts;
  const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
  return opts.db.transaction().execute(async (trx) => {
    const before = await findUserRowById(trx, opts.id);
    if (!before) throw new AppError('user_not_found');
    if (patch.departmentId != null && !(await findDepartmentById(trx, patch.departmentId))) {
      throw new AppError('department_not_found', { status: 400 });
    }
    const losesAdmin =
      before.role === 'admin' &&
      Number(before.active) === 1 &&
      ((patch.role !== undefined && patch.role !== 'admin') || patch.active === false);
    if (losesAdmin && (await otherActiveAdmins(trx, before.id)) === 0) {
      throw new AppError('conflict', { details: { reason: 'last_admin' } });
    }
    const values = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.departmentId !== undefined ? { department_id: patch.departmentId } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
      ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      ...(passwordHash !== undefined ? { password_hash: passwordHash } : {}),
      updated_at: opts.at,
    };
    await updateUserRow(trx, opts.id, values);
    if (patch.active === false || passwordHash !== undefined) await deleteSessionsOfUser(trx, opts.id);
    const { password: _password, ...visible } = patch;
    await recordAudit(trx, {
      actor: opts.actor,
      action: patch.active === false ? 'user.deactivated' : 'user.updated',
      entityType: 'user',
      entityId: opts.id,
      details: { changes: visible, ...(passwordHash !== undefined ? { passwordReset: true } : {}) },
      ip: opts.ip,
      at: opts.at,
    });
    return { ...before, ...values };
  });
}
