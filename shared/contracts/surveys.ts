import { z } from 'zod';

export const SURVEY_KINDS = ['nps', 'csat'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** Highest score of each kind: NPS 0–10, CSAT 1–5. */
export const SURVEY_SCALES: Record<SurveyKind, { min: number; max: number }> = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
};

const ZShortText = z.string().trim().min(1).max(200);

export const ZPublicSurveyResponse = z
  .object({
    kind: z.enum(SURVEY_KINDS),
    score: z.number().int().describe('NPS 0–10, CSAT 1–5'),
    comment: z.string().trim().max(2000).optional(),
    event: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe('The business event that triggered the prompt, e.g. transfer_done'),
    language: z.enum(['zh-CN', 'en']).optional(),
    pageUrl: z.string().trim().max(2000).optional(),
    product: ZShortText.optional(),
    branch: ZShortText.optional(),
  })
  .strict();
export type PublicSurveyResponse = z.infer<typeof ZPublicSurveyResponse>;

export const ZSurveyResponse = z.object({
  id: z.string(),
  kind: z.enum(SURVEY_KINDS),
  score: z.number(),
  comment: z.string().nullable(),
  event: z.string().nullable(),
  channel: z.string(),
  language: z.string().nullable(),
  pageUrl: z.string().nullable(),
  origin: z.string().nullable(),
  product: z.string().nullable(),
  branch: z.string().nullable(),
  createdAt: z.string(),
});

export const ZSurveyResponseCreated = z.object({ data: z.object({ id: z.string() }) });

export const ZSurveyResponseListQuery = z
  .object({
    kind: z.enum(SURVEY_KINDS).optional(),
    event: z.string().max(100).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

export const ZSurveyResponseList = z.object({
  data: z.array(ZSurveyResponse),
  nextCursor: z.string().nullable(),
});

export const ZSurveySummaryQuery = z
  .object({
    event: z.string().max(100).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const ZSurveySummary = z.object({
  nps: z.object({
    responses: z.number(),
    promoters: z.number(),
    passives: z.number(),
    detractors: z.number(),
    /** % promoters − % detractors, −100..100; null without responses. */
    score: z.number().nullable(),
  }),
  csat: z.object({
    responses: z.number(),
    /** Share of 4 and 5 answers in %, null without responses. */
    satisfiedPercent: z.number().nullable(),
    mean: z.number().nullable(),
    distribution: z.array(z.object({ score: z.number(), count: z.number() })),
  }),
});
export const ZSurveySummaryResponse = z.object({ data: ZSurveySummary });
