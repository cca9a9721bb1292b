import { z } from 'zod';

/** One of a customer's answers to a resolution (PRODUCT §2 satisfaction history). */
export const ZCustomerRating = z.object({
  feedbackId: z.string(),
  number: z.string(),
  subject: z.string().nullable(),
  score: z.number().int().describe('1–5'),
  comment: z.string().nullable(),
  /** `closed` (3 or more) or `reopened` (below 3). */
  outcome: z.string(),
  ratedAt: z.string(),
});
export type CustomerRating = z.infer<typeof ZCustomerRating>;

export const ZCustomerRatingsResponse = z.object({
  data: z.array(ZCustomerRating),
  /** Mean score of the ratings listed, null without any. */
  average: z.number().nullable(),
});
