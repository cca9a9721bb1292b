import type { CustomerTier, IdentityKind } from '../../../shared/enums.js';

export interface CustomerTable {
  id: string;
  name: string | null;
  tier: CustomerTier;
  locale: string | null;
  notes: string | null;
  /** Denormalised by a job from the feedback table; never the source of truth. */
  feedback_count: number;
  last_feedback_at: string | null;
  created_at: string;
  updated_at: string;
  /** Set when the customer's personal data was erased (PIPL / GDPR); name, notes and identities are gone. */
  erased_at: string | null;
}

export interface CustomerIdentityTable {
  id: string;
  customer_id: string;
  kind: IdentityKind;
  /** Normalised: lower-cased email, E.164 phone (`+8613812345678`), or `system:id` for external. */
  value: string;
  verified: number;
  created_at: string;
}
