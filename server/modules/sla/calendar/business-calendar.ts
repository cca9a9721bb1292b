import {
  compareDates,
  dateKey,
  isoWeekday,
  type LocalDate,
  localDateOf,
  nextDate,
  zonedInstant,
} from '../../../../shared/time/zoned.js';

/** Working time of one day, in minutes after local midnight; `end` may be 1440 (midnight). */
export interface WorkInterval {
  start: number;
  end: number;
}

/** A dated exception: a public holiday (no work) or a make-up working day (调休上班). */
export interface CalendarDay {
  kind: 'holiday' | 'workday';
  /** Hours of a make-up working day; the calendar's make-up hours when absent. */
  intervals?: WorkInterval[] | null;
}

export interface CalendarSpec {
  /** `24x7`: every minute counts (wall-clock time); `business`: only working hours count. */
  kind: '24x7' | 'business';
  timeZone: string;
  /** Working intervals by ISO weekday: index 0 = Monday … 6 = Sunday. */
  week: WorkInterval[][];
  /** Hours of a make-up working day without its own; Monday's hours when absent. */
  makeupHours?: WorkInterval[] | null;
  /** Exceptions keyed by local date "YYYY-MM-DD". */
  days: ReadonlyMap<string, CalendarDay>;
}

const MINUTE = 60_000;
/** A calendar with no working time at all would loop forever; ten years without work is treated as that. */
const MAX_DAYS = 3660;

export class CalendarHasNoWorkingTime extends Error {
  constructor() {
    super('The calendar has no working time within ten years');
  }
}

/** The working intervals of one local date, exceptions first, then the weekly template. */
export function workingIntervalsOn(spec: CalendarSpec, date: LocalDate): WorkInterval[] {
  const exception = spec.days.get(dateKey(date));
  if (exception?.kind === 'holiday') return [];
  if (exception?.kind === 'workday') return exception.intervals ?? spec.makeupHours ?? spec.week[0] ?? [];
  return spec.week[isoWeekday(date) - 1] ?? [];
}

/** Working periods of one date as instants [start, end), in order. */
function periodsOn(spec: CalendarSpec, date: LocalDate): [number, number][] {
  return workingIntervalsOn(spec, date)
    .map((i): [number, number] => [
      zonedInstant(spec.timeZone, date, i.start),
      zonedInstant(spec.timeZone, date, i.end),
    ])
    .filter(([s, e]) => e > s);
}

/** The instant `ms` milliseconds of working time after `start`. */
export function addBusinessMs(spec: CalendarSpec, start: number, ms: number): number {
  if (ms <= 0 || spec.kind === '24x7') return start + Math.max(ms, 0);
  let remaining = ms;
  let date = localDateOf(spec.timeZone, start);
  for (let n = 0; n < MAX_DAYS; n++, date = nextDate(date)) {
    for (const [s, e] of periodsOn(spec, date)) {
      const from = Math.max(s, start);
      if (e <= from) continue;
      if (remaining <= e - from) return from + remaining;
      remaining -= e - from;
    }
  }
  throw new CalendarHasNoWorkingTime();
}

/** Working time between two instants, in milliseconds (0 when `to` is not after `from`). */
export function businessMsBetween(spec: CalendarSpec, from: number, to: number): number {
  if (to <= from) return 0;
  if (spec.kind === '24x7') return to - from;
  const last = localDateOf(spec.timeZone, to);
  let total = 0;
  let date = localDateOf(spec.timeZone, from);
  for (let n = 0; compareDates(date, last) <= 0; n++, date = nextDate(date)) {
    if (n > MAX_DAYS * 10) throw new CalendarHasNoWorkingTime();
    for (const [s, e] of periodsOn(spec, date)) {
      const overlap = Math.min(e, to) - Math.max(s, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}

/** `minutes` of working time after `start`. */
export function addBusinessMinutes(spec: CalendarSpec, start: Date, minutes: number): Date {
  return new Date(addBusinessMs(spec, start.getTime(), minutes * MINUTE));
}

/** Working minutes between two instants (fractional when they are not on whole minutes). */
export function businessMinutesBetween(spec: CalendarSpec, from: Date, to: Date): number {
  return businessMsBetween(spec, from.getTime(), to.getTime()) / MINUTE;
}

/** "09:00" → 540; "24:00" → 1440. */
export function parseClock(value: string): number {
  const m = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!m) throw new Error(`Not a time of day: ${value}`);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (minutes > 1440) throw new Error(`Not a time of day: ${value}`);
  return minutes;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** [["09:00","12:00"],["13:00","18:00"]] → intervals (sorted; refuses overlaps and empty ones). */
export function parseIntervals(pairs: readonly (readonly [string, string])[]): WorkInterval[] {
  const intervals = pairs
    .map(([a, b]) => ({ start: parseClock(a), end: parseClock(b) }))
    .sort((x, y) => x.start - y.start);
  for (let i = 0; i < intervals.length; i++) {
    const cur = intervals[i]!;
    if (cur.end <= cur.start) throw new Error(`Empty working interval ${formatClock(cur.start)}`);
    const prev = intervals[i - 1];
    if (prev && prev.end > cur.start)
      throw new Error(`Overlapping working intervals at ${formatClock(cur.start)}`);
  }
  return intervals;
}
