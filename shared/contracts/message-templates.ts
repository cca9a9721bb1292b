import { z } from 'zod';

/**
 * Messages the product writes to customers on its own: the status notices of closing the loop and the
 * acknowledgement of a feedback item received by email. Their defaults are in the code; an admin may
 * override each one per channel and language.
 */
export const MESSAGE_TEMPLATE_KINDS = [
  'accepted',
  'assigned',
  'resolved',
  'reopened',
  'closed',
  'mail_acknowledgement',
] as const;
export type MessageTemplateKind = (typeof MESSAGE_TEMPLATE_KINDS)[number];

export const MESSAGE_TEMPLATE_CHANNELS = ['email', 'sms'] as const;
export type MessageTemplateChannel = (typeof MESSAGE_TEMPLATE_CHANNELS)[number];

export const MESSAGE_TEMPLATE_LOCALES = ['zh-CN', 'en'] as const;
export type MessageTemplateLocale = (typeof MESSAGE_TEMPLATE_LOCALES)[number];

/** The variables each kind may use, written `{{name}}`; anything else is refused when saved. */
export const MESSAGE_TEMPLATE_VARIABLES: Readonly<Record<MessageTemplateKind, readonly string[]>> = {
  accepted: ['number', 'trackingUrl'],
  assigned: ['number', 'trackingUrl', 'handlerName'],
  resolved: [
    'number',
    'trackingUrl',
    'ratingUrl',
    'closure.rootCause',
    'closure.remedy',
    'closure.prevention',
  ],
  reopened: ['number', 'trackingUrl'],
  closed: ['number', 'trackingUrl'],
  mail_acknowledgement: ['number', 'trackingUrl', 'originalSubject'],
};

/** The channels a kind is sent on (the mail acknowledgement only by email). */
export function channelsOfKind(kind: MessageTemplateKind): readonly MessageTemplateChannel[] {
  return kind === 'mail_acknowledgement' ? ['email'] : MESSAGE_TEMPLATE_CHANNELS;
}

export const ZMessageTemplateParams = z.object({
  kind: z.enum(MESSAGE_TEMPLATE_KINDS),
  channel: z.enum(MESSAGE_TEMPLATE_CHANNELS),
  locale: z.enum(MESSAGE_TEMPLATE_LOCALES),
});

export const ZPutMessageTemplate = z
  .object({
    /** Email only (required there); an SMS has no subject. */
    subject: z.string().trim().min(1).max(300).nullable().optional(),
    body: z.string().trim().min(1).max(20_000),
  })
  .strict();
export type PutMessageTemplate = z.infer<typeof ZPutMessageTemplate>;

/** A draft to preview; without one, the template in force (override or default) is previewed. */
export const ZPreviewMessageTemplate = ZPutMessageTemplate.partial().strict();
export type PreviewMessageTemplate = z.infer<typeof ZPreviewMessageTemplate>;

const ZText = z.object({ subject: z.string().nullable(), body: z.string() });

export const ZMessageTemplate = z.object({
  kind: z.enum(MESSAGE_TEMPLATE_KINDS),
  channel: z.enum(MESSAGE_TEMPLATE_CHANNELS),
  locale: z.enum(MESSAGE_TEMPLATE_LOCALES),
  /** The text in force: the override when there is one, else the default. */
  subject: z.string().nullable(),
  body: z.string(),
  /** True when no override is saved (the default in the code is sent). */
  isDefault: z.boolean(),
  /** The default in the code, shown to compare and to reset to. */
  default: ZText,
  /** Variables this kind may use. */
  variables: z.array(z.string()),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type MessageTemplate = z.infer<typeof ZMessageTemplate>;

export const ZMessageTemplateResponse = z.object({ data: ZMessageTemplate });
export const ZMessageTemplateListResponse = z.object({ data: z.array(ZMessageTemplate) });
export const ZMessageTemplatePreviewResponse = z.object({
  data: z.object({
    subject: z.string().nullable(),
    body: z.string(),
    /** The sample values the preview used. */
    sample: z.record(z.string(), z.string()),
  }),
});
