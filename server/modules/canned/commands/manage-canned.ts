import type {
  CannedActions,
  CreateCannedResponse,
  UpdateCannedResponse,
} from '../../../../shared/contracts/canned.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, DbOrTrx } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { getDepartmentSummaries, recordAudit } from '../../identity/index.js';
import * as repo from '../canned.repository.js';
import { variablesOf } from '../template.js';

interface Base {
  actor: Actor;
  at: string;
  ip: string | null;
}

async function audit(db: DbOrTrx, base: Base, action: string, id: string, details?: unknown) {
  await recordAudit(db, {
    actor: base.actor,
    action,
    entityType: 'canned_response',
    entityId: id,
    ip: base.ip,
    at: base.at,
    ...(details === undefined ? {} : { details }),
  });
}

async function checkDepartment(db: DbOrTrx, departmentId: string | null | undefined): Promise<void> {
  if (!departmentId) return;
  if (!(await getDepartmentSummaries(db, [departmentId])).has(departmentId))
    throw new AppError('department_not_found');
}

/** Macro actions must do something: an empty object is refused (400 canned_action_invalid); null clears them. */
function checkActions(actions: CannedActions | null | undefined): void {
  if (actions && Object.keys(actions).length === 0) throw new AppError('canned_action_invalid');
}

export async function getCannedOrThrow(db: DbOrTrx, id: string): Promise<repo.CannedRow> {
  const row = await repo.findCanned(db, id);
  if (!row) throw new AppError('canned_response_not_found');
  return row;
}

/** Saves a new response; every `{{variable}}` of both bodies must be known (400 canned_variable_unknown). */
export async function createCanned(
  db: Db,
  options: Base & { input: CreateCannedResponse },
): Promise<repo.CannedRow> {
  const { input, at, actor } = options;
  variablesOf(input.bodyZh);
  variablesOf(input.bodyEn);
  checkActions(input.actions);
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await checkDepartment(trx, input.departmentId);
    await repo.insertCanned(trx, {
      id,
      title_zh: input.titleZh,
      title_en: input.titleEn,
      body_zh: input.bodyZh,
      body_en: input.bodyEn,
      department_id: input.departmentId ?? null,
      actions: repo.serializeActions(input.actions),
      created_by: actor.type === 'user' ? actor.id : null,
      created_at: at,
      updated_at: at,
    });
    await audit(trx, options, 'canned_response.created', id, {
      titleEn: input.titleEn,
      ...(input.actions ? { actions: input.actions } : {}),
    });
  });
  return getCannedOrThrow(db, id);
}

export async function updateCanned(
  db: Db,
  options: Base & { id: string; changes: UpdateCannedResponse },
): Promise<repo.CannedRow> {
  const { changes, id, at } = options;
  if (changes.bodyZh !== undefined) variablesOf(changes.bodyZh);
  if (changes.bodyEn !== undefined) variablesOf(changes.bodyEn);
  checkActions(changes.actions);
  await db.transaction().execute(async (trx) => {
    await getCannedOrThrow(trx, id);
    await checkDepartment(trx, changes.departmentId);
    await repo.updateCanned(trx, id, {
      ...(changes.titleZh !== undefined ? { title_zh: changes.titleZh } : {}),
      ...(changes.titleEn !== undefined ? { title_en: changes.titleEn } : {}),
      ...(changes.bodyZh !== undefined ? { body_zh: changes.bodyZh } : {}),
      ...(changes.bodyEn !== undefined ? { body_en: changes.bodyEn } : {}),
      ...(changes.departmentId !== undefined ? { department_id: changes.departmentId } : {}),
      ...(changes.actions !== undefined ? { actions: repo.serializeActions(changes.actions) } : {}),
      updated_at: at,
    });
    await audit(trx, options, 'canned_response.updated', id, { fields: Object.keys(changes) });
  });
  return getCannedOrThrow(db, id);
}

export async function deleteCanned(db: Db, options: Base & { id: string }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteCanned(trx, options.id))) throw new AppError('canned_response_not_found');
    await audit(trx, options, 'canned_response.deleted', options.id);
  });
}
