import type { DbOrTrx } from '../../../platform/db/database.js';

/** Ids of every item of a customer (for other modules that scrub their copies on erasure). */
export async function feedbackIdsOfCustomer(db: DbOrTrx, customerId: string): Promise<string[]> {
  const rows = await db.selectFrom('feedback').select('id').where('customer_id', '=', customerId).execute();
  return rows.map((r) => r.id);
}
