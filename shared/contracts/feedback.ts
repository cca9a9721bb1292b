import { z } from 'zod';
import {
  CHANNELS,
  CUSTOMER_TIERS,
  FEEDBACK_STATUSES,
  LOCALES,
  MESSAGE_KINDS,
  NATURES,
  PRIORITIES,
  SENTIMENT_LABELS,
} from '../enums.js';
import { ZSlaState } from './sla.js';
import { ZPriorityReason, ZTriageInfo } from './triage.js';

const ZId = z.guid();
const ZIsoDateTime = z.iso.datetime({ offset: true });
const ZShortText = z.string().trim().min(1).max(200);
const ZReason = z.string().trim().min(1).max(2000);
const ZMessageBody = z.string().trim().min(1).max(20_000);

/** A hierarchical tag path, levels separated by "/", e.g. "服务/排队时间". */
export const ZTagPath = z
  .string()
  .min(1)
  .max(200)
  .describe('Hierarchical tag path, levels separated by "/", e.g. "服务/排队时间"');

/** Deployment-defined fields, a flat JSON object. */
export const ZCustomFields = z.record(z.string().min(1).max(100), z.unknown());

export const ZFeedbackCustomerInput = z
  .object({
    customerId: ZId.optional(),
    name: ZShortText.optional(),
    email: z.email().max(320).optional(),
    phone: z.string().trim().min(3).max(40).optional(),
    externalId: ZShortText.optional(),
    locale: z.enum(LOCALES).optional(),
  })
  .strict();

/** Tokens from `POST /api/v1/attachments` or `POST /api/v1/public/attachments` (each usable once). */
export const ZAttachmentTokens = z
  .array(z.string().min(1).max(100))
  .max(50)
  .describe('Upload tokens (POST /attachments); at most ATTACHMENT_MAX_COUNT (default 5), each usable once');

export const ZCreateFeedback = z
  .object({
    description: ZMessageBody,
    subject: z.string().trim().min(1).max(300).optional(),
    channel: z.enum(CHANNELS).optional(),
    nature: z.enum(NATURES).optional(),
    businessArea: z.string().trim().min(1).max(64).optional(),
    product: ZShortText.optional(),
    branch: ZShortText.optional(),
    region: ZShortText.optional(),
    priority: z.enum(PRIORITIES).optional(),
    occurredAt: ZIsoDateTime.optional(),
    language: z.string().trim().min(2).max(16).optional(),
    customer: ZFeedbackCustomerInput.optional(),
    tags: z.array(ZTagPath).max(50).optional(),
    departmentId: ZId.optional(),
    assigneeId: ZId.optional(),
    customFields: ZCustomFields.optional(),
    attachments: ZAttachmentTokens.optional(),
  })
  .strict();
export type CreateFeedback = z.infer<typeof ZCreateFeedback>;

export const ZClosure = z
  .object({ rootCause: ZMessageBody, remedy: ZMessageBody, prevention: ZMessageBody })
  .strict();
export type Closure = z.infer<typeof ZClosure>;

export const ZTransition = z
  .object({
    to: z.enum(FEEDBACK_STATUSES),
    reason: ZReason.optional(),
    closure: ZClosure.optional().describe('Closure letter (结案书); required when `to` is `resolved`'),
  })
  .strict();
export type Transition = z.infer<typeof ZTransition>;

export const ZAssignFeedback = z
  .object({
    assigneeId: ZId.nullable().optional().describe('null unassigns'),
    departmentId: ZId.nullable().optional(),
    reason: ZReason.optional(),
  })
  .strict()
  .refine((v) => v.assigneeId !== undefined || v.departmentId !== undefined, {
    message: 'assigneeId or departmentId is required',
    path: ['assigneeId'],
  });
export type AssignFeedback = z.infer<typeof ZAssignFeedback>;

export const ZAddMessage = z
  .object({
    body: ZMessageBody,
    internal: z.boolean().optional().describe('true: an internal note the customer never sees'),
    attachments: ZAttachmentTokens.optional(),
  })
  .strict();
export type AddMessage = z.infer<typeof ZAddMessage>;

export const ZSetTags = z.object({ tags: z.array(ZTagPath).max(50) }).strict();
export type SetTags = z.infer<typeof ZSetTags>;

export const ZUpdateFeedback = z
  .object({
    subject: z.string().trim().min(1).max(300).nullable().optional(),
    nature: z.enum(NATURES).nullable().optional(),
    businessArea: z.string().trim().min(1).max(64).nullable().optional(),
    product: ZShortText.nullable().optional(),
    branch: ZShortText.nullable().optional(),
    region: ZShortText.nullable().optional(),
    priority: z.enum(PRIORITIES).optional(),
    reason: ZReason.optional().describe('Why; required when the priority changes'),
    customFields: ZCustomFields.optional().describe('Merged into the current fields; null removes a key'),
  })
  .strict();
export type UpdateFeedback = z.infer<typeof ZUpdateFeedback>;

export const ZShareFeedback = z.object({ departmentId: ZId }).strict();
export const ZMergeFeedback = z.object({ targetId: ZId, reason: ZReason.optional() }).strict();
export type MergeFeedback = z.infer<typeof ZMergeFeedback>;

export const ZCreateTag = z
  .object({ path: ZTagPath, labelEn: z.string().trim().min(1).max(200).optional() })
  .strict();
export type CreateTag = z.infer<typeof ZCreateTag>;

/** Accepts `a=x&a=y` and `a=x,y`. */
function multi<T extends z.ZodType>(item: T) {
  return z
    .preprocess(
      (v) =>
        v === undefined
          ? undefined
          : (Array.isArray(v) ? v : [v])
              .flatMap((x) => String(x).split(','))
              .map((s) => s.trim())
              .filter(Boolean),
      z.array(item).min(1),
    )
    .optional();
}

export const FEEDBACK_SORTS = ['created', 'due'] as const;
export type FeedbackSort = (typeof FEEDBACK_SORTS)[number];

export const ZListFeedbackQuery = z
  .object({
    status: multi(z.enum(FEEDBACK_STATUSES)),
    priority: multi(z.enum(PRIORITIES)),
    nature: multi(z.enum(NATURES)),
    businessArea: multi(z.string().min(1).max(64)),
    channel: multi(z.enum(CHANNELS)),
    departmentId: ZId.optional(),
    assigneeId: z
      .union([ZId, z.literal('me'), z.literal('unassigned')])
      .optional()
      .describe('A user id, "me", or "unassigned"'),
    unassigned: z.enum(['true', 'false']).optional(),
    customerId: ZId.optional(),
    customerTier: multi(z.enum(CUSTOMER_TIERS)).describe('Items of customers of these tiers, e.g. vip'),
    tag: ZTagPath.optional().describe('Matches the tag and every tag below it'),
    createdFrom: ZIsoDateTime.optional().describe('Inclusive'),
    createdTo: ZIsoDateTime.optional().describe('Exclusive'),
    q: z.string().trim().min(1).max(500).optional().describe('Full-text search (Chinese and English)'),
    sort: z
      .enum(FEEDBACK_SORTS)
      .default('created')
      .describe('created: newest first; due: resolution due time, earliest first, none last'),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ListFeedbackQuery = z.infer<typeof ZListFeedbackQuery>;

export const ZPageQuery = z
  .object({
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

const ZDepartmentRef = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
});

/** A file attached to an item (to one of its messages); download at /feedback/{id}/attachments/{attachmentId}. */
export const ZAttachment = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z
    .string()
    .describe('Decided from the content (magic bytes), not from what the sender claimed'),
  sizeBytes: z.number(),
  messageId: z.string().nullable(),
  createdAt: z.string(),
});
export type Attachment = z.infer<typeof ZAttachment>;

export const FEEDBACK_LINK_KINDS = ['related', 'possible_duplicate'] as const;
export type FeedbackLinkKind = (typeof FEEDBACK_LINK_KINDS)[number];

/** A link from an item to another (both directions exist). */
export const ZFeedbackLinkRef = z.object({
  relatedId: z.string(),
  relatedNumber: z.string(),
  kind: z.enum(FEEDBACK_LINK_KINDS),
  score: z.number().nullable().describe('Text similarity 0–1 of an automatic possible_duplicate link'),
});

export const ZFeedbackLink = ZFeedbackLinkRef.extend({
  relatedStatus: z.enum(FEEDBACK_STATUSES),
  relatedSubject: z.string().nullable(),
  reason: z.string().nullable().describe("In the caller's language"),
  createdBy: z.object({ type: z.enum(['user', 'api_key', 'system']), id: z.string().nullable() }),
  createdAt: z.string(),
});
export type FeedbackLink = z.infer<typeof ZFeedbackLink>;

export const ZCreateFeedbackLink = z
  .object({
    relatedId: ZId,
    kind: z
      .literal('related')
      .describe('Manual links are `related`; `possible_duplicate` is set by detection'),
  })
  .strict();
export const ZFeedbackLinkParams = z.object({ id: z.string().max(100), relatedId: z.string().max(100) });
export const ZFeedbackLinksResponse = z.object({ data: z.array(ZFeedbackLink) });

export const ZFeedbackItem = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(FEEDBACK_STATUSES),
  priority: z.enum(PRIORITIES),
  nature: z.enum(NATURES).nullable(),
  businessArea: z.string().nullable(),
  channel: z.enum(CHANNELS),
  tags: z.array(z.string()),
  sentiment: z.object({ label: z.enum(SENTIMENT_LABELS), score: z.number().nullable() }).nullable(),
  language: z.string().nullable(),
  priorityReasons: z.array(ZPriorityReason).describe('Why the item has its priority (from the last triage)'),
  keywords: z.array(z.string()),
  triage: ZTriageInfo.nullable().describe('The last automatic triage; null until it ran'),
  department: ZDepartmentRef.nullable(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  customer: z
    .object({ id: z.string(), name: z.string().nullable(), tier: z.enum(CUSTOMER_TIERS) })
    .nullable(),
  sharedWith: z.array(z.string()),
  subject: z.string().nullable(),
  description: z.string(),
  product: z.string().nullable(),
  branch: z.string().nullable(),
  region: z.string().nullable(),
  customFields: ZCustomFields,
  occurredAt: z.string().nullable(),
  firstResponseDueAt: z.string().nullable(),
  /** SLA clocks as of the last sweep (at most a minute behind); GET /feedback/{id}/sla answers live. */
  sla: ZSlaState.nullable(),
  resolutionDueAt: z.string().nullable(),
  firstRespondedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  attachments: z.array(ZAttachment),
  links: z
    .array(ZFeedbackLinkRef)
    .describe('Related items and possible duplicates (GET …/links for details)'),
  possibleDuplicateOf: z
    .array(z.string())
    .describe('Ids of open items this one was flagged as a possible duplicate of (merge or dismiss)'),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  allowedTransitions: z.array(z.enum(FEEDBACK_STATUSES)),
});
export type FeedbackItem = z.infer<typeof ZFeedbackItem>;

const ZActorRef = z.object({
  type: z.enum(['user', 'api_key', 'system', 'customer']),
  id: z.string().nullable(),
  name: z.string().nullable(),
});

export const ZFeedbackMessage = z.object({
  id: z.string(),
  feedbackId: z.string(),
  kind: z.enum(MESSAGE_KINDS),
  body: z.string(),
  channel: z.string().nullable(),
  author: ZActorRef.nullable(),
  attachments: z.array(ZAttachment),
  createdAt: z.string(),
});
export type FeedbackMessage = z.infer<typeof ZFeedbackMessage>;

export const ZFeedbackEvent = z.object({
  id: z.string(),
  type: z.string(),
  actor: ZActorRef,
  from: z.string().nullable(),
  to: z.string().nullable(),
  reason: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
});
export type FeedbackEvent = z.infer<typeof ZFeedbackEvent>;

export interface TagNode {
  path: string;
  name: string;
  labelEn: string | null;
  children: TagNode[];
}
export const ZTagNode: z.ZodType<TagNode> = z.lazy(() =>
  z.object({
    path: z.string(),
    name: z.string(),
    labelEn: z.string().nullable(),
    children: z.array(ZTagNode),
  }),
);

export const ZFeedbackIdParams = z.object({ id: z.string().max(100) });
export const ZFeedbackShareParams = z.object({ id: z.string().max(100), departmentId: z.string().max(100) });

export const ZFeedbackResponse = z.object({ data: ZFeedbackItem });
export const ZAttachmentParams = z.object({ id: z.string().max(100), attachmentId: z.string().max(100) });
export const ZUploadResponse = z.object({
  data: z.object({
    token: z
      .string()
      .describe('Give it in `attachments` of a submission or message within 24 hours; usable once'),
    fileName: z.string(),
    contentType: z.string(),
    sizeBytes: z.number(),
    expiresAt: z.string(),
  }),
});
export const ZUploadQuery = z
  .object({
    filename: z
      .string()
      .max(1000)
      .optional()
      .describe('The file name (alternatively the X-File-Name header, percent-encoded UTF-8 or RFC 5987)'),
  })
  .strict();
export const ZFeedbackListResponse = z.object({
  data: z.array(ZFeedbackItem),
  nextCursor: z.string().nullable(),
});
export const ZFeedbackMessageResponse = z.object({ data: ZFeedbackMessage });
export const ZFeedbackMessagesResponse = z.object({
  data: z.array(ZFeedbackMessage),
  nextCursor: z.string().nullable(),
});
export const ZFeedbackEventsResponse = z.object({
  data: z.array(ZFeedbackEvent),
  nextCursor: z.string().nullable(),
});
export const ZMergeResponse = z.object({ data: z.object({ source: ZFeedbackItem, target: ZFeedbackItem }) });
export const ZTagTreeResponse = z.object({ data: z.array(ZTagNode) });
export const ZTagResponse = z.object({
  data: z.object({ path: z.string(), name: z.string(), labelEn: z.string().nullable() }),
});
