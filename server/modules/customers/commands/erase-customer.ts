import type { Actor } from '../../../platform/auth/actor.js';
import type { DbOrTrx } from '../../../platform/db/database.js';
import { recordEvent } from '../../../platform/events/outbox.js';
import { AppError } from '../../../platform/http/errors.js';
import { recordAudit } from '../../identity/index.js';
import { CUSTOMER_EVENTS } from '../customers.events.js';
import * as repo from '../customers.repository.js';

/**
 * Erases a customer's personal data on request (PIPL / GDPR): identities, name, notes and locale go;
 * the row, its tier and its feedback stay so history and statistics remain whole. Idempotent.
 */
export async function eraseCustomer(options: {
  trx: DbOrTrx;
  actor: Actor;
  customerId: string;
  reason?: string;
  at: string;
  ip?: string | null;
}): Promise<void> {
  const { trx, actor, customerId, reason, at, ip } = options;
  const customer = await repo.findCustomerById(trx, customerId);
  if (!customer) throw new AppError('customer_not_found');
  if (customer.erased_at) return;
  const identitiesRemoved = await repo.deleteIdentitiesOf(trx, customerId);
  await repo.updateCustomer(trx, customerId, {
    name: null,
    notes: null,
    locale: null,
    erased_at: at,
    updated_at: at,
  });
  await recordAudit(trx, {
    actor,
    action: 'customer.erased',
    entityType: 'customer',
    entityId: customerId,
    details: { identitiesRemoved, ...(reason ? { reason } : {}) },
    ip,
    at,
  });
  await recordEvent(trx, {
    type: CUSTOMER_EVENTS.erased,
    aggregateType: 'customer',
    aggregateId: customerId,
    payload: { customerId },
    at,
  });
}
