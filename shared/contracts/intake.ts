import { z } from 'zod';
import { NATURES } from '../enums.js';

const ZIsoDateTime = z.iso.datetime({ offset: true });
const ZShortText = z.string().trim().min(1).max(200);
const ZDescription = z.string().trim().min(1).max(20_000);

/** Record fields a webhook mapping can fill (`customer.*` are the sender's contact). */
export const MAPPABLE_FIELDS = [
  'description',
  'subject',
  'customer.name',
  'customer.email',
  'customer.phone',
  'occurredAt',
  'product',
  'branch',
  'sourceId',
  'rating',
] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

export const HOOK_CHANNELS = ['sms', 'social', 'review', 'app_store'] as const;
export type HookChannel = (typeof HOOK_CHANNELS)[number];

/**
 * What became of a raw submission: an item `created`, a `duplicate` of one, `rejected`, a message
 * `appended` to an item (an email reply carrying our token) or `ignored` (auto-replies, bounces, list mail).
 */
export const SUBMISSION_OUTCOMES = ['created', 'duplicate', 'rejected', 'appended', 'ignored'] as const;
export type SubmissionOutcome = (typeof SUBMISSION_OUTCOMES)[number];

export const SOURCE_PRESET_CODES = ['sms_gateway', 'review_feed'] as const;

// ---- public submission (portal, widget) ----

export const ZPublicFeedback = z
  .object({
    description: ZDescription,
    channel: z.enum(['portal', 'widget']).optional(),
    nature: z.enum(NATURES).optional(),
    occurredAt: ZIsoDateTime.optional(),
    product: ZShortText.optional(),
    branch: ZShortText.optional(),
    customer: z
      .object({
        name: ZShortText.optional(),
        email: z.string().trim().min(1).max(320).optional(),
        phone: z.string().trim().min(1).max(40).optional(),
      })
      .strict()
      .optional()
      .describe('At least an email or a phone number, so we can answer'),
    consent: z.boolean().optional().describe('Must be true: consent to the processing of personal data'),
    captchaToken: z
      .string()
      .min(1)
      .max(4096)
      .optional()
      .describe('Required when the server has a CAPTCHA configured'),
    attachments: z
      .array(z.string().min(1).max(100))
      .max(50)
      .optional()
      .describe('Tokens from POST /api/v1/public/attachments (at most ATTACHMENT_MAX_COUNT, each once)'),
  })
  .strict();
export type PublicFeedback = z.infer<typeof ZPublicFeedback>;

export const ZPublicFeedbackResponse = z.object({
  data: z.object({
    id: z.string(),
    number: z.string(),
    status: z.string(),
    trackingUrl: z.string(),
  }),
});

// ---- phone calls ----

export const ZLogCall = z
  .object({
    callerName: ZShortText.optional(),
    phone: z.string().trim().min(3).max(40),
    startedAt: ZIsoDateTime,
    durationSeconds: z.number().int().min(0).max(86_400),
    notes: ZDescription,
    direction: z.enum(['inbound', 'outbound']).optional(),
    nature: z.enum(NATURES).optional(),
    product: ZShortText.optional(),
  })
  .strict();
export type LogCall = z.infer<typeof ZLogCall>;

// ---- webhook sources ----

const ZJsonPath = z.string().min(1).max(200).describe('e.g. $.message.text, $.entries[0].sender.phone');
export const ZFieldMapping = z
  .object(
    Object.fromEntries(MAPPABLE_FIELDS.map((f) => [f, ZJsonPath.optional()])) as Record<
      MappableField,
      z.ZodOptional<typeof ZJsonPath>
    >,
  )
  .strict();
export type FieldMappingInput = z.infer<typeof ZFieldMapping>;

const ZSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/)
  .describe('URL name: POST /api/v1/intake/hooks/{slug}');
const ZHeaderName = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,64}$/)
  .transform((v) => v.toLowerCase());

export const ZCreateIntakeSource = z
  .object({
    name: ZShortText,
    slug: ZSlug,
    preset: z.enum(SOURCE_PRESET_CODES).optional().describe('Start from a ready-made mapping'),
    channel: z.enum(HOOK_CHANNELS).optional(),
    algorithm: z.literal('sha256').optional(),
    signatureHeader: ZHeaderName.optional(),
    timestampHeader: ZHeaderName.nullable().optional(),
    toleranceSeconds: z.number().int().min(1).max(86_400).optional(),
    mapping: ZFieldMapping.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type CreateIntakeSource = z.infer<typeof ZCreateIntakeSource>;

export const ZUpdateIntakeSource = z
  .object({
    name: ZShortText.optional(),
    slug: ZSlug.optional(),
    channel: z.enum(HOOK_CHANNELS).optional(),
    signatureHeader: ZHeaderName.optional(),
    timestampHeader: ZHeaderName.nullable().optional(),
    toleranceSeconds: z.number().int().min(1).max(86_400).optional(),
    mapping: ZFieldMapping.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type UpdateIntakeSource = z.infer<typeof ZUpdateIntakeSource>;

export const ZIntakeSource = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  channel: z.enum(HOOK_CHANNELS),
  algorithm: z.literal('sha256'),
  signatureHeader: z.string(),
  timestampHeader: z.string().nullable(),
  toleranceSeconds: z.number(),
  mapping: z.record(z.string(), z.string()),
  enabled: z.boolean(),
  receiveUrl: z.string().describe('Path the sender posts to'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IntakeSource = z.infer<typeof ZIntakeSource>;

export const ZIntakeSourceResponse = z.object({ data: ZIntakeSource });
export const ZIntakeSourceWithSecretResponse = z.object({
  data: ZIntakeSource.extend({ secret: z.string().describe('Shown only now; store it in the sender') }),
});
export const ZIntakeSourceListResponse = z.object({ data: z.array(ZIntakeSource) });
export const ZIntakeSourceIdParams = z.object({ id: z.string().max(100) });
export const ZHookParams = z.object({ slug: z.string().max(100) });

export const ZSourcePresetListResponse = z.object({
  data: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      channel: z.enum(HOOK_CHANNELS),
      signatureHeader: z.string(),
      timestampHeader: z.string().nullable(),
      mapping: z.record(z.string(), z.string()),
      example: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const ZHookResponse = z.object({
  data: z.object({ id: z.string(), number: z.string(), status: z.string() }),
});

// ---- raw originals ----

export const ZSubmission = z.object({
  id: z.string(),
  channel: z.string(),
  source: z.string(),
  receivedAt: z.string(),
  contentType: z.string().nullable(),
  payload: z.string().nullable().describe('The body as received (null once erased)'),
  payloadEncoding: z.enum(['utf8', 'base64']),
  remoteIp: z.string().nullable(),
  outcome: z.enum(SUBMISSION_OUTCOMES),
  feedbackId: z.string().nullable(),
});
export const ZSubmissionListResponse = z.object({ data: z.array(ZSubmission) });
