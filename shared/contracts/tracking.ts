import { z } from 'zod';

const ZTicketNumber = z.string().trim().min(1).max(64);

export const ZTrackingCodeRequest = z
  .object({
    number: ZTicketNumber,
    contact: z.string().trim().min(3).max(320).describe('The email or mobile number given with the ticket'),
  })
  .strict();

export const ZTrackingCodeAccepted = z.object({
  data: z.object({
    accepted: z.literal(true),
    expiresInMinutes: z.number(),
  }),
});

export const ZTrackingSessionRequest = z
  .object({
    number: ZTicketNumber,
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'must be the 6-digit code'),
  })
  .strict();

export const ZTrackingSessionResponse = z.object({
  data: z.object({ token: z.string(), expiresAt: z.string() }),
});

export const ZTrackingNumberParams = z.object({ number: ZTicketNumber });

export const CUSTOMER_TIMELINE_KINDS = [
  'received',
  'classified',
  'assigned',
  'in_progress',
  'reply',
  'customer_message',
  'resolved',
  'reopened',
  'closed',
  'merged',
] as const;

export const ZCustomerTimelineEntry = z.object({
  kind: z.enum(CUSTOMER_TIMELINE_KINDS),
  at: z.string(),
  label: z.string().describe('What happened, in the caller’s language'),
  handlerName: z.string().nullable(),
  body: z.string().nullable().describe('Text of a reply or of the customer’s own message'),
});

export const ZClosureLetter = z.object({ rootCause: z.string(), remedy: z.string(), prevention: z.string() });

export const ZCustomerTicketView = z.object({
  number: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  nature: z.string().nullable(),
  businessArea: z.string().nullable(),
  submittedAt: z.string(),
  expectedResolutionAt: z.string().nullable(),
  handlerName: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closure: ZClosureLetter.nullable(),
  timeline: z.array(ZCustomerTimelineEntry),
});
export type CustomerTicketView = z.infer<typeof ZCustomerTicketView>;

export const ZCustomerTicketResponse = z.object({ data: ZCustomerTicketView });

export const ZTrackingRating = z
  .object({
    score: z.number().int().min(1).max(5).describe('1 (very dissatisfied) … 5 (very satisfied)'),
    comment: z.string().trim().max(2000).optional(),
  })
  .strict();

export const ZRatingLinkParams = z.object({ token: z.string().min(1).max(512) });

export const ZRatingLinkView = z.object({
  number: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  submittedAt: z.string(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  handlerName: z.string().nullable(),
  closure: ZClosureLetter.nullable(),
  canRate: z.boolean().describe('True while the ticket waits for this answer (status resolved, this round)'),
  expiresAt: z.string().describe('When the link stops working'),
});
export type RatingLinkView = z.infer<typeof ZRatingLinkView>;

export const ZRatingLinkResponse = z.object({ data: ZRatingLinkView });

export const ZTrackingRatingResponse = z.object({
  data: z.object({
    outcome: z.enum(['closed', 'reopened']),
    status: z.string(),
  }),
});
