import type { UpdateDepartment } from '../../../../shared/contracts/identity.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import {
  type DepartmentRow,
  deleteDepartmentRow,
  departmentInUse,
  findDepartmentById,
  findDepartmentRowByCode,
  isUniqueViolation,
  updateDepartmentRow,
} from '../identity.repository.js';
import { recordAudit } from './record-audit.js';

interface Common {
  db: Db;
  actor: Actor;
  id: string;
  ip: string | null;
  at: string;
}

/** Renames or re-codes a department, or changes the business areas its queue receives. */
export async function updateDepartment(opts: Common & { patch: UpdateDepartment }): Promise<DepartmentRow> {
  const { patch } = opts;
  return opts.db.transaction().execute(async (trx) => {
    const before = await findDepartmentById(trx, opts.id);
    if (!before) throw new AppError('department_not_found');
    if (patch.code !== undefined && patch.code !== before.code) {
      if (await findDepartmentRowByCode(trx, patch.code)) throw new AppError('department_code_taken');
    }
    const values = {
      ...(patch.code !== undefined ? { code: patch.code } : {}),
      ...(patch.nameZh !== undefined ? { name_zh: patch.nameZh } : {}),
      ...(patch.nameEn !== undefined ? { name_en: patch.nameEn } : {}),
      ...(patch.businessAreas !== undefined
        ? { business_areas: JSON.stringify([...new Set(patch.businessAreas)]) }
        : {}),
      updated_at: opts.at,
    };
    try {
      await updateDepartmentRow(trx, opts.id, values);
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('department_code_taken');
      throw e;
    }
    await recordAudit(trx, {
      actor: opts.actor,
      action: 'department.updated',
      entityType: 'department',
      entityId: opts.id,
      details: { changes: patch },
      ip: opts.ip,
      at: opts.at,
    });
    return { ...before, ...values };
  });
}

/** Deletes a department nothing refers to; otherwise 409 department_in_use. */
export async function deleteDepartment(opts: Common): Promise<void> {
  await opts.db.transaction().execute(async (trx) => {
    const before = await findDepartmentById(trx, opts.id);
    if (!before) throw new AppError('department_not_found');
    if (await departmentInUse(trx, opts.id)) throw new AppError('department_in_use');
    await deleteDepartmentRow(trx, opts.id);
    await recordAudit(trx, {
      actor: opts.actor,
      action: 'department.deleted',
      entityType: 'department',
      entityId: opts.id,
      details: { code: before.code, nameZh: before.name_zh, nameEn: before.name_en },
      ip: opts.ip,
      at: opts.at,
    });
  });
}
