/** Wall-clock ↔ instant conversion for IANA time zones, on the runtime's Intl data (no library). */

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the runtime knows the zone (e.g. "Asia/Shanghai", "America/New_York"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's wall clock at an instant, expressed as if it were UTC milliseconds. */
function wallClockMs(timeZone: string, instantMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instantMs))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
    instantMs - Math.floor(instantMs / 1000) * 1000,
  );
}

/** UTC offset of the zone at an instant, in milliseconds (east positive). */
export function offsetMs(timeZone: string, instantMs: number): number {
  return wallClockMs(timeZone, instantMs) - instantMs;
}

/** The calendar date in the zone at an instant. */
export function localDateOf(timeZone: string, instantMs: number): LocalDate {
  const wall = new Date(wallClockMs(timeZone, instantMs));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/**
 * The instant at which the zone's clock shows `minuteOfDay` minutes after midnight of `date`
 * (1440 = the next midnight). A wall time skipped by a DST jump resolves to the offset before the jump.
 */
export function zonedInstant(timeZone: string, date: LocalDate, minuteOfDay: number): number {
  return instantOfWallClock(timeZone, Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay));
}

/**
 * The instant at which the zone's clock shows `wallMs` (a wall-clock time written as if it were UTC
 * milliseconds). A wall time skipped by a DST jump resolves to the offset before the jump.
 */
export function instantOfWallClock(timeZone: string, wallMs: number): number {
  const first = offsetMs(timeZone, wallMs);
  const guess = wallMs - first;
  const second = offsetMs(timeZone, guess);
  return second === first ? guess : wallMs - second;
}

export function nextDate(date: LocalDate): LocalDate {
  return addDays(date, 1);
}

/** The date `days` days later (earlier when negative). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** "YYYY-MM-DD". */
export function dateKey(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
