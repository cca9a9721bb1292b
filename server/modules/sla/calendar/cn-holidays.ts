import { createRequire } from 'node:module';
import { dateKey, nextDate } from '../../../../shared/time/zoned.js';

export interface ShippedCalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  nameEn: string;
}

interface HolidayFile {
  holidays: { date?: string; from?: string; to?: string; name: string; nameEn: string }[];
  workdays: { date: string; name: string; nameEn: string }[];
}

function expand(from: string, to: string): string[] {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const dates: string[] = [];
  for (let date = { year: y, month: m, day: d }; dateKey(date) <= to; date = nextDate(date))
    dates.push(dateKey(date));
  return dates;
}

/** The shipped Chinese public holidays and make-up working days, one entry per date, in date order. */
export function chinesePublicCalendarDays(): ShippedCalendarDay[] {
  const file = createRequire(import.meta.url)('./cn-public-holidays.json') as HolidayFile;
  const days: ShippedCalendarDay[] = [];
  for (const h of file.holidays)
    for (const date of h.date ? [h.date] : expand(h.from!, h.to!))
      days.push({ date, kind: 'holiday', name: h.name, nameEn: h.nameEn });
  for (const w of file.workdays) days.push({ date: w.date, kind: 'workday', name: w.name, nameEn: w.nameEn });
  return days.sort((a, b) => a.date.localeCompare(b.date));
}
