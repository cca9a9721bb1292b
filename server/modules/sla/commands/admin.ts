import type {
  CreateCalendar,
  CreatePolicy,
  UpdateCalendar,
  UpdatePolicy,
} from '../../../../shared/contracts/sla.js';
import { isValidTimeZone } from '../../../../shared/time/zoned.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { newId } from '../../../platform/db/ids.js';
import { AppError } from '../../../platform/http/errors.js';
import { findActiveUserIds, recordAudit } from '../../identity/index.js';
import { parseIntervals } from '../calendar/business-calendar.js';
import { chinesePublicCalendarDays } from '../calendar/cn-holidays.js';
import {
  calendarInUse,
  deleteCalendar,
  deleteCalendarDay,
  deletePolicy,
  findCalendar,
  findCalendarByCode,
  findPolicy,
  insertCalendar,
  insertPolicy,
  listPolicies,
  replaceRecipients,
  setDefaultCalendar,
  updateCalendar,
  updatePolicy,
  upsertCalendarDay,
} from '../sla.repository.js';

interface AdminBase {
  db: Db;
  actor: Actor;
  at: string;
  ip?: string | null;
}

const OFFICE: [string, string][] = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];
const ALL_DAY: [string, string][] = [['00:00', '24:00']];

function checkHours(week: [string, string][][] | undefined, makeup: [string, string][] | null | undefined) {
  try {
    for (const day of week ?? []) parseIntervals(day);
    if (makeup) parseIntervals(makeup);
  } catch (err) {
    throw new AppError('sla_invalid_hours', { status: 400, details: { reason: (err as Error).message } });
  }
  if (week?.every((d) => d.length === 0)) throw new AppError('sla_invalid_hours', { status: 400 });
}

function checkZone(timeZone: string | undefined) {
  if (timeZone !== undefined && !isValidTimeZone(timeZone))
    throw new AppError('sla_invalid_time_zone', { status: 400, params: { timeZone } });
}

async function audit(base: AdminBase, action: string, entityId: string, details: Record<string, unknown>) {
  await recordAudit(base.db, {
    actor: base.actor,
    action,
    entityType: 'sla',
    entityId,
    details,
    ip: base.ip ?? null,
    at: base.at,
  });
}

export async function createCalendar(base: AdminBase, input: CreateCalendar): Promise<string> {
  checkZone(input.timeZone);
  const week =
    input.weekHours ?? (input.kind === '24x7' ? Array(7).fill(ALL_DAY) : [...Array(5).fill(OFFICE), [], []]);
  checkHours(week, input.makeupHours);
  if (await findCalendarByCode(base.db, input.code))
    throw new AppError('sla_calendar_code_taken', { status: 409 });
  const id = newId();
  await base.db.transaction().execute(async (trx) => {
    await insertCalendar(trx, {
      id,
      code: input.code,
      name_zh: input.nameZh,
      name_en: input.nameEn,
      kind: input.kind,
      time_zone: input.timeZone,
      week_hours: JSON.stringify(week),
      makeup_hours: input.makeupHours ? JSON.stringify(input.makeupHours) : null,
      is_default: 0,
      created_at: base.at,
      updated_at: base.at,
    });
    if (input.isDefault) await setDefaultCalendar(trx, id);
    if (input.chinesePublicHolidays)
      for (const d of chinesePublicCalendarDays())
        await upsertCalendarDay(trx, {
          calendar_id: id,
          date: d.date,
          kind: d.kind,
          name: d.name,
          name_en: d.nameEn,
          created_at: base.at,
        });
  });
  await audit(base, 'sla.calendar_created', id, { code: input.code });
  return id;
}

export async function changeCalendar(base: AdminBase, id: string, patch: UpdateCalendar): Promise<void> {
  if (!(await findCalendar(base.db, id))) throw new AppError('sla_calendar_not_found', { status: 404 });
  checkZone(patch.timeZone);
  checkHours(patch.weekHours, patch.makeupHours);
  await base.db.transaction().execute(async (trx) => {
    await updateCalendar(trx, id, {
      ...(patch.nameZh !== undefined ? { name_zh: patch.nameZh } : {}),
      ...(patch.nameEn !== undefined ? { name_en: patch.nameEn } : {}),
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
      ...(patch.weekHours !== undefined ? { week_hours: JSON.stringify(patch.weekHours) } : {}),
      ...(patch.makeupHours !== undefined
        ? { makeup_hours: patch.makeupHours ? JSON.stringify(patch.makeupHours) : null }
        : {}),
      updated_at: base.at,
    });
    if (patch.isDefault) await setDefaultCalendar(trx, id);
  });
  await audit(base, 'sla.calendar_updated', id, patch);
}

export async function removeCalendar(base: AdminBase, id: string): Promise<void> {
  const row = await findCalendar(base.db, id);
  if (!row) throw new AppError('sla_calendar_not_found', { status: 404 });
  if (row.is_default === 1 || (await calendarInUse(base.db, id)))
    throw new AppError('sla_calendar_in_use', { status: 409 });
  await deleteCalendar(base.db, id);
  await audit(base, 'sla.calendar_deleted', id, { code: row.code });
}

export async function putCalendarDay(
  base: AdminBase,
  id: string,
  day: { date: string; kind: 'holiday' | 'workday'; name: string; nameEn?: string | null | undefined },
): Promise<void> {
  if (!(await findCalendar(base.db, id))) throw new AppError('sla_calendar_not_found', { status: 404 });
  const parsed = Date.parse(`${day.date}T00:00:00Z`);
  if (Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== day.date)
    throw new AppError('validation_failed', { status: 400, details: { date: day.date } });
  await upsertCalendarDay(base.db, {
    calendar_id: id,
    date: day.date,
    kind: day.kind,
    name: day.name,
    name_en: day.nameEn ?? null,
    created_at: base.at,
  });
  await audit(base, 'sla.calendar_day_set', id, day);
}

export async function removeCalendarDay(base: AdminBase, id: string, date: string): Promise<void> {
  if (!(await deleteCalendarDay(base.db, id, date)))
    throw new AppError('sla_calendar_day_not_found', { status: 404 });
  await audit(base, 'sla.calendar_day_deleted', id, { date });
}

export async function createPolicy(base: AdminBase, input: CreatePolicy): Promise<string> {
  if (!(await findCalendar(base.db, input.calendarId)))
    throw new AppError('sla_calendar_not_found', { status: 404 });
  const existing = await listPolicies(base.db);
  if (existing.some((p) => p.priority === input.priority && p.nature === input.nature))
    throw new AppError('sla_policy_exists', { status: 409 });
  const id = newId();
  await insertPolicy(base.db, {
    id,
    priority: input.priority,
    nature: input.nature,
    name: input.name,
    calendar_id: input.calendarId,
    first_response_minutes: input.firstResponseMinutes,
    resolution_minutes: input.resolutionMinutes,
    progress_update_minutes: input.progressUpdateMinutes ?? null,
    at_risk_percent: input.atRiskPercent,
    pausable: input.pausable ? 1 : 0,
    created_at: base.at,
    updated_at: base.at,
  });
  await audit(base, 'sla.policy_created', id, input);
  return id;
}

export async function changePolicy(base: AdminBase, id: string, patch: UpdatePolicy): Promise<void> {
  if (!(await findPolicy(base.db, id))) throw new AppError('sla_policy_not_found', { status: 404 });
  if (patch.calendarId !== undefined && !(await findCalendar(base.db, patch.calendarId)))
    throw new AppError('sla_calendar_not_found', { status: 404 });
  await updatePolicy(base.db, id, {
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.calendarId !== undefined ? { calendar_id: patch.calendarId } : {}),
    ...(patch.firstResponseMinutes !== undefined
      ? { first_response_minutes: patch.firstResponseMinutes }
      : {}),
    ...(patch.resolutionMinutes !== undefined ? { resolution_minutes: patch.resolutionMinutes } : {}),
    ...(patch.progressUpdateMinutes !== undefined
      ? { progress_update_minutes: patch.progressUpdateMinutes }
      : {}),
    ...(patch.atRiskPercent !== undefined ? { at_risk_percent: patch.atRiskPercent } : {}),
    ...(patch.pausable !== undefined ? { pausable: patch.pausable ? 1 : 0 } : {}),
    updated_at: base.at,
  });
  await audit(base, 'sla.policy_updated', id, patch);
}

/** Deletes a nature-specific policy; a priority's fallback ('*') stays so every item has an SLA. */
export async function removePolicy(base: AdminBase, id: string): Promise<void> {
  const row = await findPolicy(base.db, id);
  if (!row) throw new AppError('sla_policy_not_found', { status: 404 });
  if (row.nature === '*') throw new AppError('sla_fallback_policy_required', { status: 409 });
  await deletePolicy(base.db, id);
  await audit(base, 'sla.policy_deleted', id, { priority: row.priority, nature: row.nature });
}

export async function setRecipients(
  base: AdminBase,
  recipients: { userId: string; list: 'management' | 'legal' | 'pr' }[],
): Promise<void> {
  const unique = new Map(recipients.map((r) => [r.userId, r]));
  const known = new Set(await findActiveUserIds(base.db, [...unique.keys()]));
  const missing = [...unique.keys()].filter((id) => !known.has(id));
  if (missing.length > 0) throw new AppError('user_not_found', { details: { userIds: missing } });
  await base.db.transaction().execute((trx) =>
    replaceRecipients(
      trx,
      [...unique.values()].map((r) => ({ user_id: r.userId, list: r.list, created_at: base.at })),
    ),
  );
  await audit(base, 'sla.recipients_set', 'escalation-recipients', { recipients });
}
