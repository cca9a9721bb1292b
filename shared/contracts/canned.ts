import { z } from 'zod';
import { FEEDBACK_STATUSES, type FeedbackStatus, PRIORITIES } from '../enums.js';
import { ZAddMessage, ZFeedbackItem, ZTagPath } from './feedback.js';

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

/**
 * Statuses a macro may set: resolving needs a closure letter and merging a target, so neither is a
 * macro action. The move must be allowed by the lifecycle from the item's status when applied.
 */
export const MACRO_STATUSES = FEEDBACK_STATUSES.filter(
  (s): s is Exclude<FeedbackStatus, 'resolved' | 'merged'> => s !== 'resolved' && s !== 'merged',
);

/** What a canned response also does when an agent applies it (a macro); every part optional. */
export const ZCannedActions = z
  .object({
    status: z
      .enum(MACRO_STATUSES)
      .optional()
      .describe('Move the item to this status (lifecycle rules apply)'),
    addTags: z.array(ZTagPath).min(1).max(20).optional().describe('Tags added to the item'),
    priority: z
      .enum(PRIORITIES)
      .optional()
      .describe("Set the priority; the reason recorded is the macro's title"),
  })
  .strict();
export type CannedActions = z.infer<typeof ZCannedActions>;

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
    /** Macro actions applied with the reply; omitted or null: a plain canned response. */
    actions: ZCannedActions.nullable().optional(),
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
  /** Macro actions; null for a plain canned response. */
  actions: ZCannedActions.nullable(),
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

export const ZApplyCannedBody = z
  .object({
    language: z.enum(['zh-CN', 'en']),
    /** The reply as the agent edited it; omitted: the response rendered for the item in `language`. */
    body: z.string().trim().min(1).max(20_000).optional(),
    /** One-time upload tokens (POST /attachments), attached to the reply as with POST /feedback/:id/messages. */
    attachments: ZAddMessage.shape.attachments,
  })
  .strict();
export type ApplyCannedBody = z.infer<typeof ZApplyCannedBody>;

export const ZAppliedCannedResponse = z.object({
  data: z.object({
    cannedResponseId: z.string(),
    language: z.enum(['zh-CN', 'en']),
    /** The reply sent. */
    text: z.string(),
    messageId: z.string(),
    /** What the macro's actions changed (null / empty: nothing, e.g. the status was already the target). */
    applied: z.object({
      status: z.object({ from: z.string(), to: z.string() }).nullable(),
      addedTags: z.array(z.string()),
      priority: z.object({ from: z.string(), to: z.string() }).nullable(),
    }),
    /** The item after the reply and the actions. */
    item: ZFeedbackItem,
  }),
});
export type AppliedCannedResponse = z.infer<typeof ZAppliedCannedResponse>;
