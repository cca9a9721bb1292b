import { z } from 'zod';
import { CHANNELS, CUSTOMER_TIERS, NATURES, PRIORITIES, SENTIMENT_LABELS } from '../enums.js';

const ZId = z.guid();
const ZCue = z.string().trim().min(1).max(100);
const ZAreaCode = z.string().trim().min(1).max(64);
const ZTag = z.string().trim().min(1).max(200);

/** Why an item got its priority: a stable code, the tier it led to, a label in both languages, the matched text. */
export const ZPriorityReason = z.object({
  code: z.string(),
  priority: z.enum(PRIORITIES),
  label: z.string().describe('In the language of Accept-Language'),
  labelZh: z.string(),
  labelEn: z.string(),
  evidence: z.array(z.string()),
  ruleId: z.string().nullable(),
});
export type PriorityReason = z.infer<typeof ZPriorityReason>;

export const ZAmount = z.object({
  text: z.string(),
  value: z.number(),
  currency: z.enum(['CNY', 'USD']),
  /** Value in CNY (USD converted at a fixed rate), used by `amountAtLeast`. */
  cny: z.number(),
});
export type Amount = z.infer<typeof ZAmount>;

export const ROUTING_OUTCOMES = [
  'routed',
  'assigned',
  'kept',
  'no_business_area',
  'no_department',
  'no_agent',
] as const;
export type RoutingOutcome = (typeof ROUTING_OUTCOMES)[number];

export const ZRouting = z.object({
  outcome: z.enum(ROUTING_OUTCOMES),
  departmentId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  autoAssign: z.boolean(),
  skill: z.string().nullable(),
  /** Open items of the chosen agent when picked (least-loaded). */
  load: z.number().nullable(),
  detail: z.string(),
});
export type Routing = z.infer<typeof ZRouting>;

/** What triage found for an item (the last run), as shown on the item. */
export const ZTriageInfo = z.object({
  language: z.string(),
  normalizedText: z.string(),
  tokens: z.array(z.string()),
  natureEvidence: z.array(z.string()),
  businessArea: z.string().nullable(),
  ruleIds: z.array(z.string()),
  amounts: z.array(ZAmount),
  routing: ZRouting,
  needsRouting: z.boolean(),
  runs: z.number(),
  triagedAt: z.string(),
});
export type TriageInfo = z.infer<typeof ZTriageInfo>;

export const ZRuleConditions = z
  .object({
    keywordsAny: z.array(ZCue).max(100).optional().describe('Matches when the text contains any of these'),
    keywordsAll: z.array(ZCue).max(20).optional().describe('Matches when the text contains all of these'),
    channels: z.array(z.enum(CHANNELS)).min(1).optional(),
    customerTiers: z.array(z.enum(CUSTOMER_TIERS)).min(1).optional(),
    sentimentLabels: z.array(z.enum(SENTIMENT_LABELS)).min(1).optional(),
    sentimentScoreAtMost: z.number().min(-1).max(1).optional().describe('Sentiment score ≤ this value'),
    amountAtLeast: z
      .number()
      .nonnegative()
      .optional()
      .describe('Largest amount mentioned in the text (CNY; ¥/元/万/RMB/$ parsed) ≥ this value'),
    products: z.array(z.string().trim().min(1).max(200)).min(1).max(100).optional(),
    natures: z.array(z.enum(NATURES)).min(1).optional(),
  })
  .strict()
  .describe('Every given condition must hold; an empty object matches every item');
export type RuleConditions = z.infer<typeof ZRuleConditions>;

export const ZRuleActions = z
  .object({
    nature: z.enum(NATURES).optional(),
    businessArea: ZAreaCode.optional(),
    tags: z.array(ZTag).min(1).max(20).optional(),
    priority: z.enum(PRIORITIES).optional(),
    departmentId: ZId.optional(),
  })
  .strict()
  .refine((a) => Object.keys(a).length > 0, { message: 'at least one action is required' });
export type RuleActions = z.infer<typeof ZRuleActions>;

export const ZTriageRule = z.object({
  id: z.string(),
  position: z.number(),
  name: z.string(),
  description: z.string().nullable(),
  enabled: z.boolean(),
  conditions: ZRuleConditions,
  actions: ZRuleActions,
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type TriageRule = z.infer<typeof ZTriageRule>;

export const ZCreateRule = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).optional(),
    enabled: z.boolean().optional(),
    position: z.number().int().min(0).max(1_000_000).optional().describe('Lower runs first; default: last'),
    conditions: ZRuleConditions,
    actions: ZRuleActions,
  })
  .strict();
export type CreateRule = z.infer<typeof ZCreateRule>;

export const ZUpdateRule = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().max(2000).nullable().optional(),
    enabled: z.boolean().optional(),
    position: z.number().int().min(0).max(1_000_000).optional(),
    conditions: ZRuleConditions.optional(),
    actions: ZRuleActions.optional(),
  })
  .strict();
export type UpdateRule = z.infer<typeof ZUpdateRule>;

export const ZRuleIdParams = z.object({ id: z.string().max(100) });

export const ZTestRules = z
  .object({
    text: z.string().trim().min(1).max(20_000),
    channel: z.enum(CHANNELS).optional(),
    customerTier: z.enum(CUSTOMER_TIERS).optional(),
    product: z.string().trim().min(1).max(200).optional(),
    nature: z.enum(NATURES).optional().describe('As if an agent had set it at creation'),
    rule: ZCreateRule.optional().describe('A draft rule tried first, before the saved ones'),
  })
  .strict();
export type TestRules = z.infer<typeof ZTestRules>;

export const ZTriageResult = z.object({
  language: z.string(),
  sentiment: z.object({ label: z.enum(SENTIMENT_LABELS), score: z.number() }),
  keywords: z.array(z.string()),
  nature: z.enum(NATURES).nullable(),
  natureSource: z.enum(['agent', 'rule', 'model']),
  natureEvidence: z.array(z.string()),
  businessArea: z.string().nullable(),
  businessAreaEvidence: z.array(z.string()),
  tags: z.array(z.string()),
  priority: z.enum(PRIORITIES),
  priorityReasons: z.array(ZPriorityReason),
  departmentId: z.string().nullable(),
  amounts: z.array(ZAmount),
  routing: ZRouting.nullable(),
});
export type TriageResult = z.infer<typeof ZTriageResult>;

export const ZRuleMatch = z.object({
  id: z.string().nullable().describe('null for the draft rule'),
  name: z.string(),
  position: z.number().nullable(),
  matched: z.boolean(),
  /** Fields this rule decided (first match wins per field). */
  applied: z.array(z.string()),
});

export const ZTestRulesResponse = z.object({
  data: z.object({ rules: z.array(ZRuleMatch), result: ZTriageResult }),
});

export const ZRuleResponse = z.object({ data: ZTriageRule });
export const ZRuleListResponse = z.object({ data: z.array(ZTriageRule), nextCursor: z.string().nullable() });

export const ZTriageSettings = z.object({
  autoAssign: z.boolean(),
  departments: z.array(z.object({ departmentId: z.string(), autoAssign: z.boolean() })),
});
export type TriageSettings = z.infer<typeof ZTriageSettings>;

export const ZUpdateTriageSettings = z
  .object({
    autoAssign: z.boolean().optional().describe('Global default'),
    departments: z
      .array(z.object({ departmentId: ZId, autoAssign: z.boolean().nullable() }).strict())
      .max(500)
      .optional()
      .describe('Per department; null falls back to the global default'),
  })
  .strict();
export type UpdateTriageSettings = z.infer<typeof ZUpdateTriageSettings>;

export const ZTriageSettingsResponse = z.object({ data: ZTriageSettings });

export const ZUserSkills = z.object({ userId: z.string(), skills: z.array(z.string()) });
export const ZSetUserSkills = z
  .object({ skills: z.array(z.string().trim().min(1).max(64)).max(50) })
  .strict();
export const ZUserIdParams = z.object({ userId: z.string().max(100) });
export const ZUserSkillsResponse = z.object({ data: ZUserSkills });
export const ZUserSkillsListResponse = z.object({ data: z.array(ZUserSkills) });

export const ZTriageQueueQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();
