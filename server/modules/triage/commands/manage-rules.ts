import type { CreateRule, UpdateRule } from '../../../../shared/contracts/triage.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { assertBusinessAreasUsable, getDepartmentSummaries, recordAudit } from '../../identity/index.js';
import {
  deleteRuleRow,
  findRuleRow,
  insertRuleRow,
  nextRulePosition,
  type RuleRow,
  updateRuleRow,
} from '../triage.repository.js';

interface Base {
  db: Db;
  actor: Actor;
  at: string;
  ip?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function checkDepartment(db: Db, id: string | undefined): Promise<void> {
  if (!id) return;
  const found = UUID.test(id) ? await getDepartmentSummaries(db, [id]) : new Map();
  if (!found.has(id)) throw new AppError('triage_rule_department_invalid');
}

async function ruleOrThrow(db: Db, id: string): Promise<RuleRow> {
  const row = UUID.test(id) ? await findRuleRow(db, id) : undefined;
  if (!row) throw new AppError('triage_rule_not_found');
  return row;
}

export async function createRule(base: Base & { input: CreateRule }): Promise<RuleRow> {
  const { db, input, at } = base;
  await checkDepartment(db, input.actions.departmentId);
  await assertBusinessAreasUsable(db, [input.actions.businessArea]);
  return db.transaction().execute(async (trx) => {
    const row = await insertRuleRow(trx, {
      id: newId(),
      position: input.position ?? (await nextRulePosition(trx)),
      name: input.name,
      description: input.description ?? null,
      enabled: input.enabled === false ? 0 : 1,
      conditions: JSON.stringify(input.conditions),
      actions: JSON.stringify(input.actions),
      created_at: at,
      updated_at: at,
      version: 1,
    });
    await recordAudit(trx, {
      actor: base.actor,
      action: 'triage.rule_created',
      entityType: 'triage_rule',
      entityId: row.id,
      details: input,
      ip: base.ip ?? null,
      at,
    });
    return row;
  });
}

export async function updateRule(base: Base & { id: string; patch: UpdateRule }): Promise<RuleRow> {
  const { db, patch, at } = base;
  const row = await ruleOrThrow(db, base.id);
  await checkDepartment(db, patch.actions?.departmentId);
  const before = JSON.parse(row.actions) as { businessArea?: string };
  await assertBusinessAreasUsable(db, [patch.actions?.businessArea], [before.businessArea]);
  return db.transaction().execute(async (trx) => {
    const updated = await updateRuleRow(trx, row, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled ? 1 : 0 } : {}),
      ...(patch.position !== undefined ? { position: patch.position } : {}),
      ...(patch.conditions !== undefined ? { conditions: JSON.stringify(patch.conditions) } : {}),
      ...(patch.actions !== undefined ? { actions: JSON.stringify(patch.actions) } : {}),
      updated_at: at,
    });
    await recordAudit(trx, {
      actor: base.actor,
      action: 'triage.rule_updated',
      entityType: 'triage_rule',
      entityId: row.id,
      details: patch,
      ip: base.ip ?? null,
      at,
    });
    return updated;
  });
}

export async function deleteRule(base: Base & { id: string }): Promise<void> {
  const row = await ruleOrThrow(base.db, base.id);
  await base.db.transaction().execute(async (trx) => {
    await deleteRuleRow(trx, row.id);
    await recordAudit(trx, {
      actor: base.actor,
      action: 'triage.rule_deleted',
      entityType: 'triage_rule',
      entityId: row.id,
      details: { name: row.name },
      ip: base.ip ?? null,
      at: base.at,
    });
  });
}

export { ruleOrThrow };
