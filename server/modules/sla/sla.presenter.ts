import type { Calendar, CalendarDay, Policy } from '../../../shared/contracts/sla.js';
import type { Locale } from '../../../shared/enums.js';
import type { CalendarDayRow, CalendarRow, PolicyRow } from './sla.repository.js';

type Pair = [string, string];

export function presentCalendar(row: CalendarRow, locale: Locale): Calendar {
  return {
    id: row.id,
    code: row.code,
    name: locale === 'zh-CN' ? row.name_zh : row.name_en,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    kind: row.kind,
    timeZone: row.time_zone,
    weekHours: JSON.parse(row.week_hours) as Pair[][],
    makeupHours: row.makeup_hours ? (JSON.parse(row.makeup_hours) as Pair[]) : null,
    isDefault: row.is_default === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentCalendarDay(row: CalendarDayRow): CalendarDay {
  return { date: row.date, kind: row.kind, name: row.name, nameEn: row.name_en };
}

export function presentPolicy(row: PolicyRow): Policy {
  return {
    id: row.id,
    priority: row.priority,
    nature: row.nature,
    name: row.name,
    calendarId: row.calendar_id,
    firstResponseMinutes: row.first_response_minutes,
    resolutionMinutes: row.resolution_minutes,
    progressUpdateMinutes: row.progress_update_minutes,
    atRiskPercent: row.at_risk_percent,
    pausable: row.pausable === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
