import type { Role } from '../../../../shared/enums.js';
import { SYSTEM_ACTOR } from '../../../platform/auth/actor.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import {
  findDepartmentById,
  findUserRowByEmail,
  insertUser,
  isUniqueViolation,
} from '../identity.repository.js';
import { hashPassword } from '../secrets.js';
import { type AuditContext, inTransaction, recordAudit } from './record-audit.js';

export interface CreateUserInput {
  email: string;
  name: string;
  password: string;
  role: Role;
  departmentId?: string | null;
  locale?: 'zh-CN' | 'en';
  timeZone?: string;
}

export interface CreatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  departmentId: string | null;
}

/** Creates a user with an argon2id password hash; an email already in use answers 409 email_taken. */
export async function createUser(
  db: DbOrTrx,
  input: CreateUserInput,
  at: string,
  audit: AuditContext = {},
): Promise<CreatedUser> {
  const email = input.email.trim().toLowerCase();
  const departmentId = input.departmentId ?? null;
  // Hash before the transaction opens: argon2 is deliberately slow and must not hold a write lock.
  const passwordHash = await hashPassword(input.password);
  const user: CreatedUser = { id: newId(), email, name: input.name, role: input.role, departmentId };
  return inTransaction(db, async (trx) => {
    if (await findUserRowByEmail(trx, email)) throw new AppError('email_taken');
    if (departmentId !== null && !(await findDepartmentById(trx, departmentId))) {
      throw new AppError('department_not_found', { status: 400 });
    }
    try {
      await insertUser(trx, {
        id: user.id,
        email,
        name: input.name,
        password_hash: passwordHash,
        role: input.role,
        department_id: departmentId,
        locale: input.locale ?? 'zh-CN',
        time_zone: input.timeZone ?? 'Asia/Shanghai',
        active: 1,
        created_at: at,
        updated_at: at,
        last_login_at: null,
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('email_taken');
      throw e;
    }
    await recordAudit(trx, {
      actor: audit.actor ?? SYSTEM_ACTOR,
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      details: { email, name: input.name, role: input.role, departmentId },
      ip: audit.ip ?? null,
      at,
    });
    return user;
  });
}
