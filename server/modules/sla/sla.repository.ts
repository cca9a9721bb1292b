import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Nature, Priority } from '../../../shared/enums.js';
import type { DbOrTrx } from '../../platform/db/database.js';
import type {
  SlaCalendarDayTable,
  SlaCalendarTable,
  SlaClockTable,
  SlaEscalationRecipientTable,
  SlaLevel,
  SlaPolicyTable,
  SlaTarget,
} from './sla.table.js';

export type CalendarRow = Selectable<SlaCalendarTable>;
export type CalendarDayRow = Selectable<SlaCalendarDayTable>;
export type PolicyRow = Selectable<SlaPolicyTable>;
export type ClockRow = Selectable<SlaClockTable>;
export type RecipientRow = Selectable<SlaEscalationRecipientTable>;

// Calendars

export function listCalendars(db: DbOrTrx): Promise<CalendarRow[]> {
  return db.selectFrom('sla_calendars').selectAll().orderBy('code').execute();
}

export function findCalendar(db: DbOrTrx, id: string): Promise<CalendarRow | undefined> {
  return db.selectFrom('sla_calendars').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCalendarByCode(db: DbOrTrx, code: string): Promise<CalendarRow | undefined> {
  return db.selectFrom('sla_calendars').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertCalendar(db: DbOrTrx, row: Insertable<SlaCalendarTable>): Promise<void> {
  await db.insertInto('sla_calendars').values(row).execute();
}

export async function updateCalendar(
  db: DbOrTrx,
  id: string,
  patch: Updateable<SlaCalendarTable>,
): Promise<void> {
  await db.updateTable('sla_calendars').set(patch).where('id', '=', id).execute();
}

/** Makes one calendar the default (and no other). */
export async function setDefaultCalendar(db: DbOrTrx, id: string): Promise<void> {
  await db.updateTable('sla_calendars').set({ is_default: 0 }).where('id', '!=', id).execute();
  await db.updateTable('sla_calendars').set({ is_default: 1 }).where('id', '=', id).execute();
}

export async function deleteCalendar(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('sla_calendars').where('id', '=', id).execute();
}

export async function calendarInUse(db: DbOrTrx, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('sla_policies')
    .select('id')
    .where('calendar_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export function listCalendarDays(
  db: DbOrTrx,
  calendarId: string,
  range?: { from?: string; to?: string },
): Promise<CalendarDayRow[]> {
  let q = db.selectFrom('sla_calendar_days').selectAll().where('calendar_id', '=', calendarId);
  if (range?.from) q = q.where('date', '>=', range.from);
  if (range?.to) q = q.where('date', '<=', range.to);
  return q.orderBy('date').execute();
}

export async function upsertCalendarDay(db: DbOrTrx, row: Insertable<SlaCalendarDayTable>): Promise<void> {
  await db
    .insertInto('sla_calendar_days')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['calendar_id', 'date'])
        .doUpdateSet({ kind: row.kind, name: row.name, name_en: row.name_en }),
    )
    .execute();
}

export async function deleteCalendarDay(db: DbOrTrx, calendarId: string, date: string): Promise<boolean> {
  const res = await db
    .deleteFrom('sla_calendar_days')
    .where('calendar_id', '=', calendarId)
    .where('date', '=', date)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}

// Policies

export function listPolicies(db: DbOrTrx): Promise<PolicyRow[]> {
  return db.selectFrom('sla_policies').selectAll().orderBy('priority').orderBy('nature').execute();
}

export function findPolicy(db: DbOrTrx, id: string): Promise<PolicyRow | undefined> {
  return db.selectFrom('sla_policies').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The policy of a priority and nature: the exact pair first, else the priority's fallback ('*'). */
export async function matchPolicy(
  db: DbOrTrx,
  priority: Priority,
  nature: Nature | null,
): Promise<PolicyRow | undefined> {
  const rows = await db
    .selectFrom('sla_policies')
    .selectAll()
    .where('priority', '=', priority)
    .where('nature', 'in', nature ? [nature, '*'] : ['*'])
    .execute();
  return rows.find((r) => r.nature !== '*') ?? rows[0];
}

export async function insertPolicy(db: DbOrTrx, row: Insertable<SlaPolicyTable>): Promise<void> {
  await db.insertInto('sla_policies').values(row).execute();
}

export async function updatePolicy(
  db: DbOrTrx,
  id: string,
  patch: Updateable<SlaPolicyTable>,
): Promise<void> {
  await db.updateTable('sla_policies').set(patch).where('id', '=', id).execute();
}

export async function deletePolicy(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('sla_policies').where('id', '=', id).execute();
}

// Clocks

export function findClocks(db: DbOrTrx, feedbackId: string): Promise<ClockRow[]> {
  return db.selectFrom('sla_clocks').selectAll().where('feedback_id', '=', feedbackId).execute();
}

export function findClocksOf(db: DbOrTrx, feedbackIds: string[]): Promise<ClockRow[]> {
  if (feedbackIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('sla_clocks').selectAll().where('feedback_id', 'in', feedbackIds).execute();
}

export async function saveClock(db: DbOrTrx, row: Insertable<SlaClockTable>): Promise<void> {
  const { feedback_id, target, ...rest } = row;
  await db
    .insertInto('sla_clocks')
    .values(row)
    .onConflict((oc) => oc.columns(['feedback_id', 'target']).doUpdateSet(rest))
    .execute();
}

/** Takes an item's clocks out of the sweep (e.g. its priority no longer has a policy). */
export async function clearNextCheck(db: DbOrTrx, feedbackId: string): Promise<void> {
  await db
    .updateTable('sla_clocks')
    .set({ next_check_at: null, next_level: null })
    .where('feedback_id', '=', feedbackId)
    .execute();
}

/** Clocks the sweep must look at by `now`, soonest first (reads only the partial next_check index). */
export function dueClocksQuery(db: DbOrTrx, now: string, limit: number) {
  return db
    .selectFrom('sla_clocks')
    .select(['feedback_id', 'target'])
    .where('next_check_at', 'is not', null)
    .where('next_check_at', '<=', now)
    .orderBy('next_check_at')
    .limit(limit);
}

export function dueClocks(
  db: DbOrTrx,
  now: string,
  limit: number,
): Promise<{ feedback_id: string; target: SlaTarget }[]> {
  return dueClocksQuery(db, now, limit).execute();
}

// Escalations

/** Claims an escalation; false when it was already done (by an earlier sweep or a concurrent one). */
export async function claimEscalation(
  db: DbOrTrx,
  feedbackId: string,
  target: string,
  level: SlaLevel,
  at: string,
): Promise<boolean> {
  const row = await db
    .insertInto('sla_escalations')
    .values({ feedback_id: feedbackId, target, level, created_at: at })
    .onConflict((oc) => oc.columns(['feedback_id', 'target', 'level']).doNothing())
    .returning('feedback_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function escalationsOf(db: DbOrTrx, feedbackId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('sla_escalations')
    .select(['target', 'level'])
    .where('feedback_id', '=', feedbackId)
    .execute();
  return new Set(rows.map((r) => `${r.target}:${r.level}`));
}

export function escalationsOfMany(
  db: DbOrTrx,
  feedbackIds: string[],
): Promise<{ feedback_id: string; target: string; level: SlaLevel }[]> {
  if (feedbackIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('sla_escalations')
    .select(['feedback_id', 'target', 'level'])
    .where('feedback_id', 'in', feedbackIds)
    .execute();
}

export async function policyNames(
  db: DbOrTrx,
  ids: string[],
): Promise<Map<string, { id: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('sla_policies').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

// Recipients

export function listRecipients(db: DbOrTrx): Promise<RecipientRow[]> {
  return db.selectFrom('sla_escalation_recipients').selectAll().orderBy('list').orderBy('user_id').execute();
}

export async function replaceRecipients(
  db: DbOrTrx,
  rows: Insertable<SlaEscalationRecipientTable>[],
): Promise<void> {
  await db.deleteFrom('sla_escalation_recipients').execute();
  if (rows.length > 0) await db.insertInto('sla_escalation_recipients').values(rows).execute();
}

/** Items with a clock still counting or paused, after `afterId` in id order (recompute batches). */
export async function openClockItems(db: DbOrTrx, afterId: string | null, limit: number): Promise<string[]> {
  let q = db.selectFrom('sla_clocks').select('feedback_id').where('stopped_at', 'is', null);
  if (afterId) q = q.where('feedback_id', '>', afterId);
  const rows = await q.groupBy('feedback_id').orderBy('feedback_id').limit(limit).execute();
  return rows.map((r) => r.feedback_id);
}
