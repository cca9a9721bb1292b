import { SYSTEM_ACTOR } from '../../../platform/auth/actor.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { findDepartmentRowByCode, insertDepartment, isUniqueViolation } from '../identity.repository.js';
import { type AuditContext, inTransaction, recordAudit } from './record-audit.js';

export interface DepartmentSummary {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  businessAreas: string[];
}

/** Creates a department; a code already in use answers 409 department_code_taken. */
export async function createDepartment(
  db: DbOrTrx,
  input: { code: string; nameZh: string; nameEn: string; businessAreas?: string[] },
  at: string,
  audit: AuditContext = {},
): Promise<DepartmentSummary> {
  const department: DepartmentSummary = {
    id: newId(),
    code: input.code,
    nameZh: input.nameZh,
    nameEn: input.nameEn,
    businessAreas: [...new Set(input.businessAreas ?? [])],
  };
  return inTransaction(db, async (trx) => {
    if (await findDepartmentRowByCode(trx, input.code)) throw new AppError('department_code_taken');
    try {
      await insertDepartment(trx, {
        id: department.id,
        code: department.code,
        name_zh: department.nameZh,
        name_en: department.nameEn,
        business_areas: JSON.stringify(department.businessAreas),
        created_at: at,
        updated_at: at,
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('department_code_taken');
      throw e;
    }
    await recordAudit(trx, {
      actor: audit.actor ?? SYSTEM_ACTOR,
      action: 'department.created',
      entityType: 'department',
      entityId: department.id,
      details: { code: department.code, nameZh: department.nameZh, nameEn: department.nameEn },
      ip: audit.ip ?? null,
      at,
    });
    return department;
  });
}
