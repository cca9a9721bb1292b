import type { Customer, CustomerIdentity } from '../../../shared/contracts/customers.js';
import type { IdentityRow } from './customers.repository.js';
import { maskIdentity, maskName } from './normalize-identity.js';
import type { CustomerView } from './queries/customer-view.js';

export interface PresentOptions {
  /** Lists always mask contact details and omit notes (PIPL: minimum exposure). */
  context: 'detail' | 'list';
  /** Whether the viewer's role may see personal data at all (see canSeeCustomerPii). */
  piiAllowed: boolean;
}

function presentIdentity(row: IdentityRow, unmasked: boolean): CustomerIdentity {
  return {
    id: row.id,
    kind: row.kind,
    value: unmasked ? row.value : maskIdentity(row.kind, row.value),
    masked: !unmasked,
    verified: row.verified === 1,
    createdAt: row.created_at,
  };
}

/** The agent/console view of a customer. */
export function presentCustomer(view: CustomerView, options: PresentOptions): Customer {
  const { customer, identities, stats } = view;
  const full = options.piiAllowed && options.context === 'detail';
  return {
    id: customer.id,
    name: customer.name === null || options.piiAllowed ? customer.name : maskName(customer.name),
    tier: customer.tier,
    locale: customer.locale,
    notes: full ? customer.notes : null,
    identities: identities.map((i) => presentIdentity(i, full)),
    piiMasked: !full,
    erased: customer.erased_at !== null,
    erasedAt: customer.erased_at,
    feedbackCount: stats.count,
    lastFeedbackAt: stats.lastFeedbackAt,
    createdAt: customer.created_at,
    updatedAt: customer.updated_at,
    links: { feedback: `/api/v1/feedback?customerId=${encodeURIComponent(customer.id)}` },
  };
}
