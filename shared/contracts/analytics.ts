import { z } from 'zod';
import { CHANNELS, NATURES, PRIORITIES } from '../enums.js';

export const ZOverviewQuery = z
  .object({
    timeZone: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .optional()
      .describe('IANA time zone of "today" and the daily buckets; the business time zone when absent'),
    days: z.coerce.number().int().min(1).max(90).default(14).describe('Days of daily volume, today included'),
  })
  .strict();
export type OverviewQuery = z.infer<typeof ZOverviewQuery>;

const counts = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])) as Record<T[number], z.ZodNumber>);

export const ZOverview = z.object({
  generatedAt: z.string(),
  timeZone: z.string(),
  today: z.object({
    from: z.string().describe('Start of today in the time zone (ISO instant)'),
    total: z.number().int(),
    byChannel: counts(CHANNELS),
  }),
  open: z.object({
    total: z.number().int(),
    unassigned: z.number().int(),
    byPriority: counts(PRIORITIES),
    byStatus: z.object({
      received: z.number().int(),
      in_progress: z.number().int(),
      reopened: z.number().int(),
    }),
  }),
  sla: z.object({
    atRisk: z
      .number()
      .int()
      .describe('Open items with a running clock past its at-risk point, not yet breached'),
    breached: z.number().int().describe('Open items with a running clock past its due time'),
  }),
  daily: z.array(
    z.object({
      date: z.string().describe('Local date YYYY-MM-DD'),
      total: z.number().int(),
      byNature: counts([...NATURES, 'unclassified'] as const),
    }),
  ),
});
export type Overview = z.infer<typeof ZOverview>;

export const ZOverviewResponse = z.object({ data: ZOverview });
