/** Codes used in the API. Labels are translated in the UI; codes never are. */
export const FEEDBACK_STATUSES = [
  'received',
  'in_progress',
  'resolved',
  'closed',
  'reopened',
  'merged',
] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const PRIORITIES = ['urgent', 'high', 'normal', 'suggestion'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const NATURES = ['complaint', 'suggestion', 'inquiry', 'praise'] as const;
export type Nature = (typeof NATURES)[number];

export const SENTIMENT_LABELS = ['positive', 'neutral', 'negative'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export const CHANNELS = [
  'portal',
  'widget',
  'email',
  'phone',
  'sms',
  'social',
  'review',
  'app_store',
  'import',
  'api',
  'in_person',
  'survey',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Default business areas; deployments may add their own codes. */
export const DEFAULT_BUSINESS_AREAS = ['pre_sales', 'after_sales', 'tech_support'] as const;

export const ROLES = ['admin', 'supervisor', 'agent', 'analyst', 'department_member'] as const;
export type Role = (typeof ROLES)[number];

export const CUSTOMER_TIERS = ['normal', 'vip'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

export const IDENTITY_KINDS = ['email', 'phone', 'external'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export const MESSAGE_KINDS = ['customer', 'agent', 'note', 'system'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
