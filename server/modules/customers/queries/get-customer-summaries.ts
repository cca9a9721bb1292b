import type { CustomerTier } from '../../../../shared/enums.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import * as repo from '../customers.repository.js';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CustomerSummary {
  id: string;
  name: string | null;
  tier: CustomerTier;
  erased: boolean;
}

/** Name and tier of many customers at once (for other modules' lists); unknown ids are absent. */
export async function getCustomerSummaries(
  db: DbOrTrx,
  ids: string[],
): Promise<Map<string, CustomerSummary>> {
  // Postgres rejects a malformed uuid in a comparison, so such ids are simply not found.
  const unique = [...new Set(ids)].filter((id) => UUID_RE.test(id));
  const map = new Map<string, CustomerSummary>();
  for (let i = 0; i < unique.length; i += 500) {
    for (const row of await repo.findCustomersByIds(db, unique.slice(i, i + 500))) {
      map.set(row.id, { id: row.id, name: row.name, tier: row.tier, erased: row.erased_at !== null });
    }
  }
  return map;
}
