import type { CreateBusinessArea, UpdateBusinessArea } from '../../../../shared/contracts/catalog.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, DbOrTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import {
  type BusinessAreaRow,
  businessAreaUsage,
  deleteBusinessAreaRow,
  findBusinessAreaRow,
  findBusinessAreaRows,
  insertBusinessAreaRow,
  nextBusinessAreaOrder,
  updateBusinessAreaRow,
} from '../business-areas.repository.js';
import { isUniqueViolation } from '../identity.repository.js';
import { recordAudit } from './record-audit.js';

interface Base {
  db: Db;
  actor: Actor;
  at: string;
  ip: string | null;
}

/**
 * Refuses (422 business_area_unknown / business_area_inactive, naming the code) any code that is not in
 * the catalogue or is switched off. `keep` lists codes the record already has: those stay allowed even
 * when deactivated since, so a record can be edited without first dropping an old area.
 */
export async function assertBusinessAreasUsable(
  db: DbOrTrx,
  codes: readonly (string | null | undefined)[],
  keep: readonly (string | null | undefined)[] = [],
): Promise<void> {
  const kept = new Set(keep.filter((c): c is string => !!c));
  const wanted = [...new Set(codes.filter((c): c is string => !!c && !kept.has(c)))];
  if (wanted.length === 0) return;
  const found = new Map((await findBusinessAreaRows(db, wanted)).map((r) => [r.code, r]));
  for (const code of wanted) {
    const row = found.get(code);
    if (!row) throw new AppError('business_area_unknown', { params: { code } });
    if (Number(row.active) !== 1) throw new AppError('business_area_inactive', { params: { code } });
  }
}

export async function businessAreaOrThrow(db: DbOrTrx, code: string): Promise<BusinessAreaRow> {
  const row = await findBusinessAreaRow(db, code);
  if (!row) throw new AppError('business_area_not_found');
  return row;
}

export async function createBusinessArea(
  base: Base & { input: CreateBusinessArea },
): Promise<BusinessAreaRow> {
  const { input, at } = base;
  return base.db.transaction().execute(async (trx) => {
    if (await findBusinessAreaRow(trx, input.code)) throw new AppError('business_area_code_taken');
    const row: BusinessAreaRow = {
      code: input.code,
      label_zh: input.labelZh,
      label_en: input.labelEn,
      active: input.active === false ? 0 : 1,
      sort_order: input.sortOrder ?? (await nextBusinessAreaOrder(trx)),
      created_at: at,
      updated_at: at,
    };
    try {
      await insertBusinessAreaRow(trx, row);
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError('business_area_code_taken');
      throw e;
    }
    await recordAudit(trx, {
      actor: base.actor,
      action: 'business_area.created',
      entityType: 'business_area',
      entityId: input.code,
      details: input,
      ip: base.ip,
      at,
    });
    return row;
  });
}

export async function updateBusinessArea(
  base: Base & { code: string; patch: UpdateBusinessArea },
): Promise<BusinessAreaRow> {
  const { patch, at } = base;
  return base.db.transaction().execute(async (trx) => {
    const before = await businessAreaOrThrow(trx, base.code);
    const values = {
      ...(patch.labelZh !== undefined ? { label_zh: patch.labelZh } : {}),
      ...(patch.labelEn !== undefined ? { label_en: patch.labelEn } : {}),
      ...(patch.sortOrder !== undefined ? { sort_order: patch.sortOrder } : {}),
      ...(patch.active !== undefined ? { active: patch.active ? 1 : 0 } : {}),
      updated_at: at,
    };
    await updateBusinessAreaRow(trx, before.code, values);
    await recordAudit(trx, {
      actor: base.actor,
      action: 'business_area.updated',
      entityType: 'business_area',
      entityId: before.code,
      details: { code: before.code, changes: patch },
      ip: base.ip,
      at,
    });
    return { ...before, ...values };
  });
}

/** Removes an area nothing uses; otherwise 409 business_area_in_use (deactivate it instead). */
export async function deleteBusinessArea(base: Base & { code: string }): Promise<void> {
  await base.db.transaction().execute(async (trx) => {
    const before = await businessAreaOrThrow(trx, base.code);
    const usage = await businessAreaUsage(trx, before.code);
    if (usage.departments + usage.feedback + usage.rules > 0)
      throw new AppError('business_area_in_use', { params: usage });
    await deleteBusinessAreaRow(trx, before.code);
    await recordAudit(trx, {
      actor: base.actor,
      action: 'business_area.deleted',
      entityType: 'business_area',
      entityId: before.code,
      details: { code: before.code, labelZh: before.label_zh, labelEn: before.label_en },
      ip: base.ip,
      at: base.at,
    });
  });
}

/** Adds an area unless its code exists (seeding; no audit row, like other seeded organisation data). */
export async function ensureBusinessArea(
  db: DbOrTrx,
  input: { code: string; labelZh: string; labelEn: string },
  at: string,
): Promise<void> {
  if (await findBusinessAreaRow(db, input.code)) return;
  await insertBusinessAreaRow(db, {
    code: input.code,
    label_zh: input.labelZh,
    label_en: input.labelEn,
    active: 1,
    sort_order: await nextBusinessAreaOrder(db),
    created_at: at,
    updated_at: at,
  });
}
