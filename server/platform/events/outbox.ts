import type { DbOrTrx } from '../db/database.js';
import { newId } from '../db/ids.js';

export interface DomainEvent<P = Record<string, unknown>> {
  id: string;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: P;
  createdAt: string;
}

/**
 * Records a domain event in the same transaction as the change it describes (transactional outbox):
 * the event exists if and only if the change committed.
 */
export async function recordEvent(
  trx: DbOrTrx,
  event: {
    type: string;
    aggregateType: string;
    aggregateId: string;
    payload: Record<string, unknown>;
    at: string;
  },
): Promise<string> {
  const id = newId();
  await trx
    .insertInto('outbox')
    .values({
      id,
      type: event.type,
      aggregate_type: event.aggregateType,
      aggregate_id: event.aggregateId,
      payload: JSON.stringify(event.payload),
      created_at: event.at,
      dispatched_at: null,
    })
    .execute();
  return id;
}
