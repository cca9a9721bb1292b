import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../platform/db/database.js';
import type { Candidate, DepartmentArea } from './routing.js';
import type { NlpCorrectionTable, TriageRuleTable } from './triage.table.js';

export type RuleRow = Selectable<TriageRuleTable>;
export type CorrectionRow = Selectable<NlpCorrectionTable>;

const OPEN_STATUSES = ['received', 'in_progress', 'reopened'] as const;

// ---- rules

export async function listRuleRows(db: DbOrTrx, options: { enabledOnly?: boolean } = {}): Promise<RuleRow[]> {
  let q = db.selectFrom('triage_rules').selectAll();
  if (options.enabledOnly) q = q.where('enabled', '=', 1);
  return q.orderBy('position').orderBy('created_at').orderBy('id').execute();
}

export async function findRuleRow(db: DbOrTrx, id: string): Promise<RuleRow | undefined> {
  return db.selectFrom('triage_rules').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertRuleRow(db: DbOrTrx, row: Insertable<TriageRuleTable>): Promise<RuleRow> {
  return db.insertInto('triage_rules').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateRuleRow(
  db: DbOrTrx,
  row: RuleRow,
  patch: Updateable<TriageRuleTable>,
): Promise<RuleRow> {
  return db
    .updateTable('triage_rules')
    .set({ ...patch, version: row.version + 1 })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteRuleRow(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('triage_rules').where('id', '=', id).execute();
}

export async function nextRulePosition(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('triage_rules')
    .select((eb) => eb.fn.max('position').as('max'))
    .executeTakeFirst();
  const max = row?.max;
  return max === null || max === undefined ? 10 : Number(max) + 10;
}

// ---- routing reads (departments and users belong to identity; triage only reads them)

export async function departmentAreas(db: DbOrTrx): Promise<DepartmentArea[]> {
  const rows = await db.selectFrom('departments').select(['id', 'code', 'business_areas']).execute();
  return rows.map((r) => {
    const areas: unknown = JSON.parse(r.business_areas);
    return {
      id: r.id,
      code: r.code,
      areas: Array.isArray(areas) ? areas.filter((a): a is string => typeof a === 'string') : [],
    };
  });
}

/** Active agents of a department (with the skill, when one is needed) and their open item counts. */
export async function assignmentCandidates(
  db: DbOrTrx,
  departmentId: string,
  skill: string | null,
): Promise<Candidate[]> {
  let q = db
    .selectFrom('users')
    .select((eb) => [
      'users.id as userId',
      eb
        .selectFrom('feedback')
        .select(eb.fn.countAll().as('n'))
        .whereRef('feedback.assignee_id', '=', 'users.id')
        .where('feedback.status', 'in', OPEN_STATUSES)
        .as('open'),
    ])
    .where('users.department_id', '=', departmentId)
    .where('users.role', '=', 'agent')
    .where('users.active', '=', 1);
  if (skill)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_skills')
          .select('user_skills.user_id')
          .whereRef('user_skills.user_id', '=', 'users.id')
          .where('user_skills.skill', '=', skill),
      ),
    );
  const rows = await q.execute();
  return rows.map((r) => ({ userId: r.userId, open: Number(r.open ?? 0) }));
}

// ---- settings

export async function settingRows(db: DbOrTrx): Promise<{ scope: string; auto_assign: number }[]> {
  return db.selectFrom('triage_settings').select(['scope', 'auto_assign']).orderBy('scope').execute();
}

export async function autoAssignFor(db: DbOrTrx, departmentId: string): Promise<boolean> {
  const rows = await db
    .selectFrom('triage_settings')
    .select(['scope', 'auto_assign'])
    .where('scope', 'in', ['global', departmentId])
    .execute();
  const own = rows.find((r) => r.scope === departmentId);
  const global = rows.find((r) => r.scope === 'global');
  return (own ?? global)?.auto_assign === 1;
}

export async function upsertSetting(
  db: DbOrTrx,
  scope: string,
  autoAssign: boolean,
  at: string,
): Promise<void> {
  const value = autoAssign ? 1 : 0;
  await db
    .insertInto('triage_settings')
    .values({ scope, auto_assign: value, updated_at: at })
    .onConflict((oc) => oc.column('scope').doUpdateSet({ auto_assign: value, updated_at: at }))
    .execute();
}

export async function deleteSetting(db: DbOrTrx, scope: string): Promise<void> {
  await db.deleteFrom('triage_settings').where('scope', '=', scope).execute();
}

// ---- skills

export async function skillRows(db: DbOrTrx, userId?: string): Promise<{ user_id: string; skill: string }[]> {
  let q = db.selectFrom('user_skills').select(['user_id', 'skill']);
  if (userId) q = q.where('user_id', '=', userId);
  return q.orderBy('user_id').orderBy('skill').execute();
}

export async function replaceSkills(
  db: DbOrTrx,
  userId: string,
  skills: string[],
  at: string,
): Promise<void> {
  await db.deleteFrom('user_skills').where('user_id', '=', userId).execute();
  if (skills.length > 0)
    await db
      .insertInto('user_skills')
      .values(skills.map((skill) => ({ user_id: userId, skill, created_at: at })))
      .execute();
}

// ---- corrections

/** Stores a correction once per source event (redelivered jobs write nothing new). */
export async function insertCorrection(db: DbOrTrx, row: Insertable<NlpCorrectionTable>): Promise<void> {
  await db
    .insertInto('nlp_corrections')
    .values(row)
    .onConflict((oc) => oc.column('source_event_id').doNothing())
    .execute();
}

export async function listCorrections(db: DbOrTrx, task?: string): Promise<CorrectionRow[]> {
  let q = db.selectFrom('nlp_corrections').selectAll();
  if (task) q = q.where('task', '=', task);
  return q.orderBy('created_at').orderBy('id').execute();
}

// ---- triage queue

/** Open items triage could not route (no department), oldest first, after the keyset position. */
export async function queueIds(
  db: DbOrTrx,
  options: { limit: number; after?: { triagedAt: string; id: string } },
): Promise<{ id: string; triagedAt: string }[]> {
  let q = db
    .selectFrom('feedback_triage')
    .innerJoin('feedback', 'feedback.id', 'feedback_triage.feedback_id')
    .select(['feedback.id as id', 'feedback_triage.triaged_at as triagedAt'])
    .where('feedback_triage.needs_routing', '=', 1)
    .where('feedback.department_id', 'is', null)
    .where('feedback.status', 'in', OPEN_STATUSES);
  const after = options.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('feedback_triage.triaged_at', '>', after.triagedAt),
        eb.and([eb('feedback_triage.triaged_at', '=', after.triagedAt), eb('feedback.id', '>', after.id)]),
      ]),
    );
  return q.orderBy('feedback_triage.triaged_at').orderBy('feedback.id').limit(options.limit).execute();
}

export async function hasTriageRow(db: DbOrTrx, feedbackId: string): Promise<boolean> {
  const row = await db
    .selectFrom('feedback_triage')
    .select('feedback_id')
    .where('feedback_id', '=', feedbackId)
    .executeTakeFirst();
  return row !== undefined;
}
