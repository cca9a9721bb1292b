import { describe, expect, it } from 'vitest';
import { localDateOf, offsetMs, zonedInstant } from '../../../../shared/time/zoned.js';
import {
  addBusinessMinutes,
  businessMinutesBetween,
  type CalendarDay,
  type CalendarSpec,
  parseIntervals,
  type WorkInterval,
} from './business-calendar.js';
import { chinesePublicCalendarDays } from './cn-holidays.js';

const OFFICE = parseIntervals([
  ['09:00', '12:00'],
  ['13:00', '18:00'],
]);

function calendar(
  timeZone: string,
  weekdays: WorkInterval[],
  options: { weekend?: WorkInterval[]; days?: Map<string, CalendarDay>; kind?: CalendarSpec['kind'] } = {},
): CalendarSpec {
  const weekend = options.weekend ?? [];
  return {
    kind: options.kind ?? 'business',
    timeZone,
    week: [weekdays, weekdays, weekdays, weekdays, weekdays, weekend, weekend],
    days: options.days ?? new Map(),
  };
}

const china = calendar('Asia/Shanghai', OFFICE, {
  days: new Map(chinesePublicCalendarDays().map((d) => [d.date, { kind: d.kind }])),
});

const at = (iso: string) => new Date(iso);
const add = (spec: CalendarSpec, iso: string, minutes: number) =>
  addBusinessMinutes(spec, at(iso), minutes).toISOString();

describe('shipped Chinese public holidays', () => {
  const days = new Map(chinesePublicCalendarDays().map((d) => [d.date, d.kind]));

  it('has the 2025 State Council schedule', () => {
    expect(days.get('2025-01-01')).toBe('holiday');
    for (const d of ['01-28', '01-29', '01-31', '02-03', '02-04'])
      expect(days.get(`2025-${d}`)).toBe('holiday');
    expect(days.get('2025-02-05')).toBeUndefined();
    for (const d of ['01-26', '02-08', '04-27', '09-28', '10-11'])
      expect(days.get(`2025-${d}`)).toBe('workday');
    for (const d of ['04-04', '04-06', '05-01', '05-05', '05-31', '06-02', '10-01', '10-08'])
      expect(days.get(`2025-${d}`)).toBe('holiday');
    expect([...days.entries()].filter(([d, k]) => d.startsWith('2025') && k === 'holiday')).toHaveLength(28);
  });

  it('has the 2026 State Council schedule', () => {
    for (const d of ['01-03', '02-15', '02-23', '04-06', '05-05', '06-19', '09-27', '10-07'])
      expect(days.get(`2026-${d}`)).toBe('holiday');
    for (const d of ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10'])
      expect(days.get(`2026-${d}`)).toBe('workday');
    expect(days.get('2026-10-08')).toBeUndefined();
    expect([...days.entries()].filter(([d, k]) => d.startsWith('2026') && k === 'holiday')).toHaveLength(33);
  });
});

describe('business calendar math (Asia/Shanghai, 09:00–12:00 and 13:00–18:00 on weekdays)', () => {
  it('adds minutes within one day, skipping lunch', () => {
    // Wed 2025-03-12 11:00 CST + 90 min: 11:00–12:00 (60), 13:00–13:30 (30).
    expect(add(china, '2025-03-12T03:00:00Z', 90)).toBe('2025-03-12T05:30:00.000Z');
    // Starting in the lunch break counts from 13:00.
    expect(add(china, '2025-03-12T04:30:00Z', 60)).toBe('2025-03-12T06:00:00.000Z');
  });

  it('ends exactly at the close of an interval rather than the next opening', () => {
    // Wed 17:00 + 60 = 18:00 the same day, not Thu 09:00.
    expect(add(china, '2025-03-12T09:00:00Z', 60)).toBe('2025-03-12T10:00:00.000Z');
  });

  it('crosses the Spring Festival 2025 week and counts the make-up Sunday 1/26', () => {
    // Fri 1/24 17:00 + 240: Fri 17–18 (60), Sat off, Sun 1/26 调休 09–12 (180) → Sun 12:00.
    expect(add(china, '2025-01-24T09:00:00Z', 240)).toBe('2025-01-26T04:00:00.000Z');
    // Mon 1/27 17:00 + 120: Mon 17–18 (60), 1/28–2/4 holidays, Wed 2/5 09–10 → 2/5 10:00.
    expect(add(china, '2025-01-27T09:00:00Z', 120)).toBe('2025-02-05T02:00:00.000Z');
  });

  it('counts the make-up Saturday 2/8 after the holiday', () => {
    // Thu 2/6 14:00 + 920: Thu 14–18 (240), Fri 2/7 (480), Sat 2/8 调休 09–12 (180), 13:00–13:20 (20).
    expect(add(china, '2025-02-06T06:00:00Z', 920)).toBe('2025-02-08T05:20:00.000Z');
    // The Saturday after (2/15) is an ordinary weekend: Fri 2/14 17:00 + 120 → Mon 2/17 10:00.
    expect(add(china, '2025-02-14T09:00:00Z', 120)).toBe('2025-02-17T02:00:00.000Z');
  });

  it('measures elapsed working minutes across the holiday week', () => {
    // Fri 1/24 17:00 → Wed 2/5 10:00 = Fri 60 + Sun 1/26 480 + Mon 1/27 480 + Wed 60.
    expect(businessMinutesBetween(china, at('2025-01-24T09:00:00Z'), at('2025-02-05T02:00:00Z'))).toBe(1080);
    // The National Day 2025 week: Sun 9/28 (调休) 480 + Mon 9/29 480 + Tue 9/30 480, 10/1–10/8 off,
    // Thu 10/9 480 + Fri 10/10 480 + Sat 10/11 (调休) 480 → from Sat 9/27 00:00 to Sun 10/12 00:00.
    expect(businessMinutesBetween(china, at('2025-09-26T16:00:00Z'), at('2025-10-11T16:00:00Z'))).toBe(2880);
  });

  it('is the inverse of adding', () => {
    for (const [start, minutes] of [
      ['2025-01-24T09:00:00Z', 240],
      ['2025-02-06T06:00:00Z', 920],
      ['2026-02-13T08:17:00Z', 2400],
      ['2026-09-30T01:00:00Z', 1000],
    ] as const) {
      const due = addBusinessMinutes(china, at(start), minutes);
      expect(businessMinutesBetween(china, at(start), due)).toBe(minutes);
    }
  });

  it('crosses the 2026 Spring Festival with both make-up Saturdays', () => {
    // Fri 2/13 17:00 + 60 + 480: Fri 17–18 (60), Sat 2/14 调休 (480) → Sat 18:00.
    expect(add(china, '2026-02-13T09:00:00Z', 540)).toBe('2026-02-14T10:00:00.000Z');
    // Sat 2/14 18:00 + 60: 2/15–2/23 off → Tue 2/24 10:00.
    expect(add(china, '2026-02-14T10:00:00Z', 60)).toBe('2026-02-24T02:00:00.000Z');
    // Fri 2/27 17:00 + 120: Fri 17–18, Sat 2/28 调休 09–10.
    expect(add(china, '2026-02-27T09:00:00Z', 120)).toBe('2026-02-28T02:00:00.000Z');
  });

  it('crosses midnight', () => {
    // After hours: Tue 20:00 + 30 → Wed 09:30.
    expect(add(china, '2025-03-11T12:00:00Z', 30)).toBe('2025-03-12T01:30:00.000Z');
    // Fri 23:59 + 1 → Mon 09:01.
    expect(add(china, '2025-03-14T15:59:00Z', 1)).toBe('2025-03-17T01:01:00.000Z');
    // A night shift 22:00–24:00 and 00:00–06:00: Mon 23:00 + 120 → Tue 01:00.
    const night = calendar(
      'Asia/Shanghai',
      parseIntervals([
        ['00:00', '06:00'],
        ['22:00', '24:00'],
      ]),
    );
    expect(add(night, '2025-03-10T15:00:00Z', 120)).toBe('2025-03-10T17:00:00.000Z');
    expect(businessMinutesBetween(night, at('2025-03-10T13:30:00Z'), at('2025-03-10T19:00:00Z'))).toBe(300);
    // 24×7: 23:30 + 90 → 01:00 the next day, whatever the day.
    const always = calendar('Asia/Shanghai', [], { kind: '24x7' });
    expect(add(always, '2025-01-28T15:30:00Z', 90)).toBe('2025-01-28T17:00:00.000Z');
  });

  it('works in other zones without DST (Asia/Tokyo)', () => {
    const tokyo = calendar('Asia/Tokyo', OFFICE);
    // Fri 2025-03-14 17:30 JST (08:30Z) + 60 → Mon 09:30 JST (00:30Z).
    expect(add(tokyo, '2025-03-14T08:30:00Z', 60)).toBe('2025-03-17T00:30:00.000Z');
  });
});

describe('DST zone (America/New_York, 09:00–17:00 on weekdays)', () => {
  const ny = calendar('America/New_York', parseIntervals([['09:00', '17:00']]));

  it('converts wall clocks on both sides of the March 2026 change', () => {
    expect(offsetMs('America/New_York', Date.parse('2026-03-06T12:00:00Z'))).toBe(-5 * 3_600_000);
    expect(offsetMs('America/New_York', Date.parse('2026-03-09T12:00:00Z'))).toBe(-4 * 3_600_000);
    expect(
      new Date(zonedInstant('America/New_York', { year: 2026, month: 3, day: 9 }, 540)).toISOString(),
    ).toBe('2026-03-09T13:00:00.000Z');
    expect(localDateOf('America/New_York', Date.parse('2026-03-09T03:30:00Z'))).toEqual({
      year: 2026,
      month: 3,
      day: 8,
    });
  });

  it('adds over the spring-forward weekend', () => {
    // Fri 3/6 16:00 EST (21:00Z) + 120: Fri 16–17 (60), Mon 3/9 09:00–10:00 EDT (13:00–14:00Z).
    expect(add(ny, '2026-03-06T21:00:00Z', 120)).toBe('2026-03-09T14:00:00.000Z');
    // Fri 09:00 EST → Mon 17:00 EDT = two full days.
    expect(businessMinutesBetween(ny, at('2026-03-06T14:00:00Z'), at('2026-03-09T21:00:00Z'))).toBe(960);
  });

  it('adds over the fall-back weekend', () => {
    // Fri 10/30 16:30 EDT (20:30Z) + 60: Fri 16:30–17 (30), Mon 11/2 09:00–09:30 EST (14:00–14:30Z).
    expect(add(ny, '2026-10-30T20:30:00Z', 60)).toBe('2026-11-02T14:30:00.000Z');
  });

  it('counts the 23-hour and 25-hour days of an all-day calendar', () => {
    const allDay = parseIntervals([['00:00', '24:00']]);
    const everyDay = calendar('America/New_York', allDay, { weekend: allDay });
    // Sat 3/7 00:00 EST → Mon 3/9 00:00 EDT = 24 h + 23 h.
    expect(businessMinutesBetween(everyDay, at('2026-03-07T05:00:00Z'), at('2026-03-09T04:00:00Z'))).toBe(
      47 * 60,
    );
    // Sat 10/31 00:00 EDT → Mon 11/2 00:00 EST = 24 h + 25 h.
    expect(businessMinutesBetween(everyDay, at('2026-10-31T04:00:00Z'), at('2026-11-02T05:00:00Z'))).toBe(
      49 * 60,
    );
    // 23:00 EST Sat 3/7 + 180 min → 03:00 EDT Sun (02:00 does not exist that night).
    expect(add(everyDay, '2026-03-08T04:00:00Z', 180)).toBe('2026-03-08T07:00:00.000Z');
  });
});
