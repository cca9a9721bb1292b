import { z } from 'zod';

/** Variables a canned response may use, written `{{name}}` in either language's body. */
export const CANNED_VARIABLES = [
  'customer.name',
  'ticket.number',
  'ticket.subject',
  'ticket.status',
  'ticket.expectedResolution',
  'agent.name',
  'department.name',
] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];

const title = z.string().trim().min(1).max(200);
const body = z.string().trim().min(1).max(10_000);

export const ZCreateCannedResponse = z
  .object({
    titleZh: title,
    titleEn: title,
    bodyZh: body,
    bodyEn: body,
    /** Only agents of this department see it; omitted or null: everyone. */
    departmentId: z.uuid().nullable().optional(),
  })
  .strict();
export type CreateCannedResponse = z.infer<typeof ZCreateCannedResponse>;

export const ZUpdateCannedResponse = ZCreateCannedResponse.partial().strict();
export type UpdateCannedResponse = z.infer<typeof ZUpdateCannedResponse>;

export const ZCannedResponse = z.object({
  id: z.string(),
  /** In the request's language; both are given too. */
  title: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  bodyZh: z.string(),
  bodyEn: z.string(),
  departmentId: z.string().nullable(),
  /** Variables used in either body. */
  variables: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CannedResponse = z.infer<typeof ZCannedResponse>;

export const ZCannedResponseResponse = z.object({ data: ZCannedResponse });
export const ZCannedResponseListResponse = z.object({ data: z.array(ZCannedResponse) });
export const ZCannedResponseIdParams = z.object({ id: z.uuid() });
export const ZCannedListQuery = z.object({ departmentId: z.uuid().optional() }).strict();

export const ZRenderCannedParams = z.object({ id: z.string().max(100), cid: z.uuid() });
export const ZRenderCannedBody = z.object({ language: z.enum(['zh-CN', 'en']) }).strict();
export const ZRenderedCannedResponse = z.object({
  data: z.object({
    cannedResponseId: z.string(),
    language: z.enum(['zh-CN', 'en']),
    /** Plain text for the reply composer, every variable replaced. */
    text: z.string(),
  }),
});
export const ZCannedVariablesResponse = z.object({ data: z.array(z.string()) });
