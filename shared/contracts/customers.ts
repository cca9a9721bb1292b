import { z } from 'zod';
import { CUSTOMER_TIERS, IDENTITY_KINDS, LOCALES } from '../enums.js';

export const ZCustomerTier = z.enum(CUSTOMER_TIERS);
export const ZIdentityKind = z.enum(IDENTITY_KINDS);

const ZName = z.string().trim().min(1).max(200);
const ZNotes = z.string().max(10_000);

export const ZIdentityInput = z
  .object({
    kind: ZIdentityKind,
    /** Email, phone (any common format; Chinese numbers need no country code) or "system:id". */
    value: z.string().trim().min(1).max(254),
  })
  .strict();
export type IdentityInput = z.infer<typeof ZIdentityInput>;

export const ZCreateCustomer = z
  .object({
    name: ZName.optional(),
    tier: ZCustomerTier.optional(),
    locale: z.enum(LOCALES).optional(),
    notes: ZNotes.optional(),
    identities: z.array(ZIdentityInput).max(20).optional(),
  })
  .strict();
export type CreateCustomer = z.infer<typeof ZCreateCustomer>;

export const ZUpdateCustomer = z
  .object({
    name: ZName.nullable().optional(),
    tier: ZCustomerTier.optional(),
    locale: z.enum(LOCALES).nullable().optional(),
    notes: ZNotes.nullable().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: 'At least one field is required' });
export type UpdateCustomer = z.infer<typeof ZUpdateCustomer>;

export const ZEraseCustomer = z
  .object({ reason: z.string().trim().max(500).optional() })
  .strict()
  // No body at all reaches the validator as null.
  .nullish();
export type EraseCustomer = z.infer<typeof ZEraseCustomer>;

export const ZListCustomersQuery = z
  .object({
    q: z.string().trim().min(1).max(200).optional(),
    tier: ZCustomerTier.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type ListCustomersQuery = z.infer<typeof ZListCustomersQuery>;

export const ZCustomerParams = z.object({ id: z.uuid() });
export const ZCustomerIdentityParams = z.object({ id: z.uuid(), identityId: z.uuid() });

export const ZCustomerIdentity = z.object({
  id: z.string(),
  kind: ZIdentityKind,
  /** The normalised value (E.164 phone, lower-cased email), or its masked form when `masked` is true. */
  value: z.string(),
  masked: z.boolean(),
  verified: z.boolean(),
  createdAt: z.string(),
});
export type CustomerIdentity = z.infer<typeof ZCustomerIdentity>;

export const ZCustomer = z.object({
  id: z.string(),
  name: z.string().nullable(),
  tier: ZCustomerTier,
  locale: z.string().nullable(),
  /** Null in lists and for roles that may not see personal data. */
  notes: z.string().nullable(),
  identities: z.array(ZCustomerIdentity),
  /** True when contact details are masked in this view (always in lists; everywhere for analysts). */
  piiMasked: z.boolean(),
  erased: z.boolean(),
  erasedAt: z.string().nullable(),
  feedbackCount: z.number().int(),
  lastFeedbackAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  links: z.object({ feedback: z.string() }),
});
export type Customer = z.infer<typeof ZCustomer>;

export const ZCustomerResponse = z.object({ data: ZCustomer });
export const ZCustomerListResponse = z.object({
  data: z.array(ZCustomer),
  nextCursor: z.string().nullable(),
});
