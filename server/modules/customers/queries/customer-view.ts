import type { CustomerRow, IdentityRow } from '../customers.repository.js';

/** What the presenter needs for one customer. */
export interface CustomerView {
  customer: CustomerRow;
  identities: IdentityRow[];
  stats: { count: number; lastFeedbackAt: string | null };
}
