import type { DbOrTrx } from '../../../platform/db/database.js';
import * as repo from '../customers.repository.js';
import { normalizeEmail, normalizePhone } from '../normalize-identity.js';

export interface MatchedContact {
  kind: 'email' | 'phone';
  /** Normalised: lower-case email or E.164 phone. */
  value: string;
}

/**
 * Whether what a person typed (an email or a phone number, in any usual spelling) is one of the customer's
 * own identities; the matched identity, or null. An erased customer matches nothing.
 */
export async function matchCustomerContact(
  db: DbOrTrx,
  customerId: string,
  typed: string,
): Promise<MatchedContact | null> {
  const text = typed.trim();
  const candidate: MatchedContact | null = text.includes('@')
    ? toMatch('email', normalizeEmail(text))
    : toMatch('phone', normalizePhone(text));
  if (!candidate) return null;
  const [customer] = await repo.findCustomersByIds(db, [customerId]);
  if (!customer || customer.erased_at) return null;
  const [identity] = await repo.findIdentitiesByKeys(db, [candidate]);
  return identity && identity.customer_id === customerId ? candidate : null;
}

function toMatch(kind: MatchedContact['kind'], value: string | null): MatchedContact | null {
  return value ? { kind, value } : null;
}
