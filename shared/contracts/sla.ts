import { z } from 'zod';
import { NATURES, PRIORITIES } from '../enums.js';

const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM between 00:00 and 24:00');
export const ZWorkInterval = z.tuple([ZClock, ZClock]);
/** Working intervals of one day, e.g. [["09:00","12:00"],["13:00","18:00"]]. */
export const ZDayHours = z.array(ZWorkInterval).max(12);
/** Seven days, Monday first. */
export const ZWeekHours = z.array(ZDayHours).length(7);
const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const SLA_STATUSES = ['on_track', 'at_risk', 'breached', 'met'] as const;
export const ZSlaTargetState = z.object({
  dueAt: z.string().nullable(),
  status: z.enum(SLA_STATUSES).nullable(),
});
/** The SLA of an item: its two clocks and whether they are paused while waiting on the customer. */
export const ZSlaState = z.object({
  firstResponse: ZSlaTargetState,
  resolution: ZSlaTargetState,
  /** Policies expecting regular progress updates: time since the last public reply. */
  progressUpdate: ZSlaTargetState.nullable(),
  paused: z.boolean(),
  policy: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type SlaState = z.infer<typeof ZSlaState>;

export const ZCalendarDay = z.object({
  date: ZDate,
  kind: z.enum(['holiday', 'workday']),
  name: z.string(),
  nameEn: z.string().nullable(),
});
export type CalendarDay = z.infer<typeof ZCalendarDay>;

export const ZCalendar = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  kind: z.enum(['business', '24x7']),
  timeZone: z.string(),
  weekHours: ZWeekHours,
  makeupHours: ZDayHours.nullable(),
  isDefault: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Calendar = z.infer<typeof ZCalendar>;
export const ZCalendarDetail = ZCalendar.extend({ days: z.array(ZCalendarDay) });

export const ZCreateCalendar = z
  .object({
    code: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)
      .describe('lower-case letters, digits, - and _'),
    nameZh: z.string().min(1).max(200),
    nameEn: z.string().min(1).max(200),
    kind: z.enum(['business', '24x7']).default('business'),
    timeZone: z.string().min(1).max(64).default('Asia/Shanghai'),
    weekHours: ZWeekHours.optional().describe(
      'Monday first; Mon–Fri 09:00–12:00 and 13:00–18:00 when absent',
    ),
    makeupHours: ZDayHours.nullable().optional(),
    isDefault: z.boolean().optional(),
    chinesePublicHolidays: z
      .boolean()
      .optional()
      .describe('load the shipped Chinese public holidays and make-up working days'),
  })
  .strict();
export type CreateCalendar = z.infer<typeof ZCreateCalendar>;

export const ZUpdateCalendar = z
  .object({
    nameZh: z.string().min(1).max(200),
    nameEn: z.string().min(1).max(200),
    kind: z.enum(['business', '24x7']),
    timeZone: z.string().min(1).max(64),
    weekHours: ZWeekHours,
    makeupHours: ZDayHours.nullable(),
    isDefault: z.literal(true),
  })
  .partial()
  .strict();
export type UpdateCalendar = z.infer<typeof ZUpdateCalendar>;

export const ZCalendarDaysQuery = z.object({ from: ZDate.optional(), to: ZDate.optional() }).strict();
export const ZSlaIdParams = z.object({ id: z.guid() });
export const ZCalendarDayParams = z.object({ id: z.guid(), date: ZDate });
export const ZPutCalendarDay = z
  .object({
    kind: z.enum(['holiday', 'workday']),
    name: z.string().min(1).max(100),
    nameEn: z.string().min(1).max(100).nullable().optional(),
  })
  .strict();

export const ZPolicy = z.object({
  id: z.string(),
  priority: z.enum(PRIORITIES),
  nature: z.enum([...NATURES, '*']),
  name: z.string(),
  calendarId: z.string(),
  firstResponseMinutes: z.number().int(),
  resolutionMinutes: z.number().int(),
  progressUpdateMinutes: z.number().int().nullable(),
  atRiskPercent: z.number().int(),
  pausable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Policy = z.infer<typeof ZPolicy>;

const policyFields = {
  name: z.string().min(1).max(200),
  calendarId: z.guid(),
  firstResponseMinutes: z.number().int().min(1).max(1_000_000),
  resolutionMinutes: z.number().int().min(1).max(10_000_000),
  progressUpdateMinutes: z.number().int().min(1).max(1_000_000).nullable(),
  atRiskPercent: z.number().int().min(1).max(99),
  pausable: z.boolean(),
};
export const ZCreatePolicy = z
  .object({
    priority: z.enum(PRIORITIES),
    nature: z.enum([...NATURES, '*']).default('*'),
    ...policyFields,
    progressUpdateMinutes: policyFields.progressUpdateMinutes.optional(),
    atRiskPercent: policyFields.atRiskPercent.default(80),
    pausable: policyFields.pausable.default(false),
  })
  .strict();
export type CreatePolicy = z.infer<typeof ZCreatePolicy>;
export const ZUpdatePolicy = z.object(policyFields).partial().strict();
export type UpdatePolicy = z.infer<typeof ZUpdatePolicy>;

export const ZRecipient = z.object({ userId: z.guid(), list: z.enum(['management', 'legal', 'pr']) });
export const ZPutRecipients = z.object({ recipients: z.array(ZRecipient).max(200) }).strict();

export const ZPauseSla = z.object({ reason: z.string().min(1).max(500).optional() }).strict();
