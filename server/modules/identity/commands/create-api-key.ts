import type { Role } from '../../../../shared/enums.js';
import { SYSTEM_ACTOR } from '../../../platform/auth/actor.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { findDepartmentById, insertApiKey } from '../identity.repository.js';
import { randomToken, sha256 } from '../secrets.js';
import { type AuditContext, inTransaction, recordAudit } from './record-audit.js';

export const API_KEY_PREFIX = 'clk_';

/** Creates an API key; the returned `key` is the only time the secret exists outside the caller. */
export async function createApiKey(
  db: DbOrTrx,
  input: { name: string; role: Role; departmentId?: string | null; createdBy?: string | null },
  at: string,
  audit: AuditContext = {},
): Promise<{ id: string; key: string; prefix: string }> {
  const id = newId();
  const key = `${API_KEY_PREFIX}${randomToken(32)}`;
  const prefix = key.slice(0, API_KEY_PREFIX.length + 8);
  const departmentId = input.departmentId ?? null;
  return inTransaction(db, async (trx) => {
    if (departmentId !== null && !(await findDepartmentById(trx, departmentId))) {
      throw new AppError('department_not_found', { status: 400 });
    }
    await insertApiKey(trx, {
      id,
      name: input.name,
      prefix,
      key_hash: sha256(key),
      role: input.role,
      department_id: departmentId,
      created_by: input.createdBy ?? null,
      created_at: at,
      last_used_at: null,
      revoked_at: null,
    });
    await recordAudit(trx, {
      actor: audit.actor ?? SYSTEM_ACTOR,
      action: 'api_key.created',
      entityType: 'api_key',
      entityId: id,
      details: { name: input.name, role: input.role, departmentId, prefix },
      ip: audit.ip ?? null,
      at,
    });
    return { id, key, prefix };
  });
}
