import type { TriageSettings, UpdateTriageSettings } from '../../../../shared/contracts/triage.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db, DbOrTrx } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/http/errors.js';
import { getDepartmentSummaries, getUserById, recordAudit } from '../../identity/index.js';
import { deleteSetting, replaceSkills, settingRows, skillRows, upsertSetting } from '../triage.repository.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getSettings(db: DbOrTrx): Promise<TriageSettings> {
  const rows = await settingRows(db);
  return {
    autoAssign: rows.find((r) => r.scope === 'global')?.auto_assign === 1,
    departments: rows
      .filter((r) => r.scope !== 'global')
      .map((r) => ({ departmentId: r.scope, autoAssign: r.auto_assign === 1 })),
  };
}

/** Auto-assignment on/off globally and per department (null: follow the global value). */
export async function updateSettings(base: {
  db: Db;
  actor: Actor;
  at: string;
  ip?: string | null;
  input: UpdateTriageSettings;
}): Promise<TriageSettings> {
  const { db, input, at } = base;
  const ids = (input.departments ?? []).map((d) => d.departmentId);
  const known = await getDepartmentSummaries(
    db,
    ids.filter((id) => UUID.test(id)),
  );
  if (ids.some((id) => !known.has(id))) throw new AppError('department_not_found');
  await db.transaction().execute(async (trx) => {
    if (input.autoAssign !== undefined) await upsertSetting(trx, 'global', input.autoAssign, at);
    for (const d of input.departments ?? []) {
      if (d.autoAssign === null) await deleteSetting(trx, d.departmentId);
      else await upsertSetting(trx, d.departmentId, d.autoAssign, at);
    }
    await recordAudit(trx, {
      actor: base.actor,
      action: 'triage.settings_updated',
      entityType: 'triage_settings',
      entityId: null,
      details: input,
      ip: base.ip ?? null,
      at,
    });
  });
  return getSettings(db);
}

export async function skillsOf(
  db: DbOrTrx,
  userId?: string,
): Promise<{ userId: string; skills: string[] }[]> {
  const byUser = new Map<string, string[]>();
  for (const row of await skillRows(db, userId))
    byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.skill]);
  return [...byUser].map(([id, skills]) => ({ userId: id, skills }));
}

/** Replaces a user's skills (business area codes, languages …). */
export async function setSkills(base: {
  db: Db;
  actor: Actor;
  at: string;
  ip?: string | null;
  userId: string;
  skills: string[];
}): Promise<{ userId: string; skills: string[] }> {
  const { db, at } = base;
  const user = UUID.test(base.userId) ? await getUserById(db, base.userId) : null;
  if (!user) throw new AppError('user_not_found');
  const skills = [...new Set(base.skills)].sort();
  await db.transaction().execute(async (trx) => {
    await replaceSkills(trx, base.userId, skills, at);
    await recordAudit(trx, {
      actor: base.actor,
      action: 'triage.skills_set',
      entityType: 'user',
      entityId: base.userId,
      details: { skills },
      ip: base.ip ?? null,
      at,
    });
  });
  return { userId: base.userId, skills };
}
